/** Which text columns of Arrow data may hold text that is not NFC, read from the bytes as they
 *  arrive (a Parquet file's batches, before the engine has them). The engine's own check
 *  (`sql/nfc-check.ts`, a regular expression over every value) took 2.7 s over five text
 *  columns of 5 M rows; reading the same bytes here takes a fraction of it, and the engine then
 *  checks and rewrites only the columns named here. Conservative: a code point this cannot
 *  vouch for (outside the Basic Multilingual Plane, or bytes that are not UTF-8) names the
 *  column, and the engine looks. */
import { RecordBatchReader, Type, type Data } from 'apache-arrow';
import { NOT_NFC_RANGES } from '../sql/nfc-check';

let table: Uint8Array | null = null;

/** 1 for every code point of the Basic Multilingual Plane in the engine check's class: a
 *  combining mark, a Hangul conjoining jamo, or one whose NFC differs from itself. */
function mayNotBeNfcTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x10000);
  const mark = /\p{M}/u;
  for (let c = 0x80; c < 0x10000; c++) if ((c < 0xd800 || c > 0xdfff) && mark.test(String.fromCharCode(c))) t[c] = 1;
  t.fill(1, 0x1100, 0x1200);
  for (const range of NOT_NFC_RANGES) {
    const [from, to = from] = range.split('-').map((h) => parseInt(h, 16)) as [number, number?];
    if (from < 0x10000) t.fill(1, from, Math.min(to!, 0xffff) + 1);
  }
  table = t;
  return t;
}

/** True when UTF-8 `bytes[from, to)` hold a code point that may make text not NFC. */
export function bytesMayNotBeNfc(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  const t = mayNotBeNfcTable();
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
    } else if (b >= 0xc2 && b < 0xe0) {
      if (t[((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f)]) return true;
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0) {
      if (t[((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f)]) return true;
      i += 3;
    } else {
      // Four bytes (some are marks or not NFC), or not UTF-8 at all: the engine decides.
      return true;
    }
  }
  return false;
}

/** Names of the columns of an Arrow IPC stream whose text may not be NFC (`known`: already
 *  named, not read again). Columns that are not text are never named; text in a form this does
 *  not read is. */
export function textColumnsMaybeNotNfc(ipc: Uint8Array, known: ReadonlySet<string> = new Set()): Set<string> {
  const found = new Set<string>();
  for (const batch of RecordBatchReader.from(ipc)) {
    batch.schema.fields.forEach((field, i) => {
      if (found.has(field.name) || known.has(field.name)) return;
      if ((batch.getChildAt(i)?.data ?? []).some(dataMayNotBeNfc)) found.add(field.name);
    });
  }
  return found;
}

const NOT_TEXT = new Set<Type>([Type.Null, Type.Int, Type.Float, Type.Bool, Type.Decimal, Type.Date, Type.Time, Type.Timestamp, Type.Interval, Type.Duration, Type.Binary, Type.LargeBinary, Type.FixedSizeBinary]);

function dataMayNotBeNfc(d: Data): boolean {
  switch (d.type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8: {
      const offsets = d.valueOffsets as ArrayLike<number | bigint>;
      return d.length > 0 && bytesMayNotBeNfc(d.values as Uint8Array, Number(offsets[0]), Number(offsets[d.length]));
    }
    case Type.Dictionary:
      return d.dictionary ? d.dictionary.data.some(dataMayNotBeNfc) : true;
    default:
      return !NOT_TEXT.has(d.type.typeId);
  }
}
