/** The helper tables the analyses join with, rebuilt whenever the semantic layer changes:
 *  every unit name as written → its unit as it was and as it is today, and every
 *  classification value as written → its level. The rows are bound as parameters. */
import { ident } from './quote';

export const UNIT_MAP = '__unit_map';
export const LEVEL_MAP = '__level_map';

export interface UnitMapRow {
  raw: string;
  unit_id: string;
  unit_name: string;
  unit_type: string | null;
  current_id: string;
  current_name: string;
  current_type: string | null;
}

export interface LevelMapRow {
  raw: string;
  level_rank: number;
  level_name: string;
}

export const CREATE_UNIT_MAP = `CREATE OR REPLACE TABLE ${ident(UNIT_MAP)} (raw VARCHAR PRIMARY KEY, unit_id VARCHAR, unit_name VARCHAR, unit_type VARCHAR, current_id VARCHAR, current_name VARCHAR, current_type VARCHAR)`;
export const CREATE_LEVEL_MAP = `CREATE OR REPLACE TABLE ${ident(LEVEL_MAP)} (raw VARCHAR PRIMARY KEY, level_rank INTEGER, level_name VARCHAR)`;

/** INSERT statements of at most `chunk` rows each, with their parameters. */
export function insertRows<T extends object>(table: string, columns: (keyof T & string)[], rows: T[], chunk = 200): { sql: string; params: unknown[] }[] {
  const out: { sql: string; params: unknown[] }[] = [];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    out.push({
      sql: `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`,
      params: part.flatMap((r) => columns.map((c) => r[c] ?? null)),
    });
  }
  return out;
}

/** Distinct non-empty text values of one column (names of units, classification values). */
export function distinctText(table: string, column: string, limit = 10000): string {
  return `SELECT DISTINCT CAST(${ident(column)} AS VARCHAR) AS v FROM ${ident(table)} WHERE nullif(trim(CAST(${ident(column)} AS VARCHAR)), '') IS NOT NULL ORDER BY 1 LIMIT ${Math.floor(limit)}`;
}

/** A few distinct values of every column, as text, to recognise what the column holds. */
export function sampleValues(table: string, columns: string[], perColumn = 20): string {
  if (columns.length === 0) return 'SELECT 1 WHERE false';
  const parts = columns.map((c, i) => `list(DISTINCT CAST(${ident(c)} AS VARCHAR))[1:${Math.floor(perColumn)}] AS "c${i}"`);
  return `SELECT ${parts.join(', ')} FROM (SELECT * FROM ${ident(table)} LIMIT 5000)`;
}

/** All rows of a few columns, as text (units lists and crosswalks are small). */
export function selectAsText(table: string, columns: (string | null)[], limit = 100000): string {
  const parts = columns.map((c, i) => (c ? `CAST(${ident(c)} AS VARCHAR) AS "c${i}"` : `NULL::VARCHAR AS "c${i}"`));
  return `SELECT ${parts.join(', ')} FROM ${ident(table)} LIMIT ${Math.floor(limit)}`;
}

const FIELD = '\u001f';
const ROW = '\u001e';

/** Bound parameters travel to the engine on its 1 MiB stack (DuckDB-WASM passes them to the
 *  worker as one JSON text, and a text past its stack takes the whole tab down); a statement's
 *  parameters are kept well under it. */
export const MAX_PARAMS_JSON = 256 * 1024;
const utf8 = new TextEncoder();

/** INSERTs of every unit-map row: the rows travel as bound texts (fields and rows apart by the
 *  ASCII unit and record separators, which a name cannot hold), split by the engine. A few
 *  thousand names then cost a few statements instead of dozens of parameter batches; each
 *  text stays under MAX_PARAMS_JSON once written as JSON (tens of thousands of units, as in a
 *  table of 5 million rows, are several statements). */
export function insertUnitMap(rows: UnitMapRow[], maxJson = MAX_PARAMS_JSON): { sql: string; params: unknown[] }[] {
  const clean = (v: string | null) => (v ?? '').replaceAll(FIELD, ' ').replaceAll(ROW, ' ');
  const f = (i: number) => `nullif(f[${i}], '')`;
  const sql = `INSERT INTO ${ident(UNIT_MAP)} SELECT ${[1, 2, 3, 4, 5, 6, 7].map(f).join(', ')} FROM (SELECT string_split(r, chr(31)) AS f FROM (SELECT unnest(string_split(CAST($1 AS VARCHAR), chr(30))) AS r))`;
  const out: { sql: string; params: unknown[] }[] = [];
  let part: string[] = [];
  let size = 0;
  for (const r of rows) {
    const line = [r.raw, r.unit_id, r.unit_name, r.unit_type, r.current_id, r.current_name, r.current_type].map(clean).join(FIELD);
    // In UTF-8 bytes of JSON: a separator is written \u001f (6 bytes), a Vietnamese letter 2–3.
    const cost = utf8.encode(JSON.stringify(line)).length + 6;
    if (part.length > 0 && size + cost > maxJson) {
      out.push({ sql, params: [part.join(ROW)] });
      part = [];
      size = 0;
    }
    part.push(line);
    size += cost;
  }
  if (part.length > 0) out.push({ sql, params: [part.join(ROW)] });
  return out;
}
