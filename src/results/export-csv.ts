/** A result as CSV that Excel opens right: UTF-8 with a byte-order mark, raw values.
 *  A spreadsheet reads a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
 *  as a formula (OWASP "CSV injection"): such text cells, and such column names, are written
 *  with a leading `'` so they open as the text they are. Numbers are written as numbers,
 *  negative ones included. */
import Papa from 'papaparse';
import type { Table } from 'apache-arrow';
import { columnsOf, rawValue } from './columns';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must show it: never as a formula. */
export function neutralisedText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function resultToCsv(table: Table): string {
  const columns = columnsOf(table);
  const vectors = columns.map((_, i) => table.getChildAt(i));
  const rows: string[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    rows[r] = columns.map((c, i) => {
      const value = rawValue(vectors[i]?.get(r), c.kind);
      return c.kind === 'number' ? value : neutralisedText(value);
    });
  }
  return '\uFEFF' + Papa.unparse({ fields: columns.map((c) => neutralisedText(c.name)), data: rows }, { newline: '\r\n' });
}
