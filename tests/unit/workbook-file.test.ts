/** The workbook file round trip on the real engine, and its validation. */
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { emptyModel } from '../../src/domain/semantic-model';
import { selectAll } from '../../src/sql/statements';
import { chartData } from '../../src/charts/chart-data';
import { unzipLimited, UnzipLimitError } from '../../src/util/unzip-limited';
import { packWorkbook, tablePath, unpackWorkbook, WORKBOOK_FORMAT, WorkbookFileError, type WorkbookManifest } from '../../src/workbook/workbook-file';
import { rows, useEngine } from '../helpers/engine';
import { declareUnpackedSize } from '../helpers/zip-sizes.mjs';
import type { Dashboard } from '../../src/dashboards/dashboard';
import { defaultChoices, type WorkbookChoices } from '../../src/workbook/choices';

const engine = useEngine();

const DASHBOARD: Dashboard = {
  pages: [
    {
      id: 'p1',
      title: '<script>alert(1)</script> Tổng quan',
      notes: 'Ghi chú',
      filters: { yearFrom: 2020, yearTo: null, unitTypes: ['Huyện'], units: [] },
      blocks: [{ id: 'b1', kind: 'note', title: 'Ghi chú', size: { w: 4, h: 1 }, markdown: '**đậm**' }],
    },
  ],
};

const CHOICES: WorkbookChoices = {
  ...defaultChoices(),
  tab: 'analyses',
  analysis: { ...defaultChoices().analysis, kind: 'reception', view: 'top', measure: 'Số người', top: 5, filters: { yearFrom: 2023, yearTo: 2023, unitTypes: [], units: [], categories: ['Đất đai'] } },
  gridSort: { sql: 'SELECT 1', column: 'Số người', descending: true },
};

async function saved(table: string, rowsPerPart: number) {
  const parts = await engine().exportParquetParts(selectAll(table), rowsPerPart);
  const manifest: WorkbookManifest = {
    format: WORKBOOK_FORMAT,
    version: 1,
    savedAt: '2026-11-23T00:00:00Z',
    viewOnly: false,
    tables: [{ name: table, rows: 0, files: parts.map((_, i) => tablePath(table, i)) }],
    semantics: emptyModel(),
    presets: {},
    sql: 'SELECT 1',
    dashboard: DASHBOARD,
    choices: CHOICES,
  };
  return { bytes: packWorkbook(manifest, new Map([[table, parts]])), parts };
}

describe('workbook file', () => {
  it('keeps every row, type and value through save and open, in parts', async () => {
    const e = engine();
    await e.run(`CREATE TABLE goc AS SELECT i AS n, 'Đơn vị ' || i AS "Đơn vị", i / 3 AS "Tỷ lệ", DATE '2025-07-01' + i::INTEGER AS ngay FROM range(10000) t(i)`);
    const { bytes, parts } = await saved('goc', 3000);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const opened = unpackWorkbook(bytes);
    expect(opened.manifest.sql).toBe('SELECT 1');
    expect(opened.manifest.dashboard).toEqual(DASHBOARD);
    expect(opened.manifest.choices).toEqual(CHOICES);
    await e.loadParquetParts('mo_lai', opened.tables.get('goc')!);
    const diff = await rows(e, 'SELECT count(*) AS n FROM ((SELECT * FROM goc EXCEPT ALL SELECT * FROM mo_lai) UNION ALL (SELECT * FROM mo_lai EXCEPT ALL SELECT * FROM goc))');
    expect(Number(diff[0]!.n)).toBe(0);
    const types = await rows(e, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name IN ('goc', 'mo_lai') ORDER BY table_name, ordinal_position`);
    expect(types.slice(0, 4).map((t) => t.data_type)).toEqual(types.slice(4).map((t) => t.data_type));
  });

  it('reads a file saved before dashboards, or with a damaged dashboard, as having none', async () => {
    const { bytes } = await saved('goc', 5000);
    const entries = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(entries['workbook.json']));
    for (const dashboard of [undefined, 'x', { pages: 'x' }, { pages: [{ id: 1 }] }]) {
      const opened = unpackWorkbook(zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, dashboard })) }));
      expect(opened.manifest.dashboard).toEqual({ pages: [] });
    }
    const older = unpackWorkbook(zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, choices: undefined })) }));
    expect(older.manifest.choices).toEqual(defaultChoices());
  });

  it('saves an empty table with its columns', async () => {
    await engine().run(`CREATE TABLE rong AS SELECT 1 AS a, 'x' AS b WHERE false`);
    const opened = unpackWorkbook((await saved('rong', 100)).bytes);
    expect(opened.tables.get('rong')).toHaveLength(1);
  });

  it('refuses what is not a workbook, a newer one, a damaged one and a zip bomb', async () => {
    const { bytes } = await saved('goc', 5000);
    const entries = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(entries['workbook.json']));
    const problem = (b: Uint8Array) => {
      try {
        unpackWorkbook(b);
        return 'opened';
      } catch (error) {
        return error instanceof WorkbookFileError ? error.problem : String(error);
      }
    };
    expect(problem(new Uint8Array([1, 2, 3]))).toBe('not-zip');
    expect(problem(bytes.subarray(0, bytes.length - 100))).toBe('damaged');
    expect(problem(zipSync({ 'a.txt': strToU8('x') }))).toBe('no-manifest');
    expect(problem(zipSync({ ...entries, 'workbook.json': strToU8('{"format":"khac"}') }))).toBe('foreign');
    expect(problem(zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, version: 2 })) }))).toBe('newer');
    // A version that is not a whole number is a damaged file, not a newer one.
    for (const version of ['1', '2', 1.5, null, -1]) expect(problem(zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, version })) }))).toBe('damaged');
    expect(problem(zipSync({ ...entries, 'workbook.json': strToU8('{not json') }))).toBe('damaged');
    const first = manifest.tables[0].files[0];
    expect(problem(zipSync({ ...entries, [first]: strToU8('PAR1 not really') }))).toBe('damaged');
    // 3 GB declared: refused from the directory, before inflating anything.
    const bomb = declareUnpackedSize(zipSync({ 'workbook.json': strToU8('{}') }), 'workbook.json', 3 * 1024 ** 3);
    expect(problem(bomb)).toBe('too-large');
    // 64 MB of zeros, declared honestly (what a 2 MB bomb of 1.9 GB looks like, smaller): a
    // ratio no table of ours has, refused from the directory.
    const honest = zipSync({ ...entries, [first]: new Uint8Array(64 * 1024 ** 2) });
    expect(honest.length).toBeLessThan(1024 ** 2);
    expect(problem(honest)).toBe('too-large');
    // 50 MB of zeros declared as 100 bytes: the directory lies, so what comes out is counted and
    // inflating stops once the entry grows far past the whole file.
    const understated = declareUnpackedSize(zipSync({ ...entries, [first]: new Uint8Array(50 * 1024 ** 2) }), first, 100);
    expect(problem(understated)).toBe('too-large');
    // More pages or blocks than any dashboard: refused before anything is drawn.
    const note = { id: 'b', kind: 'note', title: 'n', size: { w: 4, h: 1 }, markdown: 'x' };
    const crowded = { pages: [{ id: 'p', title: 'p', notes: '', filters: {}, blocks: Array.from({ length: 2001 }, (_, i) => ({ ...note, id: `b${i}` })) }] };
    expect(problem(zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, dashboard: crowded })) }))).toBe('too-many-blocks');
    const pages = { pages: Array.from({ length: 201 }, (_, i) => ({ id: `p${i}`, title: 'p', notes: '', filters: {}, blocks: [] })) };
    expect(problem(zipSync({ ...entries, 'workbook.json': strToU8(JSON.stringify({ ...manifest, dashboard: pages })) }))).toBe('too-many-blocks');
  });

  it('draws nothing, rather than failing, for a spec naming columns a result lacks', async () => {
    const { table } = await engine().query('SELECT 1 AS a, 2 AS b');
    expect(chartData(table, { type: 'bar', x: 'khong_co', y: 'b', color: null })).toEqual([]);
  });
});

describe('unzipping under limits, as the bytes come', () => {
  it('stops an entry that inflates far past the file even when the directory understates it, and keeps honest entries whole', () => {
    const honest = zipSync({ 'a.json': [strToU8('{"x":1}'), { level: 6 }], 'b/c.bin': [new Uint8Array(1000).fill(7), { level: 0 }] });
    const out = unzipLimited(honest, { maxTotal: 2 ** 31, maxEntries: 10, maxRatio: 100 });
    expect(Object.keys(out)).toEqual(['a.json', 'b/c.bin']);
    expect(out['b/c.bin']).toEqual(new Uint8Array(1000).fill(7));
    const bomb = declareUnpackedSize(zipSync({ big: [new Uint8Array(200 * 1024 ** 2), { level: 9 }] }), 'big', 10);
    expect(() => unzipLimited(bomb, { maxTotal: 2 ** 31, maxEntries: 10, maxRatio: 100 })).toThrow(UnzipLimitError);
    const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, strToU8('x')])));
    expect(() => unzipLimited(many, { maxTotal: 2 ** 31, maxEntries: 10, maxRatio: 100 })).toThrow(UnzipLimitError);
    const total = zipSync({ a: new Uint8Array(3000), b: new Uint8Array(3000) });
    expect(() => unzipLimited(total, { maxTotal: 5000, maxEntries: 10, maxRatio: 100 })).toThrow(UnzipLimitError);
  });
});
