/** Reorders an Arrow result in the page, keeping every column's type: used for analysis
 *  results (a few thousand rows at most), whose names the engine cannot put in Vietnamese
 *  order, and for a click on a header of a table that is not the person's own query. */
import { makeBuilder, makeData, RecordBatch, Schema, Struct, Table, Type, type Data, type Int, type Utf8 } from 'apache-arrow';
import { compareValues, sortTextsVi } from '../format/collate';

export interface SortKey {
  column: string;
  descending?: boolean;
}

/** The row order `keys` give (stable: rows equal on every key keep the engine's order).
 *  Nulls stay last whichever the direction. Each key becomes a dense rank per row (text ranked
 *  once among its distinct values in Vietnamese order); the ranks and the row index are packed
 *  into one number per row, so the rows sort as one Float64Array, natively, without a comparator
 *  (60,000 rows in a few milliseconds; a comparator over the rows took ~100 ms). */
export function sortedRowOrder(table: Table, keys: readonly SortKey[]): number[] {
  const names = table.schema.fields.map((f) => f.name);
  const n = table.numRows;
  const ranks = keys
    .map((k) => ({ index: names.indexOf(k.column), descending: !!k.descending }))
    .filter((c) => c.index >= 0)
    .map((c) => denseRanks(table, c.index, c.descending));
  // Each key's ranks run 0..count (count: null), so the packed key is exact below 2^53.
  const span = ranks.reduce((product, r) => product * (r.count + 1), n);
  if (span >= Number.MAX_SAFE_INTEGER) return orderByComparator(ranks, n);
  const packed = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    let key = 0;
    for (const r of ranks) key = key * (r.count + 1) + r.ranks[row]!;
    packed[row] = key * n + row;
  }
  packed.sort();
  return Array.from(packed, (key) => key % n);
}

/** The same order for keys too many to pack into one number (very rare: millions of distinct values). */
function orderByComparator(ranks: Ranks[], n: number): number[] {
  const order = Array.from({ length: n }, (_, r) => r);
  return order.sort((a, b) => {
    for (const r of ranks) if (r.ranks[a] !== r.ranks[b]) return r.ranks[a]! - r.ranks[b]!;
    return a - b;
  });
}

/** A column as ranks 0..count-1 in sort order (reversed when descending), nulls as `count`. */
interface Ranks {
  ranks: Int32Array;
  count: number;
}

function denseRanks(table: Table, index: number, descending: boolean): Ranks {
  const { keys, values, text } = sortKeysOf(table, index);
  let distinct = [...values.keys()];
  // Numbers natively (NaN last); text in Vietnamese order; anything else in `compareValues` order.
  if (typeof distinct[0] === 'number') distinct = Array.from(Float64Array.from(distinct as number[]).sort());
  else {
    const keyOf = text ? new Map([...values].map(([key, value]) => [value as string, key])) : null;
    if (keyOf && keyOf.size === values.size) distinct = sortTextsVi([...keyOf.keys()]).map((value) => keyOf.get(value));
    else distinct.sort((a, b) => compareValues(values.get(a), values.get(b)));
  }
  const count = distinct.length;
  const rankOf = new Map<unknown, number>();
  distinct.forEach((key, i) => rankOf.set(key, descending ? count - 1 - i : i));
  const ranks = new Int32Array(keys.length);
  for (let row = 0; row < keys.length; row++) {
    const key = keys[row];
    ranks[row] = key === null ? count : rankOf.get(key)!;
  }
  return { ranks, count };
}

/** Per row a key that is equal exactly when the values are (null for null), and each distinct
 *  key's value. Numbers are their own keys. Text rows are keyed by their bytes, read as one
 *  string per batch and sliced (decoding each of 60,000 names took tens of milliseconds); only
 *  the distinct values are decoded, to be put in Vietnamese order. */
function sortKeysOf(table: Table, index: number): { keys: unknown[]; values: Map<unknown, unknown>; text?: boolean } {
  const keys: unknown[] = [];
  const values = new Map<unknown, unknown>();
  const type = table.schema.fields[index]!.type.typeId;
  if (type === Type.Utf8) {
    const utf8 = new TextDecoder();
    for (const batch of table.batches) {
      const d = batch.getChildAt(index)!.data[0]!;
      const o = d.valueOffsets as Int32Array;
      const bytes = d.values as Uint8Array;
      const raw = BYTES_AS_TEXT.decode(bytes);
      for (let r = 0; r < d.length; r++) {
        if (!isValidAt(d, r)) {
          keys.push(null);
          continue;
        }
        const key = raw.slice(o[r]!, o[r + 1]!);
        keys.push(key);
        if (!values.has(key)) values.set(key, utf8.decode(bytes.subarray(o[r]!, o[r + 1]!)));
      }
    }
    return { keys, values, text: true };
  }
  if (FIXED.has(type) && table.batches.every((b) => b.getChildAt(index)!.data[0]!.stride === 1)) {
    for (const batch of table.batches) {
      const d = batch.getChildAt(index)!.data[0]!;
      const typed = d.values as unknown as ArrayLike<number | bigint>;
      for (let r = 0; r < d.length; r++) {
        if (!isValidAt(d, r)) {
          keys.push(null);
          continue;
        }
        const key = Number(typed[r]!);
        keys.push(key);
        if (!values.has(key)) values.set(key, key);
      }
    }
    return { keys, values };
  }
  const all = columnValues(table, index);
  const numeric = all.every((v) => v === null || typeof v === 'number' || typeof v === 'bigint');
  // Mixed or other values: keyed by kind and text, compared by `compareValues`.
  const keyOf = (v: unknown) => (numeric ? Number(v) : typeof v === 'number' || typeof v === 'bigint' ? `n${v}` : `s${String(v)}`);
  for (const v of all) {
    if (v === null || v === undefined) {
      keys.push(null);
      continue;
    }
    const key = keyOf(v);
    keys.push(key);
    if (!values.has(key)) values.set(key, numeric ? key : v);
  }
  return { keys, values };
}

/** Every byte to one character and back (WHATWG windows-1252 maps all 256 bytes to distinct
 *  characters), so equal byte strings give equal, cheap-to-slice JavaScript strings. */
const BYTES_AS_TEXT = new TextDecoder('windows-1252');

/** A column's values in row order, read batch by batch (a row index searches every batch). */
function columnValues(table: Table, index: number): unknown[] {
  const out: unknown[] = [];
  for (const batch of table.batches) {
    const vector = batch.getChildAt(index);
    for (let r = 0; r < batch.numRows; r++) out.push(vector?.get(r) ?? null);
  }
  return out;
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
  const children = table.schema.fields.map((field, i) => {
    const parts = table.batches.map((batch) => batch.getChildAt(i)!.data[0]!);
    const copied = field.type.typeId === Type.Utf8 ? gatherText(parts, order, batchOf, rowOf) : FIXED.has(field.type.typeId) ? gatherFixed(parts, order, batchOf, rowOf) : null;
    return copied ?? gatherByBuilder(table, i, order);
  });
  // One batch under the result's own schema (field names, nullability, metadata kept as given).
  const schema = new Schema(table.schema.fields, table.schema.metadata);
  const struct = makeData({ type: new Struct(schema.fields), length: order.length, nullCount: 0, children });
  return new Table(schema, [new RecordBatch(schema, struct)]);
}

/** A column's data in one batch. A slice of it keeps its null bitmap whole (read at
 *  `offset + row`) but starts its values, or its value offsets, at the slice. */
type Part = Data;

const isValidAt = (d: Part, r: number) => !d.nullBitmap || d.nullCount === 0 || ((d.nullBitmap[(d.offset + r) >> 3]! >> ((d.offset + r) & 7)) & 1) === 1;

function nullBitmapOf(parts: Part[], order: readonly number[], batchOf: Int32Array, rowOf: Int32Array): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(order.length / 8));
  let nulls = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (isValidAt(parts[batchOf[r]!]!, rowOf[r]!)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bitmap, nulls };
}

function gatherText(parts: Part[], order: readonly number[], batchOf: Int32Array, rowOf: Int32Array): Data | null {
  const { bitmap, nulls } = nullBitmapOf(parts, order, batchOf, rowOf);
  const offsets = new Int32Array(order.length + 1);
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const o = parts[batchOf[r]!]!.valueOffsets as Int32Array;
    const row = rowOf[r]!;
    offsets[i + 1] = offsets[i]! + (o[row + 1]! - o[row]!);
  }
  // Byte by byte: names are a few dozen bytes, and a subarray per row costs more than the copy.
  const bytes = new Uint8Array(offsets[order.length]!);
  let at = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const d = parts[batchOf[r]!]!;
    const o = d.valueOffsets as Int32Array;
    const src = d.values as Uint8Array;
    const row = rowOf[r]!;
    for (let k = o[row]!, end = o[row + 1]!; k < end; k++) bytes[at++] = src[k]!;
  }
  return makeData({ type: parts[0]!.type as Utf8, length: order.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, valueOffsets: offsets, data: bytes });
}

function gatherFixed(parts: Part[], order: readonly number[], batchOf: Int32Array, rowOf: Int32Array): Data | null {
  const first = parts[0]!;
  if (parts.some((d) => d.stride !== 1 || d.values.constructor !== first.values.constructor)) return null;
  const { bitmap, nulls } = nullBitmapOf(parts, order, batchOf, rowOf);
  const Values = first.values.constructor as new (n: number) => TypedArray;
  const values = new Values(order.length);
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    values[i] = (parts[batchOf[r]!]!.values as TypedArray)[rowOf[r]!]!;
  }
  return makeData({ type: first.type as Int, length: order.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data: values as Int['TArray'] });
}

type TypedArray = { [i: number]: number | bigint; length: number };

function gatherByBuilder(table: Table, index: number, order: readonly number[]): Data {
  const values = columnValues(table, index);
  // No `nullValues`: Arrow compiles them into a function with `new Function`, which the page's
  // CSP refuses; nulls are marked by hand instead.
  const builder = makeBuilder({ type: table.schema.fields[index]!.type });
  for (const r of order) {
    const value = values[r];
    if (value === null || value === undefined) builder.setValid(builder.length, false);
    else builder.append(value);
  }
  return builder.finish().flush();
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
