import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../adapters/console/csv.js';

describe('CSV for French Excel', () => {
  it('starts with a UTF-8 BOM, separates with ; and ends lines with CRLF', () => {
    const csv = toCsv(['question', 'nombre'], [['Qu’est-ce que le MOS ?', 3]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFquestion;nombre\r\nQu’est-ce que le MOS ?;3\r\n');
  });

  it('quotes cells holding ; quotes or line breaks, doubling quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il a dit "oui"')).toBe('"il a dit ""oui"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell(' espace')).toBe('" espace"');
    expect(csvCell(undefined)).toBe('');
  });

  it('keeps formulas as text (=, +, -, @, tab, CR), and writes decimals with a comma', () => {
    expect(csvCell('=HYPERLINK("http://x","clic")')).toBe('"\'=HYPERLINK(""http://x"",""clic"")"');
    expect(csvCell('+33 6 00')).toBe("'+33 6 00");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(0.25)).toBe('0,25');
    expect(csvCell(-3)).toBe('-3');
  });
});
