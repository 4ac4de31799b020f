/** A table as the workbook keeps it (in versions and in `.sdv` files): Parquet parts, with the
 *  types of the columns stored as text kept beside them (see sql/storage-types.ts). One table
 *  that cannot be written as it is is written as text rather than stopping the whole save. */
import type { Engine } from '../engine/engine';
import type { TableInfo } from '../engine/catalog';
import { restoreColumnType, selectAllAsText, selectForStorage, storedAs, isRestorableType } from '../sql/storage-types';

export interface StoredTable {
  parts: Uint8Array[];
  /** Column → its DuckDB type, for the columns stored as text and cast back on opening. */
  types: Record<string, string>;
  /** Columns kept as text only (their type could not be kept): said to the person. */
  asText: string[];
}

export async function storeTable(engine: Engine, table: TableInfo): Promise<StoredTable> {
  const types = Object.fromEntries(table.columns.filter((c) => storedAs(c.type) === 'text').map((c) => [c.name, c.type]));
  const lossy = table.columns.filter((c) => storedAs(c.type) === 'lossy').map((c) => c.name);
  try {
    return { parts: await engine.exportParquetParts(selectForStorage(table.name, table.columns)), types, asText: lossy };
  } catch {
    // A type the writer still refuses: everything as text, so the other tables and this
    // table's values are kept regardless.
    const parts = await engine.exportParquetParts(selectAllAsText(table.name, table.columns));
    return { parts, types: {}, asText: table.columns.filter((c) => c.type !== 'VARCHAR').map((c) => c.name) };
  }
}

/** Casts the columns stored as text back to their types (types from a file are checked
 *  first); returns the columns that stayed text. */
export async function restoreTypes(engine: Engine, table: string, types: Record<string, string> | undefined): Promise<string[]> {
  const left: string[] = [];
  for (const [column, type] of Object.entries(types ?? {})) {
    if (!isRestorableType(type)) {
      left.push(column);
      continue;
    }
    await engine.run(restoreColumnType(table, column, type)).catch(() => left.push(column));
  }
  return left;
}
