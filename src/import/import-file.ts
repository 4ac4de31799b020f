/** File → engine table. Decides the kind from the bytes, lets DuckDB sniff and read, then
 *  applies the contract's naming rules, NFC text and Vietnamese number styles per column. */
import Papa from 'papaparse';
import type { Engine, FileSource } from '../engine/engine';
import { QueryCancelledError } from '../engine/engine';
import { describeTable, listTableNames, type TableInfo } from '../engine/catalog';
import {
  createTableAs,
  describeSource,
  ident,
  limited,
  nfc,
  numberStyleProfile,
  parseIntlNumber,
  parseViNumber,
  dropTable,
  readCsv,
  sniffCsv,
  type CsvReadOptions,
  type Projection,
} from '../sql';
import { decideKind, type KindProblem } from './file-kind';
import { columnNamesFor, tableNameFor } from './naming';
import { decideNumberStyle, mayBeFormattedNumber, type NumberStyle, type StyleCounts } from './number-style';

export type ImportProblem = KindProblem | 'read-failed' | 'no-columns' | 'cancelled';

export class ImportError extends Error {
  constructor(
    readonly problem: ImportProblem,
    readonly fileName: string,
    readonly detail = '',
  ) {
    super(`${fileName}: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'ImportError';
  }
}

/** A file to import: a browser File, or bytes with a name (tests, samples fetched by URL). */
export interface ImportSource {
  name: string;
  size: number;
  source: FileSource;
}

export function fromFile(file: File): ImportSource {
  return { name: file.name, size: file.size, source: file };
}

export function fromBytes(name: string, bytes: Uint8Array): ImportSource {
  return { name, size: bytes.byteLength, source: bytes };
}

const HEAD_BYTES = 64 * 1024;
const NUMERIC_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);
const SAMPLE_ROWS = 4096;
let registrations = 0;

async function readHead(input: ImportSource): Promise<Uint8Array> {
  // A copy: registering bytes with the engine transfers (detaches) the original buffer.
  if (input.source instanceof Uint8Array) return input.source.slice(0, HEAD_BYTES);
  return new Uint8Array(await input.source.slice(0, HEAD_BYTES).arrayBuffer());
}

export interface ImportOptions {
  signal?: AbortSignal;
  /** 0–1 when the amount of work is known (Parquet: rows read of the file's total). */
  onProgress?: (fraction: number) => void;
  /** Table name to use instead of the one derived from the file name. */
  tableName?: string;
}

export async function importFile(engine: Engine, input: ImportSource, options: ImportOptions = {}): Promise<TableInfo> {
  const head = await readHead(input);
  const decision = decideKind(input.name, input.size, head);
  if ('problem' in decision) throw new ImportError(decision.problem, input.name);

  const n = ++registrations;
  const table = options.tableName ?? tableNameFor(input.name, await listTableNames(engine));
  const checkCancel = () => {
    if (options.signal?.aborted) throw new ImportError('cancelled', input.name);
  };
  const onAbort = () => void engine.cancelWork();
  options.signal?.addEventListener('abort', onAbort);
  const path = `import-${n}.csv`;
  const staging = `__staging_${n}`;
  try {
    if (decision.kind === 'parquet') {
      await engine.loadParquet(staging, input.source, {
        signal: options.signal,
        onProgress: (read, total) => options.onProgress?.(total > 0 ? read / total : 0),
      });
      checkCancel();
      await createFromStaging(engine, staging, table, input.name);
    } else {
      await engine.registerFile(path, input.source);
      await createFromCsv(engine, path, table, head, checkCancel, input.name);
    }
    checkCancel();
    return await describeTable(engine, table);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof QueryCancelledError || options.signal?.aborted) throw new ImportError('cancelled', input.name);
    throw new ImportError('read-failed', input.name, cleanEngineMessage(error));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (decision.kind === 'parquet') await engine.run(dropTable(staging)).catch(() => undefined);
    else await engine.dropFile(path).catch(() => undefined);
  }
}

/** DuckDB's messages carry a type prefix and sometimes a long hint; keep the first useful line. */
function cleanEngineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.replace(/^[A-Za-z ]*Error: /, '').slice(0, 300);
}

async function describeColumns(engine: Engine, source: string): Promise<{ name: string; type: string }[]> {
  const rows = (await engine.run(describeSource(source))).toArray();
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** Parquet arrives as a staging table; the final table applies the naming rules and NFC. */
async function createFromStaging(engine: Engine, staging: string, table: string, fileName: string): Promise<void> {
  const source = ident(staging);
  const columns = await describeColumns(engine, source);
  if (columns.length === 0) throw new ImportError('no-columns', fileName);
  const names = columnNamesFor(columns.map((c) => c.name));
  const projections = columns.map((c, i) => ({
    expr: c.type === 'VARCHAR' ? nfc(ident(c.name)) : ident(c.name),
    name: names[i]!,
  }));
  await engine.run(createTableAs(table, projections, source));
}

interface Sniffed {
  delimiter: string;
  header: boolean;
  skip: number;
  columns: { name: string; type: string }[];
}

async function sniff(engine: Engine, path: string): Promise<Sniffed> {
  const row = (await engine.run(sniffCsv(path))).get(0);
  if (!row) throw new Error('no CSV dialect found');
  const columns = (row.Columns?.toArray() ?? []).map((c: { name: unknown; type: unknown }) => ({
    name: String(c.name),
    type: String(c.type),
  }));
  return { delimiter: String(row.Delimiter), header: Boolean(row.HasHeader), skip: Number(row.SkipRows ?? 0), columns };
}

/** The header as written in the file, read with the sniffed dialect. DuckDB's own names are
 *  already de-duplicated and renamed, which would lose the text the contract keeps. */
function headerCells(head: Uint8Array, sniffed: Sniffed): (string | undefined)[] {
  const count = sniffed.columns.length;
  if (!sniffed.header) return new Array(count).fill(undefined);
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: sniffed.delimiter, preview: sniffed.skip + 1 });
  const cells = parsed.data[sniffed.skip];
  if (!cells || cells.length !== count) return sniffed.columns.map((c) => c.name);
  return cells;
}

function profileCounts(row: Record<string, unknown>, i: number): StyleCounts {
  const n = (k: string) => Number(row[`${k}${i}`] ?? 0);
  return {
    n: n('n'),
    int: n('int'),
    plain: n('plain'),
    viGroup: n('viGroup'),
    viDec: n('viDec'),
    intlDec: n('intlDec'),
    intlGroup: n('intlGroup'),
    ambiguous: n('ambiguous'),
  };
}

async function profile(engine: Engine, columns: string[], source: string): Promise<StyleCounts[]> {
  if (columns.length === 0) return [];
  const row = (await engine.run(numberStyleProfile(columns, source))).get(0)?.toJSON() ?? {};
  return columns.map((_, i) => profileCounts(row, i));
}

function projectionFor(column: string, type: string, style: NumberStyle | undefined): string {
  const ref = ident(column);
  if (style?.kind === 'vi') return parseViNumber(ref, style.type);
  if (style?.kind === 'intl') return parseIntlNumber(ref, style.type);
  if (style?.kind === 'integer') return `TRY_CAST(trim(${ref}) AS BIGINT)`;
  return type === 'VARCHAR' ? nfc(ref) : ref;
}

async function createFromCsv(
  engine: Engine,
  path: string,
  table: string,
  head: Uint8Array,
  checkCancel: () => void,
  fileName: string,
): Promise<void> {
  const sniffed = await sniff(engine, path);
  if (sniffed.columns.length === 0) throw new ImportError('no-columns', fileName);
  const names = columnNamesFor(headerCells(head, sniffed));
  const dialect: CsvReadOptions = { header: sniffed.header, delimiter: sniffed.delimiter, skip: sniffed.skip };
  checkCancel();

  // The sniffer types columns from a sample, and DuckDB casts '1.053' to the BIGINT 1 without
  // complaint, so every numeric column is read as text and decided from all its values. Text
  // columns join them only when their sample looks like formatted numbers (`1.053`, `44,5`).
  const numeric = sniffed.columns.filter((c) => NUMERIC_TYPES.has(c.type)).map((c) => c.name);
  const textual = sniffed.columns.filter((c) => c.type === 'VARCHAR').map((c) => c.name);
  const sample = await profile(engine, textual, limited(readCsv(path, { ...dialect, allVarchar: true }), SAMPLE_ROWS));
  const candidates = [...numeric, ...textual.filter((_, i) => mayBeFormattedNumber(sample[i]!))];
  checkCancel();

  const build = async (asText: string[]) => {
    const types = Object.fromEntries(asText.map((c) => [c, 'VARCHAR']));
    const source = readCsv(path, { ...dialect, types });
    const counts = await profile(engine, asText, source);
    const styles = new Map(asText.map((c, i) => [c, decideNumberStyle(counts[i]!, sniffed.delimiter)]));
    checkCancel();
    const projections: Projection[] = sniffed.columns.map((c, i) => ({
      expr: projectionFor(c.name, asText.includes(c.name) ? 'VARCHAR' : c.type, styles.get(c.name)),
      name: names[i]!,
    }));
    await engine.run(createTableAs(table, projections, source));
  };

  try {
    await build(candidates);
  } catch (error) {
    // The sniffer types columns from a sample; a later value that does not fit (a `1.053`
    // after thousands of plain integers) fails the read. Read every column as text and
    // decide each one from all its values instead.
    if (error instanceof QueryCancelledError || error instanceof ImportError) throw error;
    if (!/convert|cast/i.test(error instanceof Error ? error.message : '')) throw error;
    await build(sniffed.columns.map((c) => c.name));
  }
}
