/** Statements that cannot change a table: one SELECT-like statement. Anything else may change
 *  data (the workbook then saves its tables again) and is never run by a dashboard block. */
const READ_ONLY_SQL = /^\s*(select|with|from|describe|show|summarize|explain|pragma\s+table_info)\b[^;]*;?\s*$/i;

export const isReadOnlySql = (sql: string): boolean => READ_ONLY_SQL.test(sql);
