/** Statements that cannot change a table. Decided by DuckDB's own parser, not a pattern: the
 *  text wrapped as a subquery (`SELECT * FROM (…)`) prepares only when it is one query that
 *  reads — `EXPLAIN ANALYZE DROP …`, `WITH … DELETE`, `SET VARIABLE`, a second statement are
 *  syntax errors there, and text that closes the parenthesis itself (`SELECT 1); DROP TABLE t;
 *  SELECT * FROM (SELECT 1`) becomes several statements, which `prepare` refuses. */

/** The probe `Engine.isReadOnly` prepares (never runs). Newlines keep a trailing `--` comment
 *  inside the parenthesis. */
export function readOnlyProbe(sql: string): string {
  return `SELECT * FROM (\n${sql.trim().replace(/;\s*$/, '')}\n)`;
}

/** A quick first look, for the interface only (whether a result can be sorted): one statement
 *  that starts like a query. What may run on opening a file is decided by `Engine.isReadOnly`. */
const LOOKS_READ_ONLY = /^\s*(select|with|from|describe|show|summarize|explain|pragma\s+table_info)\b[^;]*;?\s*$/i;

export const looksReadOnly = (sql: string): boolean => LOOKS_READ_ONLY.test(sql);
