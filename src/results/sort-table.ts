/** Reorders an Arrow result in the page, keeping every column's type: used for analysis
 *  results (a few thousand rows at most), whose names the engine cannot put in Vietnamese
 *  order, and for a click on a header of a table that is not the person's own query. */
import { Table } from 'apache-arrow';
import { compareValues } from '../format/collate';

export interface SortKey {
  column: string;
  descending?: boolean;
}

/** The row order `keys` give (stable: rows equal on every key keep the engine's order).
 *  Nulls stay last whichever the direction. */
export function sortedRowOrder(table: Table, keys: readonly SortKey[]): number[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = keys
    .map((k) => ({ vector: table.getChildAt(names.indexOf(k.column)), sign: k.descending ? -1 : 1 }))
    .filter((c) => c.vector !== null);
  const values = cols.map((c) => Array.from({ length: table.numRows }, (_, r) => c.vector!.get(r) as unknown));
  const order = Array.from({ length: table.numRows }, (_, r) => r);
  order.sort((a, b) => {
    for (let k = 0; k < cols.length; k++) {
      const x = values[k]![a];
      const y = values[k]![b];
      const nulls = (x === null || x === undefined ? 1 : 0) - (y === null || y === undefined ? 1 : 0);
      if (nulls !== 0) return nulls;
      const c = compareValues(x, y) * cols[k]!.sign;
      if (c !== 0) return c;
    }
    return a - b;
  });
  return order;
}

/** The same rows in the order given; runs of consecutive rows stay one slice. */
export function reorder(table: Table, order: readonly number[]): Table {
  if (order.every((r, i) => r === i)) return table;
  const batches = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && order[j] === order[j - 1]! + 1) j++;
    batches.push(...table.slice(order[i]!, order[i]! + (j - i)).batches);
    i = j;
  }
  return new Table(table.schema, batches);
}

export function sortTable(table: Table, keys: readonly SortKey[]): Table {
  return keys.length === 0 ? table : reorder(table, sortedRowOrder(table, keys));
}

export type HeaderSort = { column: string; descending: boolean } | null;

/** A click on a header: ascending, then descending, then the order the view gives. */
export function nextSort(current: HeaderSort, column: string): HeaderSort {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
