/** Dashboards and analyses bound to their tables: a new import never changes what a bound block
 *  shows, a gone table is said instead of silently replaced, and next year's file of the same
 *  report can be added to the bound table (but never a year the table already holds). */
import { describe, expect, it } from 'vitest';
import { bound, buildAnalysis, defaultAnalysisOptions, tableOf, AnalysisUnavailable, type AnalysisOptions } from '../../src/analyses/catalogue';
import { analysisLabels } from '../../src/analyses/labels';
import { syncSemantics } from '../../src/analyses/semantic-sync';
import { listTables } from '../../src/engine/catalog';
import { bindBlocks, newBlock, newPage, type Dashboard } from '../../src/dashboards/dashboard';
import { emptyModel } from '../../src/domain/semantic-model';
import { appendImport, appendTargets } from '../../src/import/append';
import { fromBytes, ImportError } from '../../src/import/import-file';
import { planImport } from '../../src/import/plan-file';
import { importPath, rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const L = analysisLabels('vi');
const models = (patch: Partial<AnalysisOptions> = {}): AnalysisOptions => ({ ...defaultAnalysisOptions(), kind: 'models', ...patch });
const csv = (name: string, lines: string[]) => fromBytes(name, new TextEncoder().encode(lines.join('\n') + '\n'));
const MODELS_HEADER = 'Năm,Mã đơn vị,Đơn vị,Lĩnh vực,Số mô hình';

describe('binding', () => {
  it('binds unbound blocks to the table they run on now, and leaves bound ones alone', async () => {
    await importPath(engine(), 'data-samples/don-vi.csv');
    await importPath(engine(), 'data-samples/mo-hinh-dan-van-kheo.csv');
    const model = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
    const page = { ...newPage('p'), blocks: [newBlock('kpi', 'a', { analysis: models() }), newBlock('analysis', 'b', { analysis: models({ table: 'khac' }) }), newBlock('note', 'c', { markdown: 'x' })] };
    const d: Dashboard = { pages: [page] };
    const after = bindBlocks(d, (o) => bound(o, model));
    expect(after.pages[0]!.blocks.map((b) => b.analysis?.table ?? null)).toEqual(['mo_hinh_dan_van_kheo', 'khac', null]);
    // Nothing to bind: the same object (no needless save).
    expect(bindBlocks(after, (o) => bound(o, model))).toBe(after);
  });

  it('a new import does not move a bound analysis; a gone table is said, not replaced', async () => {
    const before = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
    const analysis = bound(models(), before);
    const sql = buildAnalysis(analysis, before, L).query.sql;
    // A second models file, for 2024, arrives.
    await importPath(engine(), 'data-samples/mo-hinh-dan-van-kheo.csv', 'Mô hình 2024 (bổ sung).csv');
    const after = (await syncSemantics(engine(), await listTables(engine()), before)).model;
    expect(Object.keys(after.tables)).toContain('mo_hinh_2024_bo_sung');
    expect(buildAnalysis(analysis, after, L).query.sql).toBe(sql);
    const { mo_hinh_dan_van_kheo: _gone, ...rest } = after.tables;
    expect(() => tableOf(analysis, { ...after, tables: rest })).toThrow(AnalysisUnavailable);
    expect(() => tableOf(analysis, { ...after, tables: rest })).toThrow('tableGone');
  });
});

describe('adding next year’s file to a table', () => {
  it('offers the tables whose columns hold every column of the new file', () => {
    const tables = [
      { name: 'a', rows: 1, columns: ['Năm', 'Đơn vị', 'Số'].map((name) => ({ name, type: 'VARCHAR' })) },
      { name: 'b', rows: 1, columns: ['Năm', 'Đơn vị'].map((name) => ({ name, type: 'VARCHAR' })) },
    ];
    expect(appendTargets(['Năm', 'Đơn vị', 'Số'], tables)).toEqual(['a']);
    expect(appendTargets(['Năm', 'Đơn vị'], tables)).toEqual(['b', 'a']);
  });

  it('adds the rows, and refuses a year the table already has, leaving it as it was', async () => {
    const first = csv('Mô hình 2023.csv', [MODELS_HEADER, '2023,S01,Sở Nội vụ,Kinh tế,3', '2023,S02,Sở Tài chính,Kinh tế,2']);
    const plan1 = await planImport(first, (await listTables(engine())).map((t) => t.name));
    const { importFile } = await import('../../src/import/import-file');
    const base = await importFile(engine(), first, plan1);
    // Sources as files: bytes handed to the engine are moved there, so each use gets its own.
    const next = () => csv('Mô hình 2024.csv', [MODELS_HEADER, '2024,S01,Sở Nội vụ,Kinh tế,4', '2024,S03,Sở Tư pháp,Kinh tế,1', '2024,S02,Sở Tài chính,Kinh tế,1.053']);
    const plan2 = { ...(await planImport(next(), [])), appendTo: base.name };
    const added = await appendImport(engine(), next(), plan2, {});
    expect(added.rows).toBe(5);
    expect(added.report.appendedRows).toBe(3);
    const [sum] = await rows(engine(), `SELECT sum("Số mô hình")::BIGINT AS s, count(DISTINCT "Năm") AS y FROM "${base.name}"`);
    expect(Number(sum!.s)).toBe(3 + 2 + 4 + 1 + 1053);
    expect(Number(sum!.y)).toBe(2);

    const again = await appendImport(engine(), next(), plan2, {}).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ImportError);
    expect((again as ImportError).problem).toBe('append-years');
    expect((again as ImportError).detail).toContain('2024');
    const [still] = await rows(engine(), `SELECT count(*) AS n FROM "${base.name}"`);
    expect(Number(still!.n)).toBe(5);
    // No scratch table is left behind.
    expect((await listTables(engine())).some((t) => t.name.startsWith('__'))).toBe(false);
  });
});
