import { describe, expect, it } from 'vitest';
import { foldAccents, foldForComparison } from '../../knowledge/index.js';
import { foldedHash } from '../../knowledge/foldText.js';
import { seededRandom } from '../../adapters/console/seededRandom.js';

describe('foldAccents', () => {
  it('removes accents and expands ligatures, keeping case', () => {
    expect(foldAccents('Éditeur mise en œuvre Ségur ŒIL')).toBe('Editeur mise en oeuvre Segur OEIL');
    expect(foldAccents('Ex æquo, Straße')).toBe('Ex aequo, Strasse');
  });
});

describe('foldForComparison', () => {
  it('ignores case, accents, ligatures, apostrophe style and spacing', () => {
    expect(foldForComparison('  Qu’est-ce   que l’ŒUVRE  Été ? ')).toBe(foldForComparison("qu'est-ce que l'oeuvre ete?"));
  });

  it('keeps different words different', () => {
    expect(foldForComparison('le MOS')).not.toBe(foldForComparison('les NOS'));
  });
});

/** The folding as a pipeline of replacements (its definition): the table-driven implementation must match it. */
function referenceFold(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/\s+([?!:;,.…])/g, '$1')
    .trim();
}

describe('foldForComparison matches its definition', () => {
  it('on every single character', () => {
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      expect(foldForComparison(char), `U+${code.toString(16)}`).toBe(referenceFold(char));
    }
  });

  it('on random texts of accented letters, marks, ligatures, spaces, apostrophes and punctuation', () => {
    const random = seededRandom(3);
    const alphabet = [...'aeEéÉèÈêàÀçÇôÔœŒæßİiIΣσ?!:;,.…’‘`´ʼ\'-x ', '\u00a0', '\u202f', '\u2009', '\n', '\t', '\u0301', '\u0327', '\u0308', '😀', 'ﬁ', 'Å', 'ǅ'];
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(foldForComparison(text), JSON.stringify(text)).toBe(referenceFold(text));
    }
  });

  it('on a very long text (folded by the pipeline)', () => {
    const text = 'Été ? '.repeat(10_000);
    expect(foldForComparison(text)).toBe(referenceFold(text));
  });
});

describe('foldedHash', () => {
  it('hashes texts with the same fold alike, whether the table or the pipeline folds them', () => {
    const random = seededRandom(5);
    const alphabet = [...'aeEéÉèÈàÀçÇœŒß?!:;,.’\'x ', '\u00a0', '\u0301', '😀', 'Σ'];
    const byFold = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: Math.floor(random() * 10) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const folded = foldForComparison(text);
      const known = byFold.get(folded);
      if (known === undefined) byFold.set(folded, foldedHash(text));
      else expect(foldedHash(text), JSON.stringify(text)).toBe(known);
    }
    const long = 'Été ? '.repeat(10_000);
    expect(foldedHash(long)).toBe(foldedHash(long.toUpperCase().replaceAll('É', 'e')));
  });

  it('tells most different folds apart', () => {
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => foldedHash(`Question numéro ${i} ?`)));
    expect(hashes.size).toBeGreaterThan(9_990);
  });
});
