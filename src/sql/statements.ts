/** Every SQL statement the app generates is built here, from quoted identifiers and
 *  app-generated names. Nothing the user typed is pasted into these strings. */
import { ident, literal } from './quote';
import { MAY_NOT_BE_NFC } from './nfc-check';
import { readOnlyProbe } from './read-only';

export interface CsvReadOptions {
  /** Column name → DuckDB type, overriding the sniffer for those columns. */
  types?: Record<string, string>;
  allVarchar?: boolean;
  header?: boolean;
  delimiter?: string;
  skip?: number;
  /** Standard CSV quoting (`"`, doubled to escape), as the layout analysis read the file. */
  rfcQuotes?: boolean;
}

export function readCsv(path: string, options: CsvReadOptions = {}): string {
  const args = [literal(path), `header = ${options.header === false ? 'false' : 'true'}`, 'sample_size = 20480'];
  if (options.delimiter) args.push(`delim = ${literal(options.delimiter)}`);
  if (options.skip) args.push(`skip = ${Math.max(0, Math.floor(options.skip))}`);
  if (options.rfcQuotes) args.push(`quote = '"'`, `escape = '"'`);
  if (options.allVarchar) args.push('all_varchar = true');
  if (options.types && Object.keys(options.types).length > 0) {
    const entries = Object.entries(options.types).map(([c, t]) => `${literal(c)}: ${literal(t)}`);
    args.push(`types = {${entries.join(', ')}}`);
  }
  return `read_csv(${args.join(', ')})`;
}

/** What the sniffer and the header's read take from the file at once. DuckDB's reader takes 32
 *  MiB by default; its sample (20,480 lines) and a header line need a few, and on the page each
 *  MiB is read from the person's file. At least `max_line_size` (2 MiB). */
const SNIFF_BUFFER_BYTES = 4 * 2 ** 20;

export function sniffCsv(path: string, options: Pick<CsvReadOptions, 'delimiter' | 'skip' | 'header' | 'rfcQuotes'> = {}): string {
  const args = [literal(path), 'sample_size = 20480', `buffer_size = ${SNIFF_BUFFER_BYTES}`];
  if (options.delimiter) args.push(`delim = ${literal(options.delimiter)}`);
  if (options.skip !== undefined) args.push(`skip = ${Math.max(0, Math.floor(options.skip))}`);
  if (options.header !== undefined) args.push(`header = ${options.header ? 'true' : 'false'}`);
  if (options.rfcQuotes) args.push(`quote = '"'`, `escape = '"'`);
  return `SELECT "Delimiter", "Quote", "Escape", "NewLineDelimiter", "Comment", "HasHeader", "SkipRows", "Columns" FROM sniff_csv(${args.join(', ')})`;
}

/** A CSV dialect as `sniff_csv` found it (empty: none; the line break as written, `\r\n`). */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  newline: string;
  comment: string;
}

/** The file read in a known dialect, `width` columns of text, nothing sniffed again. */
export function readCsvAs(path: string, dialect: CsvDialect, skip: number, width: number): string {
  const columns = Array.from({ length: width }, (_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
  const options = [
    'auto_detect = false',
    'header = false',
    `delim = ${literal(dialect.delimiter)}`,
    `quote = ${literal(dialect.quote)}`,
    `escape = ${literal(dialect.escape)}`,
    `new_line = ${literal(dialect.newline)}`,
    `comment = ${literal(dialect.comment)}`,
    `skip = ${Math.max(0, Math.floor(skip))}`,
    // Only the first line is wanted: a small buffer (4 MiB took 26 ms for it, 1 MiB 8 ms).
    `buffer_size = ${2 ** 20}`,
    `columns = {${columns}}`,
  ];
  return `read_csv(${literal(path)}, ${options.join(', ')})`;
}

export function describeSource(source: string): string {
  return `DESCRIBE SELECT * FROM ${source}`;
}

/** A table's columns (column_name, column_type), in order. */
export function describeTableColumns(table: string): string {
  return describeSource(ident(table));
}

/** One projected column of a CREATE TABLE … AS SELECT: an expression and its output name. */
export interface Projection {
  expr: string;
  name: string;
}

/** Text is stored NFC so what a user types matches what the file holds. Normalising is
 *  costly, so it runs only on values holding a character that could make them not NFC. */
export function nfc(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, ${literal(MAY_NOT_BE_NFC)}) THEN nfc_normalize(${expr}) ELSE ${expr} END`;
}

const SUFFIX = `\\s*(%|tỷ|triệu|nghìn|ngàn)(\\s*đồng)?$`;

/** `trim(expr)`, or `expr` itself when every value is known to be trimmed already (trimming
 *  costs as much as the cast that follows it). */
const trimmed = (expr: string, isTrimmed: boolean) => (isTrimmed ? expr : `trim(${expr})`);

/** Vietnamese style: `.` groups thousands, `,` marks decimals (`1.053` → 1053, `44,5` → 44.5);
 *  with `suffixes`, `12,5%` → 12.5 and `3,1 tỷ` → 3 100 000 000. `isTrimmed`: no value has
 *  spaces around it (the same result without the cost of trimming). */
export function parseViNumber(expr: string, type: string, suffixes = false, isTrimmed = false): string {
  if (!suffixes) return `TRY_CAST(replace(replace(${trimmed(expr, isTrimmed)}, '.', ''), ',', '.') AS ${type})`;
  const v = `lower(${trimmed(expr, isTrimmed)})`;
  const digits = `regexp_replace(${v}, '${SUFFIX}', '')`;
  const scale = `CASE WHEN ${v} LIKE '%tỷ%' THEN 1e9 WHEN ${v} LIKE '%triệu%' THEN 1e6 WHEN ${v} LIKE '%nghìn%' OR ${v} LIKE '%ngàn%' THEN 1e3 ELSE 1 END`;
  return `(TRY_CAST(replace(replace(${digits}, '.', ''), ',', '.') AS DOUBLE) * ${scale})`;
}

/** `dd/mm/yyyy` → DATE. */
export function parseDayMonthYear(expr: string, isTrimmed = false): string {
  return `CAST(TRY_STRPTIME(${trimmed(expr, isTrimmed)}, '%d/%m/%Y') AS DATE)`;
}

/** Marks the failure of `wholeNumber`, to tell it from the engine's own errors. */
export const NOT_WHOLE_NUMBER = 'sdv: not a whole number';

/** Text read as the whole number it holds, or failing: DuckDB's cast reads `1.053` as 1
 *  without complaint, so a value with a `.` fails with NOT_WHOLE_NUMBER; `1,053`, `-` or `1 053`
 *  fail the cast itself. */
export function wholeNumber(expr: string): string {
  return `CASE WHEN contains(${expr}, '.') THEN error(${literal(NOT_WHOLE_NUMBER)}) ELSE CAST(${expr} AS BIGINT) END`;
}

/** A number in `.` thousands groups (`1.053`, `12.500.000`): the `dotGroups` shape of
 *  `valueShape`, which a Vietnamese file means as thousands and an international one may not. */
const DOT_GROUPS = '-?[0-9]{1,3}(\\.[0-9]{3})+';
/** Two or more groups (`12.500.000`): thousands in any reading (no international number has two
 *  points), where one group (`1.053`) may be a decimal. */
const DOT_GROUPS_MANY = '-?[0-9]{1,3}(\\.[0-9]{3}){2,}';

/** Marks the failure of `plainDecimal`, to tell it from the engine's own errors. */
export const MAYBE_THOUSANDS = 'sdv: may be thousands groups';

/** Text read as the decimal it holds, or failing: a value shaped like `1.053` or `12.500.000`
 *  reads as a decimal or as thousands depending on the column's other values, so it fails with
 *  MAYBE_THOUSANDS (the column is then decided from all its values); `44,5` or `-` fail the cast
 *  itself. Any other value means the same in both styles (`95.5`, `12`). */
export function plainDecimal(expr: string): string {
  return `CASE WHEN contains(${expr}, '.') AND regexp_full_match(${expr}, '\\s*${DOT_GROUPS}\\s*') THEN error(${literal(MAYBE_THOUSANDS)}) ELSE CAST(${expr} AS DOUBLE) END`;
}

/** A whole number (`-12`), or NULL. */
export function parseInteger(expr: string, isTrimmed = false): string {
  return `TRY_CAST(${trimmed(expr, isTrimmed)} AS BIGINT)`;
}

/** Text folded like the app folds names: no diacritics, đ → d, lower case. */
export function foldedText(expr: string): string {
  return `lower(strip_accents(replace(replace(trim(CAST(${expr} AS VARCHAR)), 'Đ', 'D'), 'đ', 'd')))`;
}

/** A report's total line: one of the first text columns says `Tổng cộng`, `Cộng`, `Toàn tỉnh`…
 *  (`labels` are folded to ASCII). */
export function isTotalRow(columns: string[], labels: string[]): string {
  if (columns.length === 0) return 'false';
  return `(${columns.map((c) => isTotalLabel(ident(c), labels)).join(' OR ')})`;
}

/** One cell of a total line's label (see `isTotalRow`): never NULL. */
function isTotalLabel(expr: string, labels: string[]): string {
  const pattern = `(${labels.join('|')})[:. ]*`;
  const raw = `CAST(${expr} AS VARCHAR)`;
  // Labels are short and start with T, C or G (Tổng, Toàn, Cộng, Grand): a prefix test, which
  // costs next to nothing, keeps the other tests off almost every row.
  const starts = ['T', 't', 'C', 'c', 'G', 'g', ' '].map((ch) => `prefix(${raw}, '${ch}')`).join(' OR ');
  // CASE evaluates its THEN branch only on the rows that reach it.
  return `CASE WHEN ${starts} THEN coalesce(length(trim(${raw})) <= 16 AND regexp_full_match(${foldedText(expr)}, ${literal(pattern)}), false) ELSE false END`;
}

/** Every cell empty. A CASE, so the cells after the first filled one are never looked at
 *  (a COALESCE of every cell trimmed cost ten times more on a million rows). */
export function isEmptyRow(columns: string[]): string {
  if (columns.length === 0) return 'true';
  return `(CASE ${columns.map((c) => `WHEN nullif(trim(CAST(${ident(c)} AS VARCHAR)), '') IS NOT NULL THEN false`).join(' ')} ELSE true END)`;
}

/** International style with optional `,` thousands groups (`1,053.5`). */
export function parseIntlNumber(expr: string, type: string, isTrimmed = false): string {
  return `TRY_CAST(replace(${trimmed(expr, isTrimmed)}, ',', '') AS ${type})`;
}

export function createTableAs(table: string, projections: Projection[], source: string, where?: string): string {
  const select = projections.map((p) => `${p.expr} AS ${ident(p.name)}`).join(', ');
  return `CREATE TABLE ${ident(table)} AS SELECT ${select} FROM ${source}${where ? ` WHERE ${where}` : ''}`;
}

/** A table holding a query's result; the query is a person's own, already found read-only by
 *  `Engine.isReadOnly`, and is wrapped exactly as that check prepared it. */
export function createTableFromQuery(table: string, query: string): string {
  return `CREATE OR REPLACE TABLE ${ident(table)} AS ${readOnlyProbe(query)}`;
}

/** A table holding every row of `source` as read (`SELECT *`), after the `leading` columns;
 *  `replaced` columns hold their expression instead. */
export function createTableFrom(table: string, source: string, leading: Projection[] = [], replaced: Projection[] = []): string {
  const all = replaced.length > 0 ? `* REPLACE (${replaced.map((p) => `${p.expr} AS ${ident(p.name)}`).join(', ')})` : '*';
  const select = [...leading.map((p) => `${p.expr} AS ${ident(p.name)}`), all].join(', ');
  return `CREATE TABLE ${ident(table)} AS SELECT ${select} FROM ${source}`;
}

/** Deletes the rows for which `keep` is not true (as `WHERE keep` would leave them out). */
export function deleteRowsUnless(table: string, keep: string): string {
  return `DELETE FROM ${ident(table)} WHERE (${keep}) IS NOT TRUE`;
}

export function dropColumn(table: string, column: string): string {
  return `ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`;
}

const TYPE_NAME = /^[A-Z][A-Z0-9_]*(\([0-9, ]+\))?$/;

/** Rewrites one column in place as `expr` (over the column's old values) of `type`, a type name
 *  the engine gave (see `projectionTypes`). Only that column is rewritten. */
export function alterColumnType(table: string, column: string, type: string, expr: string): string {
  if (!TYPE_NAME.test(type)) throw new Error(`not a type name: ${type}`);
  return `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} SET DATA TYPE ${type} USING ${expr}`;
}

/** The types `projections` over `table` would have (`DESCRIBE`, nothing is read). */
export function projectionTypes(table: string, projections: Projection[]): string {
  const select = projections.map((p) => `${p.expr} AS ${ident(p.name)}`).join(', ');
  return `DESCRIBE SELECT ${select} FROM ${ident(table)}`;
}

/** Per column, over its distinct values (a table's columns mostly repeat a few values, so this
 *  costs far less than testing every row): how many rows have each value shape (`valueShape`,
 *  for the `shaped` columns only; NULL for the others) and, of those rows, how many hold a value
 *  with spaces around it, a value that may not be NFC, an empty value (NULL or only spaces, as
 *  `isEmptyRow` sees it) and, for the `label` columns, a total line's label (as `isTotalRow` sees
 *  it; 0 for the others). Rows: c (index in `columns`), k, n, untrimmed, maybe_not_nfc, blank, label.
 *  The columns' distinct values are stacked and tested by one expression of each kind: each
 *  regular expression in a statement is compiled on its own, and that costs more than the tests. */
export function columnValueProfile(columns: { name: string; from: string; shaped: boolean; label: boolean }[], labels: string[]): string {
  const v = `"__v"`;
  const t = `"__t"`;
  const rows = (predicate: string) => `coalesce(sum("__n") FILTER (WHERE ${predicate}), 0)`;
  const among = (flag: 'shaped' | 'label') => {
    const at = columns.flatMap((c, i) => (c[flag] ? [i] : []));
    return at.length > 0 ? `"__c" IN (${at.join(', ')})` : 'false';
  };
  const stacked = columns.map(({ name, from }, i) => `SELECT ${i} AS "__c", CAST(${ident(name)} AS VARCHAR) AS ${v}, count(*) AS "__n" FROM ${from} GROUP BY ALL`);
  const values = `(SELECT *, trim(${v}) AS ${t} FROM (${unionAll(stacked)}))`;
  const shape = `CASE WHEN ${among('shaped')} THEN ${valueShape(t)} END`;
  const label = `CASE WHEN ${among('label')} THEN ${isTotalLabel(v, labels)} ELSE false END`;
  const checks = [
    `${rows(`${v} <> ${t}`)} AS untrimmed`,
    `${rows(`regexp_matches(${v}, ${literal(MAY_NOT_BE_NFC)})`)} AS maybe_not_nfc`,
    `${rows(`nullif(${t}, '') IS NULL`)} AS blank`,
    `${rows(label)} AS label`,
  ];
  return `SELECT "__c" AS c, ${shape} AS k, sum("__n") AS n, ${checks.join(', ')} FROM ${values} GROUP BY ALL`;
}

/** `UNION ALL` of the queries as a balanced tree: a chain of a thousand would pass the parser's
 *  depth limit (a wide file has that many columns). */
function unionAll(queries: string[]): string {
  if (queries.length === 1) return queries[0]!;
  const half = Math.ceil(queries.length / 2);
  return `(${unionAll(queries.slice(0, half))}) UNION ALL (${unionAll(queries.slice(half))})`;
}

export function renameColumn(table: string, from: string, to: string): string {
  return `ALTER TABLE ${ident(table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`;
}

/** Per column, how many values may not be NFC (one scan for all of them). */
export function countMaybeNotNfc(table: string, columns: string[]): string {
  return `SELECT ${columns.map((c, i) => `count(*) FILTER (WHERE regexp_matches(${ident(c)}, ${literal(MAY_NOT_BE_NFC)})) AS "n${i}"`).join(', ')} FROM ${ident(table)}`;
}

/** Rewrites in NFC only the values that may not be. */
export function normaliseColumn(table: string, column: string): string {
  return `UPDATE ${ident(table)} SET ${ident(column)} = nfc_normalize(${ident(column)}) WHERE regexp_matches(${ident(column)}, ${literal(MAY_NOT_BE_NFC)})`;
}

export function renameTable(from: string, to: string): string {
  return `ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`;
}

export function selectAll(table: string): string {
  return `SELECT * FROM ${ident(table)}`;
}

export function dropTable(table: string): string {
  return `DROP TABLE IF EXISTS ${ident(table)}`;
}

export function countRows(table: string): string {
  return `SELECT count(*)::BIGINT AS n FROM ${ident(table)}`;
}

/** Every listed table's columns, in order (the names are those of LIST_TABLES). */
export const LIST_COLUMNS = `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND NOT starts_with(table_name, '__') ORDER BY table_name, ordinal_position`;

/** The row count of each table, in one query. */
export function countRowsOf(tables: readonly string[]): string {
  return tables.map((t, i) => `SELECT ${i} AS i, count(*)::BIGINT AS n FROM ${ident(t)}`).join(' UNION ALL ');
}

export function previewTable(table: string, limit = 100): string {
  return `SELECT * FROM ${ident(table)} LIMIT ${Math.max(0, Math.floor(limit))}`;
}

/** Counts, over all values of each text column, how many look like numbers in each style.
 *  Deciding from every value (not a sample) is what keeps `1.053` from becoming 1.053.
 *  `extra` adds named aggregates (total lines, empty lines, filled cells) to the same scan. */
/** The shape of one text value, as one of a few exclusive classes (see import/number-style). */
export function valueShape(v: string): string {
  const dot = `contains(${v}, '.')`;
  const comma = `contains(${v}, ',')`;
  const suffix = `(contains(${v}, '%') OR contains(${v}, 'ỷ') OR contains(${v}, 'triệu') OR contains(${v}, 'nghìn') OR contains(${v}, 'ngàn'))`;
  // CASE tests its branches in order on the values not matched yet; cheap tests come first.
  return `CASE
    WHEN ${v} IS NULL OR ${v} = '' THEN 'empty'
    WHEN NOT ${dot} AND NOT ${comma} AND regexp_full_match(${v}, '-?[0-9]+') THEN 'int'
    WHEN ${dot} AND NOT ${comma} AND regexp_full_match(${v}, '${DOT_GROUPS_MANY}') THEN 'dotGroupsMany'
    WHEN ${dot} AND NOT ${comma} AND regexp_full_match(${v}, '${DOT_GROUPS}') THEN 'dotGroups'
    WHEN ${dot} AND NOT ${comma} AND regexp_full_match(${v}, '-?[0-9]*\\.[0-9]+') THEN 'dotDecimal'
    WHEN ${comma} AND NOT ${dot} AND regexp_full_match(${v}, '-?[0-9]{1,3}(,[0-9]{3})+') THEN 'commaGroups'
    WHEN ${comma} AND regexp_full_match(${v}, '-?[0-9]{1,3}(\\.[0-9]{3})*,[0-9]+|-?[0-9]+,[0-9]+') THEN 'commaDecimal'
    WHEN ${comma} AND ${dot} AND regexp_full_match(${v}, '-?[0-9]{1,3}(,[0-9]{3})+\\.[0-9]+') THEN 'commaGroupsDotDecimal'
    WHEN ${suffix} AND regexp_full_match(lower(${v}), '-?[0-9]+([.,][0-9]+)*${SUFFIX}') THEN 'suffixed'
    WHEN contains(${v}, '/') AND regexp_full_match(${v}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}') AND TRY_STRPTIME(${v}, '%d/%m/%Y') IS NOT NULL THEN 'dmy'
    WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL THEN 'plain'
    ELSE 'other' END`;
}

/** How many values of each shape every column has, in one scan: one histogram per column.
 *  Deciding from every value (not a sample) is what keeps `1.053` from becoming 1.053.
 *  `extra` adds named aggregates (total lines, empty lines, filled cells) to the same scan. */
export function numberStyleProfile(columns: string[], source: string, extra: Record<string, string> = {}): string {
  const checks = Object.entries(extra).map(([name, aggregate]) => `${aggregate} AS ${ident(name)}`);
  const shapes = columns.map((c, i) => `${valueShape(`trim(CAST(${ident(c)} AS VARCHAR))`)} AS "__s${i}"`);
  const parts = columns.map((_, i) => `map_entries(histogram("__s${i}")) AS "shapes${i}"`);
  const all = [...checks, ...parts];
  const from = shapes.length > 0 ? `(SELECT *, ${shapes.join(', ')} FROM ${source})` : source;
  return `SELECT ${all.length > 0 ? all.join(', ') : '1'} FROM ${from}`;
}


export function countWhere(predicate: string): string {
  return `count(*) FILTER (WHERE ${predicate})`;
}

/** Non-empty cells of a column. */
export function countFilled(column: string): string {
  return `count(nullif(trim(CAST(${ident(column)} AS VARCHAR)), ''))`;
}

/** The workbook's tables; `__`-prefixed ones are the import's scratch and staging tables. */
/** Long form of a wide table: one row per (row, wide column). The key keeps the column name
 *  less `prefix`, or its year as an INTEGER. */
export function unpivotTable(target: string, source: string, spec: { columns: string[]; keyName: string; valueName: string; prefix: string; years: boolean }): string {
  const key = ident(spec.keyName);
  const keyExpr = spec.years
    ? `CAST(regexp_extract(${key}, '(19|20)[0-9]{2}') AS INTEGER)`
    : spec.prefix
      ? `trim(substr(${key}, ${spec.prefix.length + 4}))`
      : key;
  const unpivot = `UNPIVOT ${ident(source)} ON ${spec.columns.map(ident).join(', ')} INTO NAME ${key} VALUE ${ident(spec.valueName)}`;
  return `CREATE TABLE ${ident(target)} AS SELECT * REPLACE (${keyExpr} AS ${key}) FROM (${unpivot})`;
}

/** One table from several: each part's matched columns under the combined names, a constant
 *  year where the part has no year column, stacked with UNION ALL BY NAME (absent → NULL). */
export function combineTables(
  target: string,
  parts: { table: string; year: number | null; columns: { from: string; to: string }[] }[],
  yearColumn: string,
): string {
  const selects = parts.map((p) => {
    const cols = p.columns.map((c) => `${ident(c.from)} AS ${ident(c.to)}`);
    const hasYear = p.columns.some((c) => c.to === yearColumn);
    if (!hasYear) cols.unshift(`${p.year === null ? 'NULL::INTEGER' : `${Math.trunc(p.year)}::INTEGER`} AS ${ident(yearColumn)}`);
    return `SELECT ${cols.join(', ')} FROM ${ident(p.table)}`;
  });
  return `CREATE TABLE ${ident(target)} AS ${selects.join(' UNION ALL BY NAME ')}`;
}

/** Rows of `source` added to `target`, columns matched by name (those it lacks are NULL). */
export function appendRows(target: string, source: string): string {
  return `INSERT INTO ${ident(target)} BY NAME SELECT * FROM ${ident(source)}`;
}

/** Values of `column` that both tables hold (years a new file would count twice). */
export function sharedValues(target: string, source: string, column: string): string {
  return `SELECT DISTINCT s.${ident(column)} AS v FROM ${ident(source)} s WHERE s.${ident(column)} IN (SELECT t.${ident(column)} FROM ${ident(target)} t) ORDER BY 1`;
}

export const LIST_TABLES = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' AND NOT starts_with(table_name, '__') ORDER BY table_name`;

export function limited(source: string, limit: number): string {
  return `(SELECT * FROM ${source} LIMIT ${Math.max(0, Math.floor(limit))})`;
}
