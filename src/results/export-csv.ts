/** A result as CSV that Excel opens right: UTF-8 with a byte-order mark, raw values. */
import Papa from 'papaparse';
import type { Table } from 'apache-arrow';
import { columnsOf, rawValue } from './columns';

export function resultToCsv(table: Table): string {
  const columns = columnsOf(table);
  const vectors = columns.map((_, i) => table.getChildAt(i));
  const rows: string[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    rows[r] = columns.map((c, i) => rawValue(vectors[i]?.get(r), c.kind));
  }
  return '\uFEFF' + Papa.unparse({ fields: columns.map((c) => c.name), data: rows }, { newline: '\r\n' });
}
