/** Reorders an Arrow result in the page, keeping every column's type: used for analysis
 *  results (a few thousand rows at most), whose names the engine cannot put in Vietnamese
 *  order, and for a click on a header of a table that is not the person's own query. */
import { makeBuilder, Schema, Table, Type, type Vector } from 'apache-arrow';
import { compareValues } from '../format/collate';

export interface SortKey {
  column: string;
  descending?: boolean;
}

/** The row order `keys` give (stable: rows equal on every key keep the engine's order).
 *  Nulls stay last whichever the direction. Text is compared through ranks: its distinct values
 *  are put in Vietnamese order once, so a result of 60,000 rows sorts in tens of milliseconds
 *  (the collator per comparison took seconds). */
export function sortedRowOrder(table: Table, keys: readonly SortKey[]): number[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = keys
    .map((k) => ({ index: names.indexOf(k.column), sign: k.descending ? -1 : 1 }))
    .filter((c) => c.index >= 0)
    .map((c) => ({ values: sortableValues(columnValues(table, c.index)), sign: c.sign }));
  const order = Array.from({ length: table.numRows }, (_, r) => r);
  order.sort((a, b) => {
    for (let k = 0; k < cols.length; k++) {
      const x = cols[k]!.values[a]!;
      const y = cols[k]!.values[b]!;
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      if (x !== y) return (x < y ? -1 : 1) * cols[k]!.sign;
    }
    return a - b;
  });
  return order;
}

/** A column's values in row order, read batch by batch (a row index searches every batch). */
function columnValues(table: Table, index: number): unknown[] {
  const out: unknown[] = [];
  for (const batch of table.batches) {
    const vector = batch.getChildAt(index);
    for (let r = 0; r < batch.numRows; r++) out.push(vector?.get(r) ?? null);
  }
  return out;
}

/** Values that compare with `<`: numbers as numbers, anything else by its rank among the
 *  column's distinct values in `compareValues` order. */
function sortableValues(values: unknown[]): (number | null)[] {
  if (values.every((v) => v === null || typeof v === 'number' || typeof v === 'bigint')) return values.map((v) => (v === null ? null : Number(v)));
  const keyOf = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? `n${v}` : `s${String(v)}`);
  const distinct = new Map<string, unknown>();
  for (const v of values) if (v !== null) distinct.set(keyOf(v), v);
  const ranked = [...distinct.entries()].sort((a, b) => compareValues(a[1], b[1]));
  const rank = new Map<string, number>();
  ranked.forEach(([key], i) => rank.set(key, i));
  return values.map((v) => (v === null ? null : rank.get(keyOf(v))!));
}

/** The same rows in the order given. Runs of consecutive rows stay one slice; an order that
 *  scatters the rows is gathered column by column instead (one batch per row run is thousands
 *  of batches, slow to build and to read). */
export function reorder(table: Table, order: readonly number[]): Table {
  if (order.every((r, i) => r === i)) return table;
  let runs = 1;
  for (let i = 1; i < order.length; i++) if (order[i] !== order[i - 1]! + 1) runs++;
  if (runs > 16) {
    const gathered = gather(table, order);
    if (gathered) return gathered;
  }
  const batches = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && order[j] === order[j - 1]! + 1) j++;
    batches.push(...table.slice(order[i]!, order[i]! + (j - i)).batches);
    i = j;
  }
  return new Table(table.schema, batches);
}

/** Rows picked by index into new columns of the same types; null when a column's type is not
 *  one whose values an Arrow builder takes back as read (decimals, nested types). */
function gather(table: Table, order: readonly number[]): Table | null {
  const columns: Record<string, Vector> = {};
  for (const [i, field] of table.schema.fields.entries()) {
    if (!GATHERABLE.has(field.type.typeId)) return null;
    const values = columnValues(table, i);
    // No `nullValues`: Arrow compiles them into a function with `new Function`, which the page's
    // CSP refuses; nulls are marked by hand instead.
    const builder = makeBuilder({ type: field.type });
    for (const r of order) {
      const value = values[r];
      if (value === null || value === undefined) builder.setValid(builder.length, false);
      else builder.append(value);
    }
    columns[field.name] = builder.finish().toVector();
  }
  const gathered = new Table(columns);
  return new Table(new Schema(table.schema.fields, table.schema.metadata), gathered.batches);
}

const GATHERABLE = new Set<Type>([Type.Int, Type.Float, Type.Utf8, Type.LargeUtf8, Type.Bool, Type.Date, Type.Timestamp, Type.Time]);

export function sortTable(table: Table, keys: readonly SortKey[]): Table {
  return keys.length === 0 ? table : reorder(table, sortedRowOrder(table, keys));
}

export type HeaderSort = { column: string; descending: boolean } | null;

/** A click on a header: ascending, then descending, then the order the view gives. */
export function nextSort(current: HeaderSort, column: string): HeaderSort {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
