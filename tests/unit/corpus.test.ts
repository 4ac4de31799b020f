/** Every file of tests/corpus either loads, with exactly DuckDB's own row count, or fails
 *  with a named, explained error; the engine answers after each one. */
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromBytes, importFile, ImportError } from '../../src/import/import-file';
import { listTableNames } from '../../src/engine/catalog';
import { ROOT, rows, useEngine } from '../helpers/engine';
import { nativeRowCount } from '../helpers/native-duckdb';

const CORPUS = path.resolve(ROOT, 'tests/corpus');
const engine = useEngine();

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else if (!entry.name.endsWith('.md') && entry.name !== 'LICENSE') out.push(p);
  }
  return out.sort();
}

describe('the shared corpus', async () => {
  const files = await walk(CORPUS);

  it('has files to walk', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [path.relative(CORPUS, f), f]))('%s loads or fails clearly', async (_, file) => {
    const before = await listTableNames(engine());
    const bytes = new Uint8Array(await readFile(file));
    const name = path.basename(file);
    try {
      const result = await importFile(engine(), fromBytes(name, bytes));
      const kind = bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31 ? 'parquet' : 'csv';
      const native = await nativeRowCount(file, kind);
      const [count] = await rows(engine(), `SELECT count(*) AS n FROM "${result.name}"`);
      expect(Number(count!.n)).toBe(result.rows);
      // Exactly DuckDB's own count: none of these files has report totals or empty lines.
      if (native !== null) expect(result.rows).toBe(native);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      const e = error as ImportError;
      if (process.env.CORPUS_LOG) console.log('FAILED', name, e.problem, e.detail);
      expect(e.fileName).toBe(name);
      expect(['empty', 'binary', 'unsupported', 'read-failed', 'no-columns']).toContain(e.problem);
      if (e.problem === 'read-failed') expect(e.detail.length).toBeGreaterThan(0);
      expect(await listTableNames(engine())).toEqual(before);
    }
    // The engine still answers after every file.
    expect(await rows(engine(), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
