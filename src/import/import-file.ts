/** File → engine table, in two steps. `planImport` (plan-file.ts) reads only the head of the
 *  file and decides (kind, encoding, separator, title lines, header, year); `importFile` carries a plan out with
 *  DuckDB's CSV reader doing the heavy lifting, then applies the contract's naming rules, NFC
 *  text, Vietnamese number styles, and drops total and empty lines. `previewImport` runs the
 *  same plan on the head of the file, so the preview shows the rows as they will load. */
import { engineMessageLine, isOutOfMemory } from '../sql/engine-error';
import type { Engine, FileSource } from '../engine/engine';
import { FILE_DIR, QueryCancelledError } from '../engine/engine';
import { describeTable, listTableNames, type TableInfo } from '../engine/catalog';
export { ImportError, fromBytes, fromFile, type ImportSource, type ImportProblem } from './import-source';
import {
  countFilled,
  alterColumnType,
  columnValueProfile,
  createTableAs,
  nfc,
  countMaybeNotNfc,
  createTableFrom,
  deleteRowsUnless,
  dropColumn,
  normaliseColumn,
  parseInteger,
  projectionTypes,
  renameColumn,
  renameTable,
  countWhere,
  dropTable,
  ident,
  isEmptyRow,
  isTotalRow,
  limited,
  numberStyleProfile,
  parseDayMonthYear,
  parseIntlNumber,
  parseViNumber,
  previewTable,
  wholeNumber,
  plainDecimal,
  NOT_WHOLE_NUMBER,
  MAYBE_THOUSANDS,
  readCsv,
  readCsvAs,
  sniffCsv,
  unpivotTable,
  describeSource,
  type CsvReadOptions,
  type CsvDialect,
  type Projection,
} from '../sql';
import type { Table } from 'apache-arrow';
import { prepareSource } from './prepare-source';
import { decodeHead, transcodeToUtf8 } from './encoding';
import { ImportError, type ImportSource } from './import-source';
import type { ImportPlan, ImportReport } from './import-plan';
import { TOTAL_LABELS } from './layout';
import { REPORT_BODY_MAX_BYTES, reshapeReport, type ReshapedReport } from './report-shape';
import { failedChecks, isAdditive, NO_RECONCILIATION, reconcile, type Reconciliation } from './reconcile';
import { BODY_COLUMN_NAMES, unitsOnly } from '../sql/report-body';
import { columnNamesFor, foldVietnamese } from './naming';
import { completeLines, planImport, readHead } from './plan-file';
import { markStep, timedStep } from '../util/timeline';
import { textColumnsMaybeNotNfc } from './nfc-scan';
import { countsFromShapes, decideNumberStyle, forcedStyle, mayBeFormattedNumber, type NumberStyle, type ShapeCounts } from './number-style';

export interface ImportOptions {
  signal?: AbortSignal;
  /** 0–1 when the amount of work is known. */
  onProgress?: (fraction: number) => void;
}

export interface ImportResult extends TableInfo {
  report: ImportReport;
}

const SAMPLE_ROWS = 4096;
/** Past this many statements (a drop, retype, NFC rewrite or two renames a column), the staging
 *  table is copied into the table in one statement instead of being changed in place. */
const MAX_STEPS_IN_PLACE = 48;
/** Columns profiled by one statement (each is a hash table of its distinct values). */
const PROFILE_BATCH = 48;

/** What an import of a plain table reports: no lines read one by one, nothing to check. */
function plainReport(titleLines: string[], columnSources: (number | null)[]): ImportReport {
  return { totalRows: 0, emptyRows: 0, droppedColumns: 0, titleLines, columnSources, leftOut: [], sectionColumns: [], footerLines: [], found: { section: 0, subtotal: 0, total: 0, footer: 0 }, reconciliation: NO_RECONCILIATION, readByTotals: [] };
}
/** Sniffed types of columns read as whole numbers (wider ones may not fit a BIGINT). */
const WHOLE_NUMBER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER']);
/** Sniffed types of columns read as decimals where no value could be thousands groups. */
const DECIMAL_TYPES = new Set(['DOUBLE', 'FLOAT']);
const NUMERIC_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);
let registrations = 0;

export async function importFile(engine: Engine, input: ImportSource, planOrOptions?: ImportPlan | ImportOptions, maybeOptions: ImportOptions = {}): Promise<ImportResult> {
  const given = planOrOptions && 'fileName' in planOrOptions ? planOrOptions : null;
  const options = given ? maybeOptions : ((planOrOptions as ImportOptions | undefined) ?? {});
  if (given) return runPlan(engine, input.source, given, given.tableName, options);
  const prepared = await prepareSource(input);
  const plan = { ...(await planImport(prepared.source, await listTableNames(engine))), sheets: prepared.sheets, sheet: prepared.sheet };
  return runPlan(engine, prepared.source.source, plan, plan.tableName, options);
}

export interface Preview {
  info: TableInfo;
  rows: Table;
  report: ImportReport;
}

/** Runs the plan on the first lines of the file (`head`, read once by the caller) into a
 *  scratch table and returns its rows. `stop` ends it between two steps (the step running is
 *  left to end: the engine may be importing beside it, and a cancel would stop that). */
export async function previewImport(engine: Engine, input: ImportSource, plan: ImportPlan, head?: Uint8Array, rows = 12, stop?: AbortSignal): Promise<Preview> {
  const scratch = `__preview_${++registrations}`;
  let source: FileSource = input.source;
  let sample = plan;
  let utf8Bytes: number | undefined;
  if (plan.kind === 'csv') {
    head ??= await readHead(input);
    const text = completeLines(decodeHead(head, plan.encoding));
    source = new TextEncoder().encode(text);
    sample = { ...plan, encoding: 'utf-8' };
    // The head is read the way the whole file will be: line by line only if the whole file,
    // once in UTF-8, is small enough (its size estimated from the head's).
    const fileBytes = byteSize(input.source);
    utf8Bytes = fileBytes <= head.byteLength ? source.byteLength : Math.ceil((fileBytes * source.byteLength) / Math.max(1, head.byteLength));
  }
  try {
    const result = await runPlan(engine, source, sample, scratch, { signal: stop, cancelsQuery: false, utf8Bytes, whole: plan.encoding === 'utf-8' ? input.source : undefined });
    const table = (await engine.run(previewTable(scratch, rows))) as Table;
    return { info: { ...result, name: plan.tableName }, rows: table, report: result.report };
  } finally {
    await engine.run(dropTable(scratch)).catch(() => undefined);
  }
}

interface RunOptions extends ImportOptions {
  /** Whether aborting `signal` also cancels the engine's running query (not for a preview). */
  cancelsQuery?: boolean;
  /** The size of the file in UTF-8 when the source is only its head (the preview). */
  utf8Bytes?: number;
  /** The whole file when the source is only its head (the preview sniffs the whole file). */
  whole?: FileSource;
}

async function runPlan(engine: Engine, source: FileSource, plan: ImportPlan, table: string, options: RunOptions): Promise<ImportResult> {
  const n = ++registrations;
  const checkCancel = () => {
    if (options.signal?.aborted) throw new ImportError('cancelled', plan.fileName);
  };
  const onAbort = () => {
    if (options.cancelsQuery !== false) void engine.cancelWork();
  };
  options.signal?.addEventListener('abort', onAbort);
  const path = `${FILE_DIR}import-${n}.csv`;
  const staging = `__staging_${n}`;
  try {
    let report: ImportReport = plainReport(plan.titleLines, []);
    if (plan.kind === 'parquet') {
      // Text columns that may not be NFC, read from the batches on their way (null: unknown).
      let maybeNotNfc: Set<string> | null = new Set<string>();
      const inspect = (ipc: Uint8Array) => {
        if (!maybeNotNfc) return;
        try {
          for (const column of textColumnsMaybeNotNfc(ipc, maybeNotNfc)) maybeNotNfc.add(column);
        } catch {
          maybeNotNfc = null;
        }
      };
      await timedStep('sdv:import:parquet-load', () =>
        engine.loadParquet(staging, source, {
          signal: options.signal,
          onProgress: (read, total) => options.onProgress?.(total > 0 ? read / total : 0),
          inspect,
        }),
      );
      checkCancel();
      await timedStep('sdv:import:parquet-names', () => createFromStaging(engine, staging, table, plan.fileName, maybeNotNfc));
    } else {
      let utf8: FileSource = source;
      if (plan.encoding !== 'utf-8') {
        const blob = source instanceof Uint8Array ? new Blob([source as BlobPart]) : source;
        utf8 = await transcodeToUtf8(blob, plan.encoding, { signal: options.signal, onProgress: (f) => options.onProgress?.(f * 0.5) });
      }
      checkCancel();
      const loadAs = plan.unpivot ? `__wide_${n}` : table;
      const reshaped = await reshapeIfReport(utf8, plan, options.utf8Bytes ?? byteSize(utf8));
      if (reshaped) {
        try {
          await engine.registerFile(path, new TextEncoder().encode(reshaped.text));
          report = await createFromReport(engine, path, loadAs, plan, reshaped, n, checkCancel);
        } catch (error) {
          // Read line by line the report did not load: read it as a plain table instead.
          if (error instanceof ImportError || error instanceof QueryCancelledError || options.signal?.aborted) throw error;
          await engine.dropFile(path).catch(() => undefined);
          report = await createFromPlainCsv(engine, path, utf8, loadAs, plan, checkCancel, utf8);
        }
      } else {
        report = await createFromPlainCsv(engine, path, utf8, loadAs, plan, checkCancel, options.whole ?? utf8);
      }
      if (plan.unpivot) {
        try {
          await engine.run(unpivotTable(table, loadAs, plan.unpivot));
        } finally {
          await engine.run(dropTable(loadAs)).catch(() => undefined);
        }
      }
    }
    // Once the table exists the import has succeeded: a cancel arriving now changes nothing.
    await timedStep('sdv:import:compress', () => engine.compressTables(COMPRESS_ABOVE_BYTES));
    return { ...(await timedStep('sdv:import:describe', () => describeTable(engine, table))), report };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof QueryCancelledError || options.signal?.aborted) throw new ImportError('cancelled', plan.fileName);
    // The engine's memory is full (its tables fill the browser's ceiling of about 4 GB): said as
    // such, not as a file that cannot be read.
    if (isOutOfMemory(error)) throw new ImportError('out-of-memory', plan.fileName, engineMessageLine(error));
    throw new ImportError('read-failed', plan.fileName, engineMessageLine(error));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (plan.kind === 'parquet') await engine.run(dropTable(staging)).catch(() => undefined);
    else await engine.dropFile(path).catch(() => undefined);
  }
}

/** Tables past this size are compressed after an import (`Engine.compressTables`). */
const COMPRESS_ABOVE_BYTES = 512 * 2 ** 20;

/** `whole`: the whole file (sniffed for the preview of its head, and by the import). */
async function createFromPlainCsv(engine: Engine, path: string, utf8: FileSource, table: string, plan: ImportPlan, checkCancel: () => void, whole: FileSource): Promise<ImportReport> {
  await engine.registerFile(path, utf8);
  try {
    return await createFromCsv(engine, path, table, plan, checkCancel, whole);
  } catch (error) {
    // A title block found by our heuristics that DuckDB cannot read that way: let DuckDB's
    // own detection have the file (the preview still lets the user set the header line).
    if (plan.dataStartLine === null || error instanceof ImportError || error instanceof QueryCancelledError) throw error;
    return await createFromCsv(engine, path, table, { ...plan, dataStartLine: null, columns: null, titleLines: [], addYearColumn: false }, checkCancel, whole);
  }
}

const byteSize = (source: FileSource) => (source instanceof Uint8Array ? source.byteLength : source.size);

/** Reports small enough to have been typed by a person (`size`: the whole file's, in UTF-8)
 *  are read line by line first. */
async function reshapeIfReport(utf8: FileSource, plan: ImportPlan, size: number): Promise<ReshapedReport | null> {
  if (size > REPORT_BODY_MAX_BYTES) return null;
  const text = utf8 instanceof Uint8Array ? new TextDecoder().decode(utf8) : await utf8.text();
  return reshapeReport(text.replace(/^\uFEFF/, ''), plan);
}

/** A report read line by line: its rows with their bookkeeping go to a body table, the file's
 *  totals are checked against the units there, and the units alone become the table. */
async function createFromReport(
  engine: Engine,
  path: string,
  table: string,
  plan: ImportPlan,
  reshaped: ReshapedReport,
  n: number,
  checkCancel: () => void,
): Promise<ImportReport> {
  const body = `__body_${n}`;
  const load = async (styles: ImportPlan['styles']) => {
    await engine.run(dropTable(body));
    return loadReportBody(engine, path, body, { ...plan, styles }, reshaped, checkCancel);
  };
  try {
    let loaded = await load(plan.styles);
    const readings = loaded.reconciliation.state === 'mismatch' ? await readingsTheTotalsConfirm(loaded, plan, load) : [];
    if (readings.length > 0) loaded = await load({ ...plan.styles, ...Object.fromEntries(readings.map((r) => [r.position, r.style])) });
    await engine.run(unitsOnly(table, body, [...loaded.yearColumns, ...loaded.sectionColumns]));
    // The table's columns, in its order, with where each came from in the file.
    const final = await describeColumns(engine, ident(table));
    const columnSources = final.map((c) => {
      const from = loaded.sources.get(c.name) ?? null;
      return from !== null && from < loaded.width ? from : null;
    });
    return {
      totalRows: reshaped.leftOut.filter((l) => l.kind === 'total' || l.kind === 'subtotal').length,
      emptyRows: reshaped.leftOut.filter((l) => l.kind === 'empty').length,
      droppedColumns: loaded.droppedColumns,
      titleLines: plan.titleLines,
      columnSources,
      leftOut: reshaped.leftOut,
      sectionColumns: loaded.sectionColumns,
      footerLines: reshaped.footerLines,
      found: reshaped.found,
      reconciliation: loaded.reconciliation,
      readByTotals: readings.map(({ column, style }) => ({ column, style })),
    };
  } finally {
    await engine.run(dropTable(body)).catch(() => undefined);
  }
}

interface LoadedBody {
  /** Columns of the file (the body table's columns past this are sections and bookkeeping). */
  width: number;
  /** Body table column → its position in the reshaped file (null: added, like `Năm`). */
  sources: Map<string, number | null>;
  yearColumns: string[];
  sectionColumns: string[];
  measures: string[];
  droppedColumns: number;
  reconciliation: Reconciliation;
}

async function loadReportBody(engine: Engine, path: string, body: string, plan: ImportPlan, reshaped: ReshapedReport, checkCancel: () => void): Promise<LoadedBody> {
  const rowsPlan: ImportPlan = { ...plan, delimiter: reshaped.delimiter, headerRow: 0, headerLines: 1, dataStartLine: 1, columns: reshaped.columns, keepTotals: true };
  const loaded = await createFromCsv(engine, path, body, rowsPlan, checkCancel);
  const columns = await describeColumns(engine, ident(body));
  const width = reshaped.columns.length - reshaped.sectionColumns.length - BODY_COLUMN_NAMES.length;
  const source = (i: number) => loaded.columnSources[i] ?? null;
  const measures = columns
    .filter((c, i) => source(i) !== null && reshaped.analysis.measureColumns.includes(source(i)!) && NUMERIC_TYPES.has(c.type.replace(/\(.*$/, '')) && isAdditive(c.name))
    .map((c) => c.name);
  checkCancel();
  const lines = new Map(reshaped.analysis.lines.map((l) => [l.row, l]));
  return {
    width,
    sources: new Map(columns.map((c, i) => [c.name, source(i)])),
    yearColumns: columns.filter((_, i) => source(i) === null).map((c) => c.name),
    sectionColumns: columns.filter((_, i) => (source(i) ?? -1) >= width && source(i)! < width + reshaped.sectionColumns.length).map((c) => c.name),
    measures,
    droppedColumns: loaded.droppedColumns,
    reconciliation: plan.keepTotals ? NO_RECONCILIATION : await reconcile(engine, body, measures, lines, reshaped.lineOf),
  };
}

/** A column whose figures disagree with the file's totals may be read the other way
 *  (`2,125` as 2.125 rather than 2125): where only the other reading agrees with every total
 *  line, that is the file's own answer to which one it meant. Columns the person set keep
 *  their style. */
async function readingsTheTotalsConfirm(
  loaded: LoadedBody,
  plan: ImportPlan,
  load: (styles: ImportPlan['styles']) => Promise<LoadedBody>,
): Promise<{ column: string; position: number; style: 'vi' | 'intl' }[]> {
  const failing = [...new Set(failedChecks(loaded.reconciliation).map((f) => f.measure.measure))];
  const found: { column: string; position: number; style: 'vi' | 'intl' }[] = [];
  for (const column of failing.slice(0, 5)) {
    const position = loaded.sources.get(column);
    if (position === null || position === undefined || plan.styles[position]) continue;
    for (const style of ['vi', 'intl'] as const) {
      const tried = await load({ ...plan.styles, [position]: style });
      const agrees = tried.reconciliation.checks.every((c) => c.measures.every((m) => m.measure !== column || m.ok));
      if (agrees && tried.reconciliation.checks.some((c) => c.measures.some((m) => m.measure === column))) {
        found.push({ column, position, style });
        break;
      }
    }
  }
  return found;
}

async function describeColumns(engine: Engine, source: string): Promise<{ name: string; type: string }[]> {
  const rows = (await engine.run(describeSource(source))).toArray();
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/** Parquet arrives as a staging table, hidden until done: its columns are renamed by the
 *  naming rules and only the text columns holding values that may not be NFC are rewritten, then
 *  it is renamed to the table. No copy of the data (a copy took ~1 s a million rows). */
async function createFromStaging(engine: Engine, staging: string, table: string, fileName: string, maybeNotNfc: ReadonlySet<string> | null): Promise<void> {
  const columns = await describeColumns(engine, ident(staging));
  if (columns.length === 0) throw new ImportError('no-columns', fileName);
  const names = columnNamesFor(columns.map((c) => c.name));
  // In two steps, so a new name that is another column's old name never collides.
  const renamed = columns.map((c, i) => ({ from: c.name, to: names[i]! })).filter((r) => r.from !== r.to);
  for (const [i, r] of renamed.entries()) await engine.run(renameColumn(staging, r.from, `__rename_${i}`));
  for (const [i, r] of renamed.entries()) await engine.run(renameColumn(staging, `__rename_${i}`, r.to));
  // Only the columns whose bytes showed something that may not be NFC (all text columns when
  // the batches could not be read on their way).
  const text = names.filter((_, i) => columns[i]!.type === 'VARCHAR' && (!maybeNotNfc || maybeNotNfc.has(columns[i]!.name)));
  if (text.length > 0) {
    // One scan for every column. Checking a column's distinct values instead was slower here:
    // the first queries on a table just loaded pay for the engine's memory growing.
    const counts = (await timedStep('sdv:import:parquet-nfc', () => engine.run(countMaybeNotNfc(staging, text)))).get(0)?.toArray() as (number | bigint | null)[] | undefined;
    for (const [i, column] of text.entries()) if (Number(counts?.[i] ?? 0) > 0) await engine.run(normaliseColumn(staging, column));
  }
  await engine.run(renameTable(staging, table));
}

interface Sniffed {
  dialect: CsvDialect;
  header: boolean;
  skip: number;
  columns: { name: string; type: string }[];
}

async function sniff(engine: Engine, path: string, options: Pick<CsvReadOptions, 'delimiter' | 'skip' | 'header' | 'rfcQuotes'>): Promise<Sniffed> {
  const row = (await engine.run(sniffCsv(path, options))).get(0);
  if (!row) throw new Error('no CSV dialect found');
  const columns = (row.Columns?.toArray() ?? []).map((c: { name: unknown; type: unknown }) => ({
    name: String(c.name),
    type: String(c.type),
  }));
  const text = (value: unknown) => (value === null || value === undefined || String(value) === '(empty)' ? '' : String(value));
  const dialect = { delimiter: String(row.Delimiter), quote: text(row.Quote), escape: text(row.Escape), newline: text(row.NewLineDelimiter), comment: text(row.Comment) };
  return { dialect, header: Boolean(row.HasHeader), skip: Number(row.SkipRows ?? 0), columns };
}

/** The header as written in the file (DuckDB's own names are de-duplicated and renamed). */
async function headerCells(engine: Engine, path: string, sniffed: Sniffed): Promise<(string | undefined)[]> {
  const count = sniffed.columns.length;
  if (!sniffed.header) return new Array(count).fill(undefined);
  // The header line itself, read as data: one row, every column as text, in the dialect just
  // sniffed (left to sniff the file again, this read took ~0.1 s of a 100 MB import). Should
  // that dialect not read it, the reader sniffs for itself.
  const firstRow = async (source: string) => (await engine.run(`SELECT * FROM ${limited(source, 1)}`)).get(0)?.toArray() as (string | null)[] | undefined;
  let row = await firstRow(readCsvAs(path, sniffed.dialect, sniffed.skip, count)).catch((error: unknown) => {
    if (error instanceof QueryCancelledError) throw error;
    return undefined;
  });
  if (!row || row.length !== count) row = await firstRow(readCsv(path, { header: false, delimiter: sniffed.dialect.delimiter, skip: sniffed.skip, allVarchar: true }));
  if (!row || row.length !== count) return sniffed.columns.map((c) => c.name);
  return row.map((c) => (c ?? '').replace(/^\uFEFF/, ''));
}

/** The expression reading a text column in its number or date style; null for text. */
function parseExpression(column: string, style: NumberStyle | undefined, isTrimmed: boolean): string | null {
  const ref = ident(column);
  switch (style?.kind) {
    case 'vi':
      return parseViNumber(ref, style.type, style.suffixes, isTrimmed);
    case 'intl':
      return parseIntlNumber(ref, style.type, isTrimmed);
    case 'integer':
      return parseInteger(ref, isTrimmed);
    case 'date':
      return parseDayMonthYear(ref, isTrimmed);
    default:
      return null;
  }
}

interface ValueProfile {
  shapes: ShapeCounts;
  /** All rows (of every column alike). */
  rows: number;
  /** Rows whose value has spaces around it. */
  untrimmed: number;
  /** Rows whose value may not be NFC. */
  maybeNotNfc: number;
  /** Rows whose value is NULL or only spaces. */
  blank: number;
  /** Rows whose value is a total line's label (label columns only). */
  label: number;
}

/** Per column, from its distinct values in `from` (the staging table, or its first rows):
 *  shape counts (for the `shaped` columns), untrimmed, not-NFC and empty values, total labels
 *  (for the `label` columns). */
async function profileValues(engine: Engine, columns: { name: string; from: string; shaped: boolean; label: boolean }[]): Promise<ValueProfile[]> {
  const out = columns.map((): ValueProfile => ({ shapes: {}, rows: 0, untrimmed: 0, maybeNotNfc: 0, blank: 0, label: 0 }));
  const rows: { at: number; r: Record<string, unknown> }[] = [];
  for (let from = 0; from < columns.length; from += PROFILE_BATCH) {
    const batch = (await engine.run(columnValueProfile(columns.slice(from, from + PROFILE_BATCH), TOTAL_LABELS))).toArray();
    for (const r of batch) rows.push({ at: from, r });
  }
  for (const { at, r } of rows) {
    const p = out[at + Number(r.c)]!;
    const k = r.k === null || r.k === undefined ? null : (String(r.k) as keyof ShapeCounts);
    if (k !== null) p.shapes[k] = (p.shapes[k] ?? 0) + Number(r.n ?? 0);
    p.rows += Number(r.n ?? 0);
    p.untrimmed += Number(r.untrimmed ?? 0);
    p.maybeNotNfc += Number(r.maybe_not_nfc ?? 0);
    p.blank += Number(r.blank ?? 0);
    p.label += Number(r.label ?? 0);
  }
  return out;
}

const isYearName = (name: string) => /^(nam|year)$/.test(foldVietnamese(name).toLowerCase().trim());

/** What the sniffer found in a file, with its header cells as written. */
interface SniffedFile {
  sniffed: Sniffed;
  raw: (string | undefined)[];
}

/** The dialect, column types and header of the file registered at `path`. */
async function sniffFile(engine: Engine, path: string, plan: ImportPlan): Promise<SniffedFile> {
  const report = plan.dataStartLine !== null;
  const sniffed = report
    ? await sniff(engine, path, { delimiter: plan.delimiter, skip: plan.dataStartLine!, header: false, rfcQuotes: true })
    : await sniff(engine, path, plan.delimiter ? { delimiter: plan.delimiter } : {});
  if (sniffed.columns.length === 0) throw new ImportError('no-columns', plan.fileName);
  const raw = report ? sniffed.columns.map((_, i) => plan.columns?.[i] ?? '') : await headerCells(engine, path, sniffed);
  return { sniffed, raw };
}

/** Sniffs of whole files, kept per file and plan: the preview sniffs the file the import will
 *  read (not only its head), and the import that follows uses that sniff. */
const wholeFileSniffs = new WeakMap<object, Map<string, Promise<SniffedFile>>>();

/** The whole file's sniff, made once per file and plan. Null for a file read otherwise (line by
 *  line, or after transcoding: its sniff is of what it becomes) and for bytes in memory, which
 *  the engine takes over when they are registered (the import registers them itself). */
function sniffWholeFile(engine: Engine, whole: FileSource, plan: ImportPlan): Promise<SniffedFile> | null {
  if (whole instanceof Uint8Array || plan.kind !== 'csv' || plan.encoding !== 'utf-8' || byteSize(whole) <= REPORT_BODY_MAX_BYTES) return null;
  const key = JSON.stringify([plan.delimiter, plan.dataStartLine, plan.dataStartLine !== null ? plan.columns : null]);
  let kept = wholeFileSniffs.get(whole);
  if (!kept) wholeFileSniffs.set(whole, (kept = new Map()));
  const known = kept.get(key);
  if (known) return known;
  const path = `${FILE_DIR}sniff-${++registrations}.csv`;
  const made = (async () => {
    await engine.registerFile(path, whole);
    try {
      return await sniffFile(engine, path, plan);
    } finally {
      await engine.dropFile(path).catch(() => undefined);
    }
  })();
  kept.set(key, made);
  made.catch(() => kept.delete(key));
  return made;
}

/** `whole`: the whole file, when `path` holds it or its head (the preview). */
async function createFromCsv(engine: Engine, path: string, table: string, plan: ImportPlan, checkCancel: () => void, whole?: FileSource): Promise<ImportReport> {
  const report = plan.dataStartLine !== null;
  const sniffStarted = performance.now();
  const { sniffed, raw } = await ((whole && sniffWholeFile(engine, whole, plan)) || sniffFile(engine, path, plan));
  const names = columnNamesFor(raw);
  markStep('sdv:import:csv-sniff', sniffStarted);
  const dialect: CsvReadOptions = report
    ? { header: false, delimiter: plan.delimiter, skip: plan.dataStartLine!, rfcQuotes: true }
    : // A sample with no quotes says nothing about them: a quoted value further on (a name
      // holding the separator) is read the standard way rather than split.
      { header: sniffed.header, delimiter: sniffed.dialect.delimiter, skip: sniffed.skip, rfcQuotes: sniffed.dialect.quote === '' };
  checkCancel();

  // The sniffer types columns from a sample, and DuckDB casts '1.053' to the BIGINT 1 without
  // complaint, so numeric columns are read as text. Those whose sample holds whole numbers or
  // decimals only are made numbers as they are read, failing the read on any value whose
  // meaning depends on the column's other values (`wholeNumber`, `plainDecimal`); the others
  // are decided from all their values. Text columns join those when their sample (the first
  // rows) looks like formatted numbers or dates, or when the user chose a style for them.
  const all = sniffed.columns.map((c) => c.name);
  const numeric = sniffed.columns.filter((c) => NUMERIC_TYPES.has(c.type)).map((c) => c.name);
  const textual = sniffed.columns.filter((c) => c.type === 'VARCHAR').map((c) => c.name);
  const forced = new Map(Object.entries(plan.styles).map(([i, c]) => [all[Number(i)]!, forcedStyle(c)] as const));
  const readInline = (c: { name: string; type: string }) => (forced.has(c.name) ? null : WHOLE_NUMBER_TYPES.has(c.type) ? wholeNumber : DECIMAL_TYPES.has(c.type) ? plainDecimal : null);
  const inline = sniffed.columns.flatMap((c) => {
    const read = readInline(c);
    return read ? [{ name: c.name, read }] : [];
  });
  const inlineNames = inline.map((c) => c.name);
  const readAsText = [...new Set([...numeric, ...forced.keys()])].filter((c) => all.includes(c));
  checkCancel();

  // The file is read once, into a hidden staging table (number candidates as text); what it
  // holds is then profiled column by column, and the staging table is made into the table in
  // place: rows left out deleted, columns dropped, retyped and renamed, then the table renamed.
  const staging = `__csv_${++registrations}`;
  const withYear = plan.addYearColumn && plan.year !== null && !names.some(isYearName);
  let yearName = '__year';
  while (all.some((c) => c.toLowerCase() === yearName)) yearName = `_${yearName}`;

  /** `asText`: the columns read as text (every one after a failed read); `asNumbers`: those
   *  read as text and made numbers as they are read. */
  const build = async (asText: string[], asNumbers: typeof inline = []): Promise<ImportReport> => {
    await engine.run(dropTable(staging));
    const madeNames = asNumbers.map((c) => c.name);
    const types = Object.fromEntries([...asText, ...madeNames].map((c) => [c, 'VARCHAR']));
    const leading: Projection[] = withYear ? [{ expr: String(Math.trunc(plan.year!)), name: yearName }] : [];
    const made = asNumbers.map((c) => ({ expr: c.read(ident(c.name)), name: c.name }));
    await timedStep('sdv:import:csv-read', () => engine.run(createTableFrom(staging, readCsv(path, { ...dialect, types }), leading, made)));
    checkCancel();
    // Every text column of the staging table, profiled over all its values; and the sample of
    // the columns the sniffer found to be text.
    const textColumns = [...new Set([...textual, ...asText])];
    // Total lines are labelled in one of the first text columns (after STT).
    const labelColumns = textColumns.filter((c) => all.indexOf(c) < 4).slice(0, 3);
    const sampled = asText === all ? [] : textual;
    const profiled = await timedStep('sdv:import:csv-profile', () => profileValues(engine, [
      ...textColumns.map((name) => ({ name, from: ident(staging), shaped: true, label: labelColumns.includes(name) })),
      ...sampled.map((name) => ({ name, from: limited(ident(staging), SAMPLE_ROWS), shaped: true, label: false })),
    ]));
    const values = profiled.slice(0, textColumns.length);
    const valuesOf = (c: string) => values[textColumns.indexOf(c)]!;
    const looksFormatted = sampled.filter((_, i) => mayBeFormattedNumber(countsFromShapes(profiled[textColumns.length + i]!.shapes)));
    // The columns whose number style is decided: every numeric one, those chosen by the user,
    // and text whose first rows look like formatted numbers.
    const candidates = asText === all ? all : [...new Set([...numeric, ...looksFormatted, ...forced.keys()])].filter((c) => all.includes(c) && !madeNames.includes(c));
    const total = isTotalRow(labelColumns, TOTAL_LABELS);
    const empty = isEmptyRow(all);
    checkCancel();
    // Total and empty lines, and the filled cells of columns with no header (only those can be
    // dropped as empty), are counted line by line only where the values leave it open: with no
    // total label in any label column there is no total line, and with a column that has no
    // empty value there is no empty line.
    const mayHaveTotals = labelColumns.some((c) => valuesOf(c).label > 0);
    const mayHaveEmpties = !textColumns.some((c) => valuesOf(c).blank === 0);
    const extra: Record<string, string> = {};
    if (mayHaveTotals) extra.totals = countWhere(`${total} AND NOT ${empty}`);
    if (mayHaveEmpties) extra.empties = countWhere(empty);
    const filled = new Map<number, number>();
    all.forEach((c, i) => {
      if ((raw[i] ?? '').trim() !== '') return;
      if (textColumns.includes(c)) filled.set(i, valuesOf(c).rows - valuesOf(c).blank);
      else extra[`filled${i}`] = countFilled(c);
    });
    const counts = Object.keys(extra).length > 0 ? ((await engine.run(numberStyleProfile([], ident(staging), extra))).get(0)?.toJSON() ?? {}) : {};
    all.forEach((_, i) => {
      if (`filled${i}` in counts) filled.set(i, Number(counts[`filled${i}`] ?? 0));
    });
    checkCancel();
    const styles = new Map(candidates.map((c) => [c, forced.get(c) ?? decideNumberStyle(countsFromShapes(valuesOf(c).shapes), sniffed.dialect.delimiter)]));
    checkCancel();
    const shapingStarted = performance.now();
    const columns = sniffed.columns.map((c, i) => ({ c, i }));
    const kept = columns.filter(({ i }) => (raw[i] ?? '').trim() !== '' || (filled.get(i) ?? 0) > 0);

    const totalRows = mayHaveTotals ? Number(counts.totals ?? 0) : 0;
    const emptyRows = mayHaveEmpties ? Number(counts.empties ?? 0) : 0;
    if (emptyRows > 0 || (!plan.keepTotals && totalRows > 0)) {
      await engine.run(deleteRowsUnless(staging, plan.keepTotals ? `NOT ${empty}` : `NOT ${empty} AND NOT ${total}`));
      checkCancel();
    }
    const dropped = columns.filter((x) => !kept.includes(x));
    // Numbers and dates are read from the text as read; text is stored NFC, and only columns
    // holding a value that may not be need rewriting.
    const parsed = kept
      .map(({ c }) => ({ column: c.name, expr: madeNames.includes(c.name) ? null : parseExpression(c.name, styles.get(c.name), valuesOf(c.name)?.untrimmed === 0) }))
      .filter((p): p is { column: string; expr: string } => p.expr !== null);
    const parsedNames = new Set(parsed.map((p) => p.column));
    const toNormalise = kept.filter(({ c }) => textColumns.includes(c.name) && !parsedNames.has(c.name) && valuesOf(c.name).maybeNotNfc > 0).map(({ c }) => c.name);
    const renames = [...(withYear ? [{ from: yearName, to: 'Năm' }] : []), ...kept.map(({ c, i }) => ({ from: c.name, to: names[i]! }))].filter((r) => r.from !== r.to);
    if (dropped.length + parsed.length + toNormalise.length + 2 * renames.length > MAX_STEPS_IN_PLACE) {
      // A wide file: one statement per column would take longer than a copy.
      const projections: Projection[] = [
        ...(withYear ? [{ expr: ident(yearName), name: 'Năm' }] : []),
        ...kept.map(({ c, i }) => ({
          expr: parsed.find((p) => p.column === c.name)?.expr ?? (toNormalise.includes(c.name) ? nfc(ident(c.name)) : ident(c.name)),
          name: names[i]!,
        })),
      ];
      await engine.run(createTableAs(table, projections, ident(staging)));
    } else {
      // Each step rewrites only its own column; nothing else of the table is copied.
      for (const { c } of dropped) await engine.run(dropColumn(staging, c.name));
      if (parsed.length > 0) {
        const described = (await engine.run(projectionTypes(staging, parsed.map((p) => ({ expr: p.expr, name: p.column }))))).toArray();
        for (const [j, p] of parsed.entries()) {
          await engine.run(alterColumnType(staging, p.column, String(described[j]!.column_type), p.expr));
          checkCancel();
        }
      }
      for (const column of toNormalise) await engine.run(normaliseColumn(staging, column));
      checkCancel();
      // In two steps, so a new name that is another column's old name never collides.
      for (const [i, r] of renames.entries()) await engine.run(renameColumn(staging, r.from, `__rename_${i}`));
      for (const [i, r] of renames.entries()) await engine.run(renameColumn(staging, `__rename_${i}`, r.to));
      await engine.run(renameTable(staging, table));
    }
    markStep('sdv:import:csv-shape', shapingStarted);
    const columnSources: (number | null)[] = [...(withYear ? [null] : []), ...kept.map(({ i }) => i)];
    return {
      ...plainReport(plan.titleLines, columnSources),
      totalRows,
      emptyRows,
      droppedColumns: sniffed.columns.length - kept.length,
    };
  };

  // A later value that does not fit a sniffed type (a date column with one bad cell, `1.053` in
  // a column of whole numbers) fails the read: read again with more columns as text, decided
  // from all their values.
  const readFailed = (error: unknown) =>
    !(error instanceof QueryCancelledError || error instanceof ImportError) &&
    (/convert|cast/i.test(error instanceof Error ? error.message : '') || [NOT_WHOLE_NUMBER, MAYBE_THOUSANDS].some((mark) => String(error).includes(mark)));
  try {
    try {
      return await build(readAsText.filter((c) => !inlineNames.includes(c)), inline);
    } catch (error) {
      if (inline.length === 0 || !readFailed(error)) throw error;
      return await build(readAsText);
    }
  } catch (error) {
    if (!readFailed(error)) throw error;
    return await build(all);
  } finally {
    // Gone once renamed into place; left behind by an error or a cancel otherwise.
    await engine.run(dropTable(staging)).catch(() => undefined);
  }
}
