import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { startNodeEngine } from '../../src/engine/start-node';
import { fromBytes, importFile } from '../../src/import/import-file';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** One real DuckDB-WASM engine per test file. */
export function useEngine(): () => Engine {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await startNodeEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });
  return () => {
    if (!engine) throw new Error('engine not started');
    return engine;
  };
}

export async function importPath(engine: Engine, file: string, name = path.basename(file)) {
  const bytes = new Uint8Array(await readFile(path.resolve(ROOT, file)));
  return importFile(engine, fromBytes(name, bytes));
}

/** Rows of a sample CSV in data-samples/ (the samples have no line breaks inside values). */
export function sampleRows(name: string): number {
  return readFileSync(path.join(ROOT, 'data-samples', `${name}.csv`), 'utf8').trimEnd().split('\n').length - 1;
}

export async function rows(engine: Engine, sql: string, params: unknown[] = []) {
  const { table } = await engine.query(sql, params);
  return table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
}
