/** The query layer's cached and pre-aggregated answers are the engine's own answers: every
 *  analysis view, with and without the layer, on the sample workbook and on generated data,
 *  and again after a units-dictionary edit, a crosswalk edit and an import. */
import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { buildAnalysis, defaultAnalysisOptions, VIEWS, type AnalysisKind, type AnalysisOptions, type BuiltAnalysis } from '../../src/analyses/catalogue';
import { buildKpiCoverage } from '../../src/analyses/kpi';
import { analysisLabels } from '../../src/analyses/labels';
import { syncSemantics } from '../../src/analyses/semantic-sync';
import { listTables } from '../../src/engine/catalog';
import { emptyModel, type SemanticModel } from '../../src/domain/semantic-model';
import { addAlias } from '../../src/domain/units';
import { fromBytes, importFile } from '../../src/import/import-file';
import { QueryLayer } from '../../src/query/query-layer';
import { QueryCancelledError } from '../../src/engine/engine';
import { LEVEL_MAP, UNIT_MAP } from '../../src/sql/semantic-tables';
import { NO_FILTERS, type BuiltQuery, type Filters } from '../../src/sql/analysis';
import { importPath, rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const L = analysisLabels('vi');
const SAMPLES = ['don-vi', 'mo-hinh-dan-van-kheo', 'xep-loai-dan-van', 'tiep-cong-dan', 'sap-xep-don-vi-2025'];
const plain = (t: Table) => t.toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** Filters a person goes through: none, a year range, a unit type, units, a field, all of them. */
function filterSets(units: string[], unitType: string, category: string | null): Filters[] {
  return [
    NO_FILTERS,
    { ...NO_FILTERS, yearFrom: 2022, yearTo: 2024 },
    { ...NO_FILTERS, yearFrom: 2023, yearTo: 2023 },
    { ...NO_FILTERS, unitTypes: [unitType] },
    { ...NO_FILTERS, units },
    ...(category ? [{ ...NO_FILTERS, categories: [category] }] : []),
    { ...NO_FILTERS, yearFrom: 2020, yearTo: 2025, unitTypes: [unitType], units, categories: category ? [category] : [] },
  ];
}

/** Every view of every analysis kind, with each filter set, both unit views. */
function allOptions(tables: Partial<Record<AnalysisKind, string>>, filters: Filters[], measure: string | null): AnalysisOptions[] {
  const out: AnalysisOptions[] = [];
  for (const [kind, table] of Object.entries(tables) as [AnalysisKind, string][])
    for (const view of VIEWS[kind])
      for (const unitView of ['asWas', 'current'] as const)
        for (const f of filters) {
          const base = { ...defaultAnalysisOptions(), kind, view, table, unitView, filters: f, yearA: 2023, yearB: 2024 };
          if (kind === 'custom') {
            for (const aggregate of ['sum', 'avg', 'min', 'max', 'count', 'countUnits'] as const) out.push({ ...base, measure, aggregate, dims: ['year', 'unit'], compare: 'change' });
            out.push({ ...base, aggregate: 'count', measure: null, dims: ['unitType'], compare: 'share', top: 3 });
          } else out.push(base);
        }
  return out;
}

/** Runs each analysis straight on the engine and through the layer; returns how many the
 *  layer answered from a pre-aggregate. */
async function expectSame(layer: QueryLayer, model: SemanticModel, list: AnalysisOptions[]) {
  const before = layer.stats.preaggsBuilt;
  let compared = 0;
  for (const o of list) {
    let built;
    try {
      built = buildAnalysis(o, model, L);
    } catch {
      continue; // a view this table cannot offer
    }
    const direct = await rows(engine(), built.query.sql, built.query.params);
    const cached = plain(await layer.view(built.query));
    expect(cached, `${o.kind}/${o.view}/${o.unitView} ${JSON.stringify(o.filters)}`).toEqual(direct);
    // Asked again: the same answer, from the cache.
    expect(plain(await layer.view(built.query))).toEqual(direct);
    // Who reported in the two years compared (the note under a change view, a KPI's caveat).
    for (const q of coverageQueries(o, model, built)) {
      const label = `coverage of ${o.kind}/${o.view}/${o.unitView} ${JSON.stringify(o.filters)} ${JSON.stringify(q.params)}`;
      expect(unordered(plain(await layer.view(q))), label).toEqual(unordered(await rows(engine(), q.sql, q.params)));
    }
    compared++;
  }
  expect(compared).toBeGreaterThan(list.length / 2);
  return layer.stats.preaggsBuilt - before;
}

/** The coverage queries an analysis and its KPI ask: two pairs of years, whole years and the
 *  same quarters. */
function coverageQueries(o: AnalysisOptions, model: SemanticModel, built: BuiltAnalysis): BuiltQuery[] {
  const out: BuiltQuery[] = [];
  if (built.coverage) out.push(built.coverage.query(2024), built.coverage.query(2025));
  if (o.view === VIEWS[o.kind][0])
    for (const samePeriods of [null, [1, 2]]) {
      const q = buildKpiCoverage(o, model, { year: 2025, previousYear: 2024, samePeriods });
      if (q) out.push(q);
    }
  return out;
}

/** Rows in a fixed order, lists as arrays (the coverage summary has no ORDER BY). */
const unordered = (list: Record<string, unknown>[]) =>
  list.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v && typeof v === 'object' && 'toArray' in v ? Array.from(v.toArray() as ArrayLike<unknown>) : v))).sort();

async function sync(model: SemanticModel, layer: QueryLayer) {
  const result = await syncSemantics(engine(), await listTables(engine()), model);
  if (result.mapsChanged) layer.changed([UNIT_MAP, LEVEL_MAP]);
  return result;
}

describe('query layer on the sample workbook', () => {
  const tables = { models: 'mo_hinh_dan_van_kheo', classification: 'xep_loai_dan_van', reception: 'tiep_cong_dan', custom: 'tiep_cong_dan' };
  let layer: QueryLayer;
  let model: SemanticModel;

  it('answers every view as the engine does, from pre-aggregates', async () => {
    for (const name of SAMPLES) await importPath(engine(), `data-samples/${name}.csv`);
    layer = new QueryLayer(engine());
    model = (await sync(emptyModel(), layer)).model;
    const list = allOptions(tables, filterSets(['code:H02', 'code:S03'], 'UBND cấp huyện', 'Kinh tế'), 'Số người');
    const built = await expectSame(layer, model, list);
    expect(built).toBeGreaterThan(5);
    // A year change reuses the pre-aggregate: no new one is built.
    expect(layer.stats.hits).toBeGreaterThan(0);
  }, 120_000);

  it('after a units-dictionary edit and a crosswalk edit, still answers as the engine does', async () => {
    const o: AnalysisOptions = { ...defaultAnalysisOptions(), kind: 'models', view: 'byUnit', table: tables.models, unitView: 'current', filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2024 } };
    const before = plain(await layer.view(buildAnalysis(o, model, L).query));
    // "Sở Nội vụ" is now counted under another unit (an alias), and S01 merges into S02 from 2024.
    const edited: SemanticModel = {
      ...model,
      units: addAlias(model.units, 'Sở Nội vụ', 'code:S02'),
      crosswalk: [...model.crosswalk, { from: 'code:S04', to: 'code:S02', effective: '2024-01-01' }],
    };
    const result = await sync(edited, layer);
    expect(result.mapsChanged).toBe(true);
    model = result.model;
    const after = plain(await layer.view(buildAnalysis(o, model, L).query));
    expect(after).not.toEqual(before);
    await expectSame(layer, model, allOptions(tables, filterSets(['code:S02'], 'Sở, ban, ngành tỉnh', null).slice(0, 5), 'Lượt tiếp'));
  }, 120_000);

  it('an unchanged sync leaves the maps (and the cache) as they are', async () => {
    const result = await sync(model, layer);
    expect(result.mapsChanged).toBe(false);
  }, 60_000);

  it('after rows are added to a table (an import), answers with them', async () => {
    const o: AnalysisOptions = { ...defaultAnalysisOptions(), kind: 'models', view: 'byUnit', table: tables.models };
    const q = buildAnalysis(o, model, L).query;
    const before = plain(await layer.view(q));
    const csv = 'Năm,Mã đơn vị,Đơn vị,Lĩnh vực,Số mô hình\n2026,S01,Sở Nội vụ,Kinh tế,7\n2026,H02,Thị xã Bình Sơn,Văn hóa,5\n';
    const extra = await importFile(engine(), fromBytes('them.csv', new TextEncoder().encode(csv)));
    await rows(engine(), `INSERT INTO "${tables.models}" SELECT * FROM "${extra.name}"`);
    layer.changed([tables.models]);
    const after = plain(await layer.view(q));
    expect(after.length).toBeGreaterThan(before.length);
    model = (await sync(model, layer)).model;
    await expectSame(layer, model, allOptions({ models: tables.models }, filterSets(['code:H02'], 'UBND cấp huyện', 'Kinh tế').slice(0, 5), null));
  }, 120_000);
});

describe('query layer on generated data', () => {
  it('answers every view as the engine does, with gaps, nulls and names written several ways', async () => {
    const names = ['Sở Nội vụ', 'UBND huyện Bình Sơn', 'H. Bình Sơn', 'Thị xã Bình Sơn', 'UBND xã An Phú', 'Xã An Phú', 'Phường 1', 'Sở Tài chính'];
    const types = ['Sở', 'Huyện', 'Huyện', 'Huyện', 'Xã', 'Xã', 'Phường', 'Sở'];
    const levels = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
    const fields = ['Kinh tế', 'Văn hóa', 'Xã hội'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const lines = ['Năm,Quý,Đơn vị,Loại đơn vị,Lĩnh vực,Số mô hình,Điểm,Xếp loại'];
    for (let i = 0; i < 2500; i++) {
      const u = rand(names.length);
      const value = rand(10) === 0 ? '' : String(rand(50));
      lines.push([2019 + rand(7), 1 + rand(4), names[u], types[u], fields[rand(3)], value, 50 + rand(50) + (rand(2) ? '.5' : ''), levels[rand(4)]].join(','));
    }
    const imported = await importFile(engine(), fromBytes('sinh-ra.csv', new TextEncoder().encode(lines.join('\n'))));
    const layer = new QueryLayer(engine());
    const model = (await sync(emptyModel(), layer)).model;
    const table = imported.name;
    expect(model.tables[table]).toBeDefined();
    const list = allOptions({ models: table, classification: table, reception: table, custom: table }, filterSets(['Phường 1', 'code:H02'], 'Huyện', 'Xã hội').filter((_, i) => i !== 2 && i !== 3), 'Số mô hình');
    expect(await expectSame(layer, model, list)).toBeGreaterThan(5);
  }, 180_000);
});

describe('query layer sharing', () => {
  it('runs identical queries in flight once; a caller that gives up and asks again at once joins the same run', async () => {
    const layer = new QueryLayer(engine());
    const q = { sql: 'SELECT count(*) AS n FROM range(2000000) t(i) WHERE i % 7 = 0', params: [], reads: ['t'] };
    const both = Promise.all([layer.view(q), layer.view(q)]);
    // An autosave waits while something runs.
    expect(layer.quietForMs).toBe(0);
    const [a, b] = await both;
    await new Promise((r) => setTimeout(r, 20));
    expect(layer.quietForMs).toBeGreaterThan(0);
    expect(a).toBe(b);
    expect(layer.stats).toMatchObject({ queries: 1, shared: 1 });

    const other = { ...q, sql: `${q.sql} AND i > 5` };
    const gaveUp = new AbortController();
    const first = layer.view(other, gaveUp.signal);
    gaveUp.abort();
    await expect(first).rejects.toBeInstanceOf(QueryCancelledError);
    const again = await layer.view(other);
    expect(Number(again.get(0)!.n)).toBe(285714);
    expect(layer.stats.queries).toBe(2);

    // Kept until a table it reads changes.
    expect(await layer.view(q)).toBe(a);
    layer.changed(['another table']);
    expect(await layer.view(q)).toBe(a);
    layer.changed(['t']);
    expect(await layer.view(q)).not.toBe(a);
    expect(layer.stats.queries).toBe(3);
  });

  // Work for later (the sentences under a view) gives way to a view: the single-threaded
  // worker would otherwise make the view wait for it (a coverage query and its pre-aggregate
  // held the first change view at 1 M rows for ~0.3 s).
  it('runs idle work after the views: a view arriving stops it, and it runs again after', async () => {
    const layer = new QueryLayer(engine());
    const statements: string[] = [];
    const run = engine().view.bind(engine());
    engine().view = (sql, params, signal) => (statements.push(sql), run(sql, params, signal));
    try {
      const slow = { sql: 'SELECT count(*) AS n FROM range(40000000) t(i) WHERE i % 7 = 0', params: [], reads: ['t'] };
      const order: string[] = [];
      const later = layer.view(slow, undefined, 'idle').then((t) => (order.push('idle'), t));
      await new Promise((r) => setTimeout(r, 30));
      expect(statements).toEqual([slow.sql]);
      const now = layer.view({ sql: 'SELECT 42 AS n', params: [], reads: ['t'] }).then((t) => (order.push('now'), t));
      expect(Number((await now).get(0)!.n)).toBe(42);
      expect(Number((await later).get(0)!.n)).toBe(5714286);
      expect(order).toEqual(['now', 'idle']);
      // Stopped once and run again whole, after the view's query.
      expect(statements).toEqual([slow.sql, 'SELECT 42 AS n', slow.sql]);

      // Idle work asked for while a view runs waits for it; one a view then asks for too runs
      // at once, as the view's (no waiting for itself).
      statements.length = 0;
      const view = layer.view({ sql: 'SELECT count(*) AS n FROM range(3000000) t(i) WHERE i % 3 = 0', params: [], reads: ['t'] });
      const waiting = layer.view({ sql: 'SELECT 7 AS n', params: [], reads: ['t'] }, undefined, 'idle');
      const joined = layer.view({ sql: 'SELECT 8 AS n', params: [], reads: ['t'] }, undefined, 'idle');
      const asked = layer.view({ sql: 'SELECT 8 AS n', params: [], reads: ['t'] });
      expect(Number((await asked).get(0)!.n)).toBe(8);
      expect(await joined).toBe(await asked);
      expect(Number((await waiting).get(0)!.n)).toBe(7);
      expect(Number((await view).get(0)!.n)).toBe(1000000);
      expect(statements.indexOf('SELECT 7 AS n')).toBeGreaterThan(statements.findIndex((s) => s.includes('range(3000000)')));
    } finally {
      engine().view = run;
    }
  });

  it('an idle query gives way with its pre-aggregate and answers as the engine does', async () => {
    const lines = ['Năm,Đơn vị,Loại đơn vị,Số mô hình', ...Array.from({ length: 3000 }, (_, i) => `${2020 + (i % 5)},Xã số ${i % 300},Xã,${i % 9}`)];
    const imported = await importFile(engine(), fromBytes('nhuong-luot.csv', new TextEncoder().encode(lines.join('\n'))));
    const layer = new QueryLayer(engine());
    const model = (await sync(emptyModel(), layer)).model;
    const o: AnalysisOptions = { ...defaultAnalysisOptions(), kind: 'models', view: 'change', table: imported.name };
    const built = buildAnalysis(o, model, L).query;
    expect(built.preagg).toBeDefined();
    const statements: string[] = [];
    const run = engine().view.bind(engine());
    engine().view = (sql, params, signal) => (statements.push(sql), run(sql, params, signal));
    try {
      const later = layer.view(built, undefined, 'idle');
      const now = layer.view({ sql: 'SELECT 1 AS n', params: [], reads: [imported.name] });
      await now;
      expect(plain(await later)).toEqual(plain(await run(built.sql, built.params)));
    } finally {
      engine().view = run;
    }
    // The pre-aggregate's build was stopped for the view's query and made again after it.
    const builds = statements.flatMap((sql, i) => (sql.includes(built.preagg!.table) && sql.startsWith('CREATE') ? [i] : []));
    expect(builds).toHaveLength(2);
    expect(statements.indexOf('SELECT 1 AS n')).toBeGreaterThan(builds[0]!);
    expect(statements.indexOf('SELECT 1 AS n')).toBeLessThan(builds[1]!);
  });

  // A workbook being opened shows its saved query before the semantic sync has rewritten the
  // maps: the analyses' reads of the maps wait for the sync, reads of other tables do not.
  it('holds reads of tables being rewritten until the rewrite ends', async () => {
    const layer = new QueryLayer(engine());
    let rewritten = () => {};
    layer.hold([UNIT_MAP], new Promise<void>((resolve) => (rewritten = resolve)));
    const order: string[] = [];
    const map = layer.view({ sql: 'SELECT 1 AS n', params: [], reads: ['t', UNIT_MAP] }).then(() => order.push('map'));
    const other = layer.view({ sql: 'SELECT 2 AS n', params: [], reads: ['t'] }).then(() => order.push('other'));
    await other;
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual(['other']);
    rewritten();
    await map;
    expect(order).toEqual(['other', 'map']);
    // A failed rewrite releases the reads too.
    layer.hold([LEVEL_MAP], Promise.reject(new Error('sync failed')));
    expect(Number((await layer.view({ sql: 'SELECT 3 AS n', params: [], reads: [LEVEL_MAP] })).get(0)!.n)).toBe(3);
  });

  it('keeps results within a byte budget: the least recently used go, and one too large is not kept', async () => {
    const budget = 4 * 2 ** 20;
    const layer = new QueryLayer(engine(), { maxResultBytes: budget });
    // ~0.8 MB each (100,000 doubles), and one of ~1.6 MB: over a quarter of the budget.
    const rows = (n: number, seed: number) => ({ sql: `SELECT i * ${seed}.0 AS v FROM range(${n}) t(i)`, params: [], reads: ['t'] });
    const first = await layer.view(rows(100_000, 1));
    expect(await layer.view(rows(100_000, 1))).toBe(first);
    for (let seed = 2; seed <= 8; seed++) await layer.view(rows(100_000, seed));
    expect(layer.keptBytes).toBeLessThanOrEqual(budget);
    expect(layer.keptBytes).toBeGreaterThan(budget / 2);
    // The oldest went to make room: asked again, it runs again.
    const queries = layer.stats.queries;
    expect(await layer.view(rows(100_000, 1))).not.toBe(first);
    expect(layer.stats.queries).toBe(queries + 1);
    const large = await layer.view(rows(200_000, 9));
    expect(await layer.view(rows(200_000, 9))).not.toBe(large);
  });
});
