import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fromBytes, importFile, ImportError } from '../../src/import/import-file';
import { listTableNames } from '../../src/engine/catalog';
import { importPath, rows, useEngine, sampleRows } from '../helpers/engine';

const engine = useEngine();

describe('Parquet import', () => {
  it('loads the sample Parquet with the same figures as its CSV twin', async () => {
    const parquet = await importPath(engine(), 'data-samples/tiep-cong-dan.parquet');
    const csv = await importPath(engine(), 'data-samples/tiep-cong-dan.csv');
    expect(parquet.name).toBe('tiep_cong_dan');
    expect(csv.name).toBe('tiep_cong_dan_2');
    expect(parquet.rows).toBe(sampleRows('tiep-cong-dan'));
    expect(parquet.columns.map((c) => c.name)).toEqual(csv.columns.map((c) => c.name));
    const sql = (t: string) => `SELECT "Năm", sum("Lượt tiếp") AS l, sum("Số người") AS p FROM "${t}" GROUP BY 1 ORDER BY 1`;
    expect(await rows(engine(), sql(parquet.name))).toEqual(await rows(engine(), sql(csv.name)));
  });

  it('loads Parquet files written by other tools (corpus)', async () => {
    const info = await importPath(engine(), 'tests/corpus/parquet/data/alltypes_plain.parquet');
    expect(info.rows).toBe(8);
    const nested = await importPath(engine(), 'tests/corpus/parquet/data/nested_structs.rust.parquet');
    expect(nested.rows).toBeGreaterThan(0);
  });

  it('gives a named read failure for an encrypted Parquet file and keeps earlier tables', async () => {
    const before = await listTableNames(engine());
    const bytes = new Uint8Array(await readFile('tests/corpus/parquet/data/uniform_encryption.parquet.encrypted'));
    const error = await importFile(engine(), fromBytes('uniform_encryption.parquet', bytes)).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(['read-failed', 'binary']).toContain((error as ImportError).problem);
    expect(await listTableNames(engine())).toEqual(before);
  });

  it('round-trips a query result through Parquet export', async () => {
    const source = await importPath(engine(), 'data-samples/xep-loai-dan-van.csv');
    const sql = `SELECT "Năm", "Xếp loại", count(*) AS "Số đơn vị", avg("Điểm") AS "Điểm TB" FROM "${source.name}" GROUP BY ALL ORDER BY ALL`;
    const bytes = await engine().exportParquet(sql);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x41, 0x52, 0x31]);
    const back = await importFile(engine(), fromBytes('ket-qua.parquet', bytes));
    expect(await rows(engine(), `SELECT * FROM "${back.name}" ORDER BY ALL`)).toEqual(await rows(engine(), sql));
  });
});
