/** Native DuckDB (the @duckdb/node-api package) as the independent reference for row counts. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let connection: Promise<DuckDBConnection> | null = null;

function connect(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

/** DuckDB's own row count for a file, or null when DuckDB cannot read it either. */
export async function nativeRowCount(path: string, kind: 'csv' | 'parquet'): Promise<number | null> {
  const conn = await connect();
  const quoted = `'${path.replaceAll("'", "''")}'`;
  const reader = kind === 'csv' ? `read_csv(${quoted})` : `read_parquet(${quoted})`;
  try {
    const result = await conn.runAndReadAll(`SELECT count(*) FROM ${reader}`);
    return Number(result.getRows()[0]![0]);
  } catch {
    return null;
  }
}
