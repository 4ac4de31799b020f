/** Every SQL statement the app generates is built here, from quoted identifiers and
 *  app-generated names. Nothing the user typed is pasted into these strings. */
import { ident, literal } from './quote';

export interface CsvReadOptions {
  /** Column name → DuckDB type, overriding the sniffer for those columns. */
  types?: Record<string, string>;
  allVarchar?: boolean;
  header?: boolean;
  delimiter?: string;
  skip?: number;
}

export function readCsv(path: string, options: CsvReadOptions = {}): string {
  const args = [literal(path), `header = ${options.header === false ? 'false' : 'true'}`, 'sample_size = 20480'];
  if (options.delimiter) args.push(`delim = ${literal(options.delimiter)}`);
  if (options.skip) args.push(`skip = ${Math.max(0, Math.floor(options.skip))}`);
  if (options.allVarchar) args.push('all_varchar = true');
  if (options.types && Object.keys(options.types).length > 0) {
    const entries = Object.entries(options.types).map(([c, t]) => `${literal(c)}: ${literal(t)}`);
    args.push(`types = {${entries.join(', ')}}`);
  }
  return `read_csv(${args.join(', ')})`;
}

export function sniffCsv(path: string): string {
  return `SELECT "Delimiter", "HasHeader", "SkipRows", "Columns" FROM sniff_csv(${literal(path)}, sample_size = 20480)`;
}

export function describeSource(source: string): string {
  return `DESCRIBE SELECT * FROM ${source}`;
}

/** One projected column of a CREATE TABLE … AS SELECT: an expression and its output name. */
export interface Projection {
  expr: string;
  name: string;
}

export function column(name: string): string {
  return ident(name);
}

/** Text is stored NFC so what a user types matches what the file holds. */
export function nfc(expr: string): string {
  return `nfc_normalize(${expr})`;
}

/** Vietnamese style: `.` groups thousands, `,` marks decimals (`1.053` → 1053, `44,5` → 44.5). */
export function parseViNumber(expr: string, type: string): string {
  return `TRY_CAST(replace(replace(trim(${expr}), '.', ''), ',', '.') AS ${type})`;
}

/** International style with optional `,` thousands groups (`1,053.5`). */
export function parseIntlNumber(expr: string, type: string): string {
  return `TRY_CAST(replace(trim(${expr}), ',', '') AS ${type})`;
}

export function createTableAs(table: string, projections: Projection[], source: string): string {
  const select = projections.map((p) => `${p.expr} AS ${ident(p.name)}`).join(', ');
  return `CREATE TABLE ${ident(table)} AS SELECT ${select} FROM ${source}`;
}

export function dropTable(table: string): string {
  return `DROP TABLE IF EXISTS ${ident(table)}`;
}

export function countRows(table: string): string {
  return `SELECT count(*)::BIGINT AS n FROM ${ident(table)}`;
}

/** Bind the table name as the one parameter. */
export const DESCRIBE_TABLE = `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`;

export function previewTable(table: string, limit = 100): string {
  return `SELECT * FROM ${ident(table)} LIMIT ${Math.max(0, Math.floor(limit))}`;
}

/** Counts, over all values of each text column, how many look like numbers in each style.
 *  Deciding from every value (not a sample) is what keeps `1.053` from becoming 1.053. */
export function numberStyleProfile(columns: string[], source: string): string {
  const parts = columns.flatMap((c, i) => {
    const v = `trim(${ident(c)})`;
    return [
      `count(*) FILTER (WHERE ${v} <> '') AS "n${i}"`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '-?[0-9]+')) AS "int${i}"`,
      `count(*) FILTER (WHERE TRY_CAST(${v} AS DOUBLE) IS NOT NULL) AS "plain${i}"`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '-?[0-9]{1,3}(\\.[0-9]{3})+')) AS "viGroup${i}"`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '-?[0-9]{1,3}(\\.[0-9]{3})*,[0-9]+|-?[0-9]+,[0-9]+')) AS "viDec${i}"`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '-?[0-9]*\\.[0-9]+')) AS "intlDec${i}"`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?')) AS "intlGroup${i}"`,
      `count(*) FILTER (WHERE regexp_full_match(${v}, '-?[0-9]{1,3}(,[0-9]{3})+')) AS "ambiguous${i}"`,
    ];
  });
  return `SELECT ${parts.join(', ')} FROM ${source}`;
}


export const LIST_TABLES = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`;

export function limited(source: string, limit: number): string {
  return `(SELECT * FROM ${source} LIMIT ${Math.max(0, Math.floor(limit))})`;
}
