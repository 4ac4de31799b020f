/** Reorders an Arrow result in the page, keeping every column's type: used for analysis
 *  results (a few thousand rows at most), whose names the engine cannot put in Vietnamese
 *  order, and for a click on a header of a table that is not the person's own query. */
import { makeBuilder, makeData, Schema, Table, Type, Vector, type Data, type Int, type Utf8 } from 'apache-arrow';
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
 *  one whose values an Arrow builder takes back as read (decimals, nested types). Text and
 *  plain numbers are copied as bytes (decoding and re-encoding 60,000 names took 100 ms). */
function gather(table: Table, order: readonly number[]): Table | null {
  if (!table.schema.fields.every((f) => GATHERABLE.has(f.type.typeId))) return null;
  // Row index → (batch, row in batch), once for every column.
  const batchOf = new Int32Array(table.numRows);
  const rowOf = new Int32Array(table.numRows);
  let at = 0;
  table.batches.forEach((batch, b) => {
    for (let r = 0; r < batch.numRows; r++, at++) {
      batchOf[at] = b;
      rowOf[at] = r;
    }
  });
  const columns: Record<string, Vector> = {};
  for (const [i, field] of table.schema.fields.entries()) {
    const parts = table.batches.map((batch) => batch.getChildAt(i)!.data[0]!);
    const copied = field.type.typeId === Type.Utf8 ? gatherText(parts, order, batchOf, rowOf) : FIXED.has(field.type.typeId) ? gatherFixed(parts, order, batchOf, rowOf) : null;
    columns[field.name] = copied ? new Vector([copied]) : gatherByBuilder(table, i, order);
  }
  const gathered = new Table(columns);
  return new Table(new Schema(table.schema.fields, table.schema.metadata), gathered.batches);
}

/** A column's data in one batch. A slice of it keeps its null bitmap whole (read at
 *  `offset + row`) but starts its values, or its value offsets, at the slice. */
type Part = Data;

const isValidAt = (d: Part, r: number) => !d.nullBitmap || d.nullCount === 0 || ((d.nullBitmap[(d.offset + r) >> 3]! >> ((d.offset + r) & 7)) & 1) === 1;

function nullBitmapOf(parts: Part[], order: readonly number[], batchOf: Int32Array, rowOf: Int32Array): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(order.length / 8));
  let nulls = 0;
  order.forEach((r, i) => {
    if (isValidAt(parts[batchOf[r]!]!, rowOf[r]!)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  });
  return { bitmap, nulls };
}

function gatherText(parts: Part[], order: readonly number[], batchOf: Int32Array, rowOf: Int32Array): Data | null {
  const { bitmap, nulls } = nullBitmapOf(parts, order, batchOf, rowOf);
  const offsets = new Int32Array(order.length + 1);
  order.forEach((r, i) => {
    const d = parts[batchOf[r]!]!;
    const o = d.valueOffsets as Int32Array;
    const row = rowOf[r]!;
    offsets[i + 1] = offsets[i]! + (o[row + 1]! - o[row]!);
  });
  const bytes = new Uint8Array(offsets[order.length]!);
  order.forEach((r, i) => {
    const d = parts[batchOf[r]!]!;
    const o = d.valueOffsets as Int32Array;
    const row = rowOf[r]!;
    bytes.set((d.values as Uint8Array).subarray(o[row]!, o[row + 1]!), offsets[i]!);
  });
  return makeData({ type: parts[0]!.type as Utf8, length: order.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, valueOffsets: offsets, data: bytes });
}

function gatherFixed(parts: Part[], order: readonly number[], batchOf: Int32Array, rowOf: Int32Array): Data | null {
  const first = parts[0]!;
  if (parts.some((d) => d.stride !== 1 || d.values.constructor !== first.values.constructor)) return null;
  const { bitmap, nulls } = nullBitmapOf(parts, order, batchOf, rowOf);
  const Values = first.values.constructor as new (n: number) => TypedArray;
  const values = new Values(order.length);
  order.forEach((r, i) => {
    const d = parts[batchOf[r]!]!;
    values[i] = (d.values as TypedArray)[rowOf[r]!]!;
  });
  return makeData({ type: first.type as Int, length: order.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data: values as Int['TArray'] });
}

type TypedArray = { [i: number]: number | bigint; length: number };

function gatherByBuilder(table: Table, index: number, order: readonly number[]): Vector {
  const values = columnValues(table, index);
  // No `nullValues`: Arrow compiles them into a function with `new Function`, which the page's
  // CSP refuses; nulls are marked by hand instead.
  const builder = makeBuilder({ type: table.schema.fields[index]!.type });
  for (const r of order) {
    const value = values[r];
    if (value === null || value === undefined) builder.setValid(builder.length, false);
    else builder.append(value);
  }
  return builder.finish().toVector();
}

const GATHERABLE = new Set<Type>([Type.Int, Type.Float, Type.Utf8, Type.LargeUtf8, Type.Bool, Type.Date, Type.Timestamp, Type.Time]);
/** Types whose values are one typed-array element per row. */
const FIXED = new Set<Type>([Type.Int, Type.Float]);

export function sortTable(table: Table, keys: readonly SortKey[]): Table {
  return keys.length === 0 ? table : reorder(table, sortedRowOrder(table, keys));
}

export type HeaderSort = { column: string; descending: boolean } | null;

/** A click on a header: ascending, then descending, then the order the view gives. */
export function nextSort(current: HeaderSort, column: string): HeaderSort {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
