/** CSV that French Excel opens as is: UTF-8 with BOM, `;` separators, CRLF lines. Pure. */

/** The byte-order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;
/** Cells starting with these are formulas to a spreadsheet (=HYPERLINK(…), +cmd, @SUM, tab/CR tricks): prefixed with ' to stay text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'number' ? String(value).replace('.', ',') : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF included. */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvCell).join(';')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + [header, ...rows].map(csvLine).join('');
}
