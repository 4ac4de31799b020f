/** Reorders an Arrow result in the page, keeping every column's type: used for analysis
 *  results (a few thousand rows at most), whose names the engine cannot put in Vietnamese
 *  order, and for a click on a header of a table that is not the person's own query. */
import { makeBuilder, makeData, RecordBatch, Schema, Struct, Table, Type, type Data, type Int, type Utf8 } from 'apache-arrow';
import { compareValues, sortTextsVi } from '../format/collate';
import { columnValues, tableBytes } from './columns';

export interface SortKey {
  column: string;
  descending?: boolean;
}

/** The row order `keys` give (stable: rows equal on every key keep the engine's order).
 *  Nulls stay last whichever the direction. Each key becomes a dense rank per row (text ranked
 *  once among its distinct values in Vietnamese order); the ranks and the row index are packed
 *  into one number per row, so the rows sort as one Float64Array, natively, without a comparator
 *  (60,000 rows in a few milliseconds; a comparator over the rows took ~100 ms). */
export function sortedRowOrder(table: Table, keys: readonly SortKey[]): Int32Array {
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
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n;
  return order;
}

/** The same order for keys too many to pack into one number (very rare: millions of distinct values). */
function orderByComparator(ranks: Ranks[], n: number): Int32Array {
  const order = Array.from({ length: n }, (_, r) => r);
  return Int32Array.from(order.sort((a, b) => {
    for (const r of ranks) if (r.ranks[a] !== r.ranks[b]) return r.ranks[a]! - r.ranks[b]!;
    return a - b;
  }));
}

/** A column as ranks 0..count-1 in sort order (reversed when descending), nulls as `count`. */
interface Ranks {
  ranks: Int32Array;
  count: number;
}

function denseRanks(table: Table, index: number, descending: boolean): Ranks {
  const type = table.schema.fields[index]!.type.typeId;
  if (type === Type.Utf8) return textRanks(table, index, descending);
  if (FIXED.has(type) && table.batches.every((b) => b.getChildAt(index)!.data[0]!.stride === 1)) return numberRanks(table, index, descending);
  return otherRanks(table, index, descending);
}

/** Plain numbers: each row's value read from its typed array, ranked by a binary search among
 *  the distinct values (sorted natively, NaN last). A Map of values took ~10 ms per column of
 *  60,000 rows. */
function numberRanks(table: Table, index: number, descending: boolean): Ranks {
  const n = table.numRows;
  const values = new Float64Array(n);
  const valid = new Uint8Array(n);
  let present = 0;
  let at = 0;
  for (const batch of table.batches) {
    const d = batch.getChildAt(index)!.data[0]!;
    const typed = d.values as unknown as ArrayLike<number | bigint>;
    // 64-bit integers read as two words, low first (every browser's platform is little-endian):
    // an element read is a BigInt made per row. Exact up to 2^53, as Number() is.
    const words = d.values instanceof BigInt64Array || d.values instanceof BigUint64Array ? new Int32Array(d.values.buffer, d.values.byteOffset, d.values.length * 2) : null;
    const signed = d.values instanceof BigInt64Array;
    const nulls = nullsOf(d);
    for (let r = 0; r < d.length; r++, at++) {
      if (!validIn(nulls, r)) continue;
      values[at] = words ? (signed ? words[2 * r + 1]! : words[2 * r + 1]! >>> 0) * 4294967296 + (words[2 * r]! >>> 0) : Number(typed[r]!);
      valid[at] = 1;
      present++;
    }
  }
  const sorted = new Float64Array(present);
  for (let row = 0, k = 0; row < n; row++) if (valid[row]) sorted[k++] = values[row]!;
  sorted.sort();
  // Distinct values in order (-0 and 0 are one value, as they compare equal; NaN once, last).
  let count = 0;
  for (let i = 0; i < present; i++) {
    const v = sorted[i]!;
    if (count === 0 || !(v === sorted[count - 1]! || (v !== v && sorted[count - 1]! !== sorted[count - 1]!))) sorted[count++] = v;
  }
  const distinct = sorted.subarray(0, count);
  const hasNaN = count > 0 && distinct[count - 1]! !== distinct[count - 1]!;
  const numbers = hasNaN ? count - 1 : count;
  const ranks = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    if (!valid[row]) {
      ranks[row] = count;
      continue;
    }
    const v = values[row]!;
    let place: number;
    if (v !== v) place = count - 1;
    else {
      let lo = 0;
      let hi = numbers - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (distinct[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      place = lo;
    }
    ranks[row] = descending ? count - 1 - place : place;
  }
  return { ranks, count };
}

/** Text: rows with the same bytes share an id (an open-addressing table of byte hashes, no
 *  string made per row); only the distinct values are decoded, and put in Vietnamese order. */
function textRanks(table: Table, index: number, descending: boolean): Ranks {
  const n = table.numRows;
  const idOf = new Int32Array(n).fill(-1);
  const parts = table.batches.map((batch) => batch.getChildAt(index)!.data[0]!);
  // Each distinct value: where its bytes are, and their hash.
  const where: { part: number; start: number; end: number }[] = [];
  const hashes: number[] = [];
  let mask = 1023;
  let slots = new Int32Array(mask + 1).fill(-1);
  const place = (hash: number) => {
    let i = hash & mask;
    while (slots[i] !== -1) i = (i + 1) & mask;
    return i;
  };
  let at = 0;
  parts.forEach((d, part) => {
    const o = d.valueOffsets as Int32Array;
    const bytes = d.values as Uint8Array;
    const nulls = nullsOf(d);
    for (let r = 0; r < d.length; r++, at++) {
      if (!validIn(nulls, r)) continue;
      const start = o[r]!;
      const end = o[r + 1]!;
      // FNV-1a over the value's bytes.
      let hash = 0x811c9dc5;
      for (let k = start; k < end; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
      hash >>>= 0;
      let i = hash & mask;
      let id = -1;
      for (let s = slots[i]!; s !== -1; i = (i + 1) & mask, s = slots[i]!) {
        if (hashes[s] !== hash) continue;
        const w = where[s]!;
        if (w.end - w.start !== end - start) continue;
        const other = parts[w.part]!.values as Uint8Array;
        let k = 0;
        while (k < end - start && other[w.start + k] === bytes[start + k]) k++;
        if (k === end - start) {
          id = s;
          break;
        }
      }
      if (id === -1) {
        id = where.length;
        where.push({ part, start, end });
        hashes.push(hash);
        slots[i] = id;
        // Kept under half full: grown, and every distinct value placed again.
        if (where.length * 2 > mask) {
          mask = mask * 2 + 1;
          slots = new Int32Array(mask + 1).fill(-1);
          hashes.forEach((h, s) => (slots[place(h)] = s));
        }
      }
      idOf[at] = id;
    }
  });
  const utf8 = new TextDecoder();
  const texts = where.map((w) => utf8.decode((parts[w.part]!.values as Uint8Array).subarray(w.start, w.end)));
  const count = texts.length;
  const rankOfId = new Int32Array(count);
  const idOfText = new Map(texts.map((text, id) => [text, id]));
  // Distinct bytes decode to distinct texts (valid UTF-8): Vietnamese order; otherwise (bytes
  // that are not UTF-8) the comparator of every other value.
  const ordered = idOfText.size === count ? sortTextsVi([...texts]).map((text) => idOfText.get(text)!) : texts.map((_, id) => id).sort((a, b) => compareValues(texts[a], texts[b]));
  ordered.forEach((id, i) => (rankOfId[id] = descending ? count - 1 - i : i));
  const ranks = new Int32Array(n);
  for (let row = 0; row < n; row++) ranks[row] = idOf[row] === -1 ? count : rankOfId[idOf[row]!]!;
  return { ranks, count };
}

/** Any other type (dates, decimals, mixed values): keyed by kind and text, in `compareValues` order. */
function otherRanks(table: Table, index: number, descending: boolean): Ranks {
  const keys: unknown[] = [];
  const values = new Map<unknown, unknown>();
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
  let distinct = [...values.keys()];
  if (numeric) distinct = Array.from(Float64Array.from(distinct as number[]).sort());
  else distinct.sort((a, b) => compareValues(values.get(a), values.get(b)));
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

/** True when the order leaves every row where it is. */
function inPlace(order: ArrayLike<number>): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false;
  return true;
}

/** The same rows in the order given. Runs of consecutive rows stay one slice; an order that
 *  scatters the rows is gathered column by column instead (one batch per row run is thousands
 *  of batches, slow to build and to read). */
export function reorder(table: Table, order: ArrayLike<number>): Table {
  if (inPlace(order)) return table;
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
function gather(table: Table, order: ArrayLike<number>): Table | null {
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

/** A part's null bitmap when it has nulls (read at `offset + row`), or null: every row valid.
 *  Read once per part, not per row (Arrow's properties read per row took ~15 ms a column of
 *  600,000 rows). */
type Nulls = { bitmap: Uint8Array; offset: number } | null;
const nullsOf = (d: Part): Nulls => (d.nullBitmap && d.nullCount > 0 ? { bitmap: d.nullBitmap, offset: d.offset } : null);
const validIn = (n: Nulls, r: number) => !n || ((n.bitmap[(n.offset + r) >> 3]! >> ((n.offset + r) & 7)) & 1) === 1;

function nullBitmapOf(parts: Part[], order: ArrayLike<number>, batchOf: Int32Array, rowOf: Int32Array): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(order.length / 8));
  const withNulls = parts.map(nullsOf);
  if (withNulls.every((n) => n === null)) return { bitmap, nulls: 0 };
  let nulls = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (validIn(withNulls[batchOf[r]!] ?? null, rowOf[r]!)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bitmap, nulls };
}

function gatherText(parts: Part[], order: ArrayLike<number>, batchOf: Int32Array, rowOf: Int32Array): Data | null {
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

function gatherFixed(parts: Part[], order: ArrayLike<number>, batchOf: Int32Array, rowOf: Int32Array): Data | null {
  const first = parts[0]!;
  if (parts.some((d) => d.stride !== 1 || d.values.constructor !== first.values.constructor)) return null;
  const { bitmap, nulls } = nullBitmapOf(parts, order, batchOf, rowOf);
  const Values = first.values.constructor as new (n: number) => TypedArray & ArrayBufferView;
  const values = new Values(order.length);
  // Copied as 32-bit words: a 64-bit integer read as an element is a BigInt made per row
  // (600,000 rows took ~0.1 s), and a double's bits are kept exactly.
  const words = values.BYTES_PER_ELEMENT / 4;
  if (Number.isInteger(words) && words >= 1) {
    const out = new Int32Array(values.buffer, values.byteOffset, order.length * words);
    const from = parts.map((d) => new Int32Array(d.values.buffer, d.values.byteOffset, d.values.length * words));
    for (let i = 0; i < order.length; i++) {
      const r = order[i]!;
      const source = from[batchOf[r]!]!;
      const at = rowOf[r]! * words;
      for (let w = 0; w < words; w++) out[i * words + w] = source[at + w]!;
    }
  } else
    for (let i = 0; i < order.length; i++) {
      const r = order[i]!;
      values[i] = (parts[batchOf[r]!]!.values as TypedArray)[rowOf[r]!]!;
    }
  return makeData({ type: first.type as Int, length: order.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data: values as Int['TArray'] });
}

type TypedArray = { [i: number]: number | bigint; length: number; readonly BYTES_PER_ELEMENT: number };

function gatherByBuilder(table: Table, index: number, order: ArrayLike<number>): Data {
  const values = columnValues(table, index);
  // No `nullValues`: Arrow compiles them into a function with `new Function`, which the page's
  // CSP refuses; nulls are marked by hand instead.
  const builder = makeBuilder({ type: table.schema.fields[index]!.type });
  for (let i = 0; i < order.length; i++) {
    const value = values[order[i]!];
    if (value === null || value === undefined) builder.setValid(builder.length, false);
    else builder.append(value);
  }
  return builder.finish().flush();
}

const GATHERABLE = new Set<Type>([Type.Int, Type.Float, Type.Utf8, Type.LargeUtf8, Type.Bool, Type.Date, Type.Timestamp, Type.Time]);
/** Types whose values are one typed-array element per row. */
const FIXED = new Set<Type>([Type.Int, Type.Float]);

/** Sorted results already made, per result and keys. A view answered from the query layer's
 *  kept result gets the same table object again, and is not sorted again (60,000 rows took
 *  ~50 ms, 600,000 half a second). Kept as long as the result itself is (weakly). A sorted copy
 *  over `keepUpTo` bytes (past the largest result the query layer keeps, 64 MB) keeps only its
 *  row order (4 bytes a row), and is gathered again from it. */
const sortedBefore = new WeakMap<Table, Map<string, Table | Int32Array>>();

export function sortTable(table: Table, keys: readonly SortKey[], keepUpTo = 64 * 2 ** 20): Table {
  if (keys.length === 0) return table;
  const key = JSON.stringify(keys.map((k) => [k.column, !!k.descending]));
  let known = sortedBefore.get(table);
  const before = known?.get(key);
  if (before instanceof Table) return before;
  const order = before ?? sortedRowOrder(table, keys);
  const sorted = reorder(table, order);
  if (!known) sortedBefore.set(table, (known = new Map()));
  known.set(key, tableBytes(sorted) <= keepUpTo ? sorted : order);
  return sorted;
}


export type HeaderSort = { column: string; descending: boolean } | null;

/** A click on a header: ascending, then descending, then the order the view gives. */
export function nextSort(current: HeaderSort, column: string): HeaderSort {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
