/** Every analysis on the sample workbook, against figures computed independently in plain
 *  TypeScript from the CSV rows (PapaParse), including the 2025 crosswalk rollup, a unit
 *  renamed between years and units missing in a year. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysis, defaultAnalysisOptions, type AnalysisOptions } from '../../src/analyses/catalogue';
import { analysisLabels } from '../../src/analyses/labels';
import { syncSemantics, type SyncResult } from '../../src/analyses/semantic-sync';
import { listTables } from '../../src/engine/catalog';
import { emptyModel, type SemanticModel } from '../../src/domain/semantic-model';
import { NO_FILTERS } from '../../src/sql/analysis';
import { buildKpi, kpiFigures } from '../../src/analyses/kpi';
import { effectiveFilters } from '../../src/dashboards/dashboard';
import { importPath, ROOT, rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const L = analysisLabels('vi');
const SAMPLES = ['don-vi', 'mo-hinh-dan-van-kheo', 'xep-loai-dan-van', 'tiep-cong-dan', 'sap-xep-don-vi-2025'];

type Row = Record<string, string>;
const csv = (name: string): Row[] => Papa.parse<Row>(readFileSync(path.join(ROOT, 'data-samples', `${name}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
const units = csv('don-vi');
const models = csv('mo-hinh-dan-van-kheo');
const classification = csv('xep-loai-dan-van');
const reception = csv('tiep-cong-dan');
const reform = csv('sap-xep-don-vi-2025');
const nameOf = (code: string) => units.find((u) => u['Mã đơn vị'] === code)!['Tên đơn vị']!;
const codeOf = (name: string) => units.find((u) => u['Tên đơn vị'] === name)!['Mã đơn vị']!;
/** Old code → today's code, from the crosswalk file (names in it are dictionary names). */
const today = (code: string) => {
  const entry = reform.find((r) => codeOf(r['Đơn vị cũ']!) === code);
  return entry ? codeOf(entry['Đơn vị mới']!) : code;
};
const sum = (list: Row[], column: string) => list.reduce((a, r) => a + Number(r[column]), 0);

let model: SemanticModel;
let sync: SyncResult;

const options = (patch: Partial<AnalysisOptions>): AnalysisOptions => ({ ...defaultAnalysisOptions(), ...patch });

async function run(patch: Partial<AnalysisOptions>) {
  const built = buildAnalysis(options(patch), model, L);
  return rows(engine(), built.query.sql, built.query.params);
}

beforeAll(async () => {
  for (const name of SAMPLES) await importPath(engine(), `data-samples/${name}.csv`);
  sync = await syncSemantics(engine(), await listTables(engine()), emptyModel());
  model = sync.model;
});

describe('the semantic layer on the sample workbook', () => {
  it('proposes the roles a person would choose', () => {
    expect(model.tables.mo_hinh_dan_van_kheo!.roles).toEqual({ 'Năm': 'year', 'Mã đơn vị': 'unitCode', 'Đơn vị': 'unit', 'Lĩnh vực': 'category', 'Số mô hình': 'measure' });
    expect(model.tables.xep_loai_dan_van!.roles).toMatchObject({ 'Điểm': 'score', 'Xếp loại': 'level' });
    expect(model.tables.tiep_cong_dan!.roles).toMatchObject({ 'Quý': 'quarter', 'Nội dung': 'category', 'Lượt tiếp': 'measure', 'Số người': 'measure' });
    expect(model.tables.don_vi!.roles).toEqual({ 'Mã đơn vị': 'unitCode', 'Tên đơn vị': 'unit', 'Loại đơn vị': 'unitType' });
    expect(model.tables.sap_xep_don_vi_2025!.roles).toEqual({ 'Đơn vị cũ': 'oldUnit', 'Đơn vị mới': 'newUnit', 'Ngày hiệu lực': 'effectiveDate' });
  });

  it('matches every unit name written in the reports, across prefixes and renames', () => {
    expect(sync.unmatched).toEqual([]);
    expect(model.units.units).toHaveLength(units.length);
    expect(sync.unknownLevels).toEqual([]);
  });

  it('reads the crosswalk with its dates', () => {
    expect(model.crosswalk).toHaveLength(reform.length);
    expect(model.crosswalk).toContainEqual({ from: 'code:S03', to: 'code:S02', effective: '2025-03-01' });
  });
});

describe('models', () => {
  it('answers: how many models did each district register in 2024 compared with 2023?', async () => {
    const districts = units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện');
    const got = await run({ view: 'change', filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2024, unitTypes: ['UBND cấp huyện'] } });
    expect(got).toHaveLength(districts.length);
    for (const d of districts) {
      const of = (year: string) => sum(models.filter((r) => r['Mã đơn vị'] === d['Mã đơn vị'] && r['Năm'] === year), 'Số mô hình');
      const row = got.find((r) => r[L.unit] === d['Tên đơn vị'])!;
      expect(row, d['Tên đơn vị']).toBeDefined();
      expect(Number(row['Số mô hình'])).toBe(of('2024'));
      expect(Number(row[L.previous])).toBe(of('2023'));
      expect(Number(row[L.change])).toBe(of('2024') - of('2023'));
      expect(Number(row[L.changePct])).toBeCloseTo(Math.round((1000 * (of('2024') - of('2023'))) / of('2023')) / 10, 5);
    }
  });

  it('keeps a renamed unit (Huyện → Thị xã Bình Sơn, "UBND huyện …", "H. …") as one unit over the years', async () => {
    const got = await run({ view: 'byUnit', filters: { ...NO_FILTERS, units: ['code:H02'] } });
    const expected = [2019, 2020, 2021, 2022, 2023, 2024].map((y) => sum(models.filter((r) => r['Mã đơn vị'] === 'H02' && r['Năm'] === String(y)), 'Số mô hình'));
    expect(got.map((r) => r[L.unit])).toEqual(Array(6).fill('Thị xã Bình Sơn'));
    expect(got.map((r) => Number(r['Số mô hình']))).toEqual(expected);
  });

  it('ranks units and gives their share of the province total', async () => {
    const filters = { ...NO_FILTERS, yearFrom: 2023, yearTo: 2023 };
    const ranked = await run({ view: 'rank', filters });
    const share = await run({ view: 'share', filters });
    const totals = new Map<string, number>();
    for (const r of models.filter((r) => r['Năm'] === '2023')) totals.set(r['Mã đơn vị']!, (totals.get(r['Mã đơn vị']!) ?? 0) + Number(r['Số mô hình']));
    const province = [...totals.values()].reduce((a, b) => a + b, 0);
    for (const [code, n] of totals) {
      const expectedRank = 1 + [...totals.values()].filter((v) => v > n).length;
      expect(Number(ranked.find((r) => r[L.unit] === nameOf(code))![L.rank])).toBe(expectedRank);
      const row = share.find((r) => r[L.unit] === nameOf(code))!;
      expect(Number(row[L.total])).toBe(province);
      expect(Number(row[L.share])).toBeCloseTo(Math.round((1000 * n) / province) / 10, 5);
    }
  });

  it('counts per field', async () => {
    const got = await run({ view: 'byField', filters: { ...NO_FILTERS, yearFrom: 2022, yearTo: 2022 } });
    for (const field of new Set(models.map((r) => r['Lĩnh vực']!))) {
      const expected = sum(models.filter((r) => r['Năm'] === '2022' && r['Lĩnh vực'] === field), 'Số mô hình');
      expect(Number(got.find((r) => r['Lĩnh vực'] === field)!['Số mô hình'])).toBe(expected);
    }
  });

  it('lists units with no model in a year, among the units that reported that year', async () => {
    const got = await run({ view: 'missing' });
    const present = new Set([...models, ...classification, ...reception].map((r) => `${r['Năm']}|${r['Mã đơn vị']}`));
    const withModels = new Set(models.filter((r) => Number(r['Số mô hình']) > 0).map((r) => `${r['Năm']}|${r['Mã đơn vị']}`));
    const expected = [...present].filter((k) => !withModels.has(k)).map((k) => `${k.split('|')[0]}|${nameOf(k.split('|')[1]!)}`).sort();
    expect(got.map((r) => `${r[L.year]}|${r[L.unit]}`).sort()).toEqual(expected);
    expect(expected.some((k) => k.startsWith('2025|'))).toBe(true); // districts reported reception in 2025, no models
  });

  it('rolls history up onto today\'s units through the crosswalk', async () => {
    const got = await run({ view: 'change', unitView: 'current', filters: { ...NO_FILTERS, yearFrom: 2024, yearTo: 2025, unitTypes: ['Sở, ban, ngành tỉnh'] } });
    const byToday = (year: string) => {
      const m = new Map<string, number>();
      for (const r of models.filter((r) => r['Năm'] === year && r['Mã đơn vị']!.startsWith('S'))) m.set(today(r['Mã đơn vị']!), (m.get(today(r['Mã đơn vị']!)) ?? 0) + Number(r['Số mô hình']));
      return m;
    };
    const y2024 = byToday('2024');
    const y2025 = byToday('2025');
    expect(got.filter((r) => Number(r[L.year]) === 2025)).toHaveLength(y2025.size);
    for (const [code, n] of y2025) {
      const row = got.find((r) => Number(r[L.year]) === 2025 && r[L.unit] === nameOf(code))!;
      expect(Number(row['Số mô hình'])).toBe(n);
      expect(Number(row[L.previous])).toBe(y2024.get(code)); // the new Sở NN&MT gets its two predecessors' 2024
    }
    // As reported, the new department has no previous year and the merged ones stop in 2024.
    const asWas = await run({ view: 'change', filters: { ...NO_FILTERS, yearFrom: 2025, yearTo: 2025 } });
    expect(asWas.find((r) => r[L.unit] === 'Sở Nông nghiệp và Môi trường')![L.previous]).toBeNull();
    expect(asWas.some((r) => r[L.unit] === 'Sở Kế hoạch và Đầu tư')).toBe(false);
  });
});

describe('classification', () => {
  const levelOf = (r: Row) => ({ HTXSNV: 'Hoàn thành xuất sắc nhiệm vụ', HTTNV: 'Hoàn thành tốt nhiệm vụ', HTNV: 'Hoàn thành nhiệm vụ', KHTNV: 'Không hoàn thành nhiệm vụ' })[r['Xếp loại']!] ?? r['Xếp loại']!;

  it('answers: how did the number of units rated Hoàn thành xuất sắc change from 2019 to 2024?', async () => {
    const got = await run({ kind: 'classification', view: 'distribution', filters: { ...NO_FILTERS, yearFrom: 2019, yearTo: 2024 } });
    for (let y = 2019; y <= 2024; y++) {
      const ofYear = classification.filter((r) => r['Năm'] === String(y));
      for (const level of ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ']) {
        const n = ofYear.filter((r) => levelOf(r) === level).length;
        const row = got.find((r) => Number(r[L.year]) === y && r[L.level] === level);
        if (n === 0) expect(row).toBeUndefined();
        else {
          expect(Number(row![L.count]), `${y} ${level}`).toBe(n);
          expect(Number(row![L.share])).toBeCloseTo(Math.round((1000 * n) / ofYear.length) / 10, 5);
        }
      }
    }
    // Levels come in their fixed order within each year.
    const order = got.filter((r) => Number(r[L.year]) === 2019).map((r) => r[L.level]);
    expect(order[0]).toBe('Hoàn thành xuất sắc nhiệm vụ');
    expect(order.at(-1)).toBe('Không hoàn thành nhiệm vụ');
  });

  it('lists who moved up or down between two years, and the transition table', async () => {
    const got = await run({ kind: 'classification', view: 'transitions', yearA: 2019, yearB: 2024 });
    const rank = (r: Row | undefined) => (r ? ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'].indexOf(levelOf(r)) : -1);
    let ups = 0;
    for (const u of units.filter((u) => u['Mã đơn vị'] !== 'S21')) {
      const a = classification.find((r) => r['Năm'] === '2019' && r['Mã đơn vị'] === u['Mã đơn vị']);
      const b = classification.find((r) => r['Năm'] === '2024' && r['Mã đơn vị'] === u['Mã đơn vị']);
      const expected = rank(b) < rank(a) ? L.up : rank(b) > rank(a) ? L.down : L.same;
      if (expected === L.up) ups++;
      expect(got.find((r) => r[L.unit] === u['Tên đơn vị'])![L.movement], u['Tên đơn vị']).toBe(expected);
    }
    const matrix = await run({ kind: 'classification', view: 'matrix', yearA: 2019, yearB: 2024 });
    expect(matrix.reduce((a, r) => a + Number(r[L.count]), 0)).toBe(30);
    expect(ups).toBeGreaterThan(0);
  });

  it('compares merged departments with the department they became', async () => {
    const got = await run({ kind: 'classification', view: 'transitions', yearA: 2024, yearB: 2025, unitView: 'current' });
    const row = got.find((r) => r[L.unit] === 'Sở Tài nguyên và Môi trường')!;
    expect(row[`${L.unit} 2025`]).toBe('Sở Nông nghiệp và Môi trường');
    const b = classification.find((r) => r['Năm'] === '2025' && r['Mã đơn vị'] === 'S21')!;
    expect(row[`${L.level} 2025`]).toBe(levelOf(b));
    // A district has no 2025 classification: shown, not compared.
    expect(got.find((r) => r[L.unit] === 'Huyện Tân Phú')![L.movement]).toBe(L.notComparable);
  });

  it('gives the average score trend and the units below a level', async () => {
    const trend = await run({ kind: 'classification', view: 'score', filters: { ...NO_FILTERS, unitTypes: ['UBND cấp huyện'] } });
    for (let y = 2019; y <= 2024; y++) {
      const list = classification.filter((r) => r['Năm'] === String(y) && r['Mã đơn vị']!.startsWith('H'));
      expect(Number(trend.find((r) => Number(r[L.year]) === y)!['Điểm'])).toBeCloseTo(Math.round((100 * sum(list, 'Điểm')) / list.length) / 100, 5);
    }
    const below = await run({ kind: 'classification', view: 'below', level: 2 });
    const expected = classification.filter((r) => ['Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'].includes(levelOf(r)));
    expect(below).toHaveLength(expected.length);
  });
});

describe('reception', () => {
  it('answers: which units received the most citizens about land in 2023?', async () => {
    const got = await run({ kind: 'reception', view: 'top', measure: 'Số người', top: 5, filters: { ...NO_FILTERS, yearFrom: 2023, yearTo: 2023, categories: ['Đất đai'] } });
    const per = new Map<string, number>();
    for (const r of reception.filter((r) => r['Năm'] === '2023' && r['Nội dung'] === 'Đất đai')) per.set(r['Mã đơn vị']!, (per.get(r['Mã đơn vị']!) ?? 0) + Number(r['Số người']));
    const expected = [...per.entries()].sort((a, b) => b[1] - a[1] || nameOf(a[0]).localeCompare(nameOf(b[0]))).slice(0, 5);
    expect(got.map((r) => Number(r['Số người']))).toEqual(expected.map((e) => e[1]));
    for (const r of got) expect(Number(r['Số người'])).toBe(per.get(codeOf(String(r[L.unit]))));
    expect(Object.keys(got[0]!)).toEqual([L.year, L.unit, 'Số người', 'Lượt tiếp', 'Đoàn đông người', 'Số người trong đoàn']);
  });

  it('compares each quarter with the same quarter of the year before', async () => {
    const got = await run({ kind: 'reception', view: 'sameTimeLastYear', filters: { ...NO_FILTERS, yearFrom: 2023, yearTo: 2023 } });
    for (let q = 1; q <= 4; q++) {
      const of = (y: number) => sum(reception.filter((r) => r['Năm'] === String(y) && r['Quý'] === String(q)), 'Lượt tiếp');
      const row = got.find((r) => Number(r['Quý']) === q)!;
      expect(Number(row['Lượt tiếp'])).toBe(of(2023));
      expect(Number(row[L.change])).toBe(of(2023) - of(2022));
    }
  });

  it('sums turns, people and large delegations by subject', async () => {
    const got = await run({ kind: 'reception', view: 'bySubject', filters: { ...NO_FILTERS, yearFrom: 2022, yearTo: 2022 } });
    for (const subject of new Set(reception.map((r) => r['Nội dung']!))) {
      const list = reception.filter((r) => r['Năm'] === '2022' && r['Nội dung'] === subject);
      const row = got.find((r) => r['Nội dung'] === subject)!;
      expect(Number(row['Lượt tiếp'])).toBe(sum(list, 'Lượt tiếp'));
      expect(Number(row['Đoàn đông người'])).toBe(sum(list, 'Đoàn đông người'));
    }
  });
});

describe('any table', () => {
  it('groups, aggregates and compares with the province average', async () => {
    const got = await run({ kind: 'custom', view: 'custom', table: 'tiep_cong_dan', measure: 'Đơn thư nhận', aggregate: 'sum', dims: ['year', 'unitType'], compare: 'vsAverage' });
    const list = reception.filter((r) => r['Năm'] === '2020');
    const type = (code: string) => units.find((u) => u['Mã đơn vị'] === code)!['Loại đơn vị'];
    const byType = new Map<string, number>();
    for (const r of list) byType.set(type(r['Mã đơn vị']!)!, (byType.get(type(r['Mã đơn vị']!)!) ?? 0) + Number(r['Đơn thư nhận']));
    const avg = [...byType.values()].reduce((a, b) => a + b, 0) / byType.size;
    for (const [t, n] of byType) {
      const row = got.find((r) => Number(r[L.year]) === 2020 && r[L.unitType] === t)!;
      expect(Number(row['Đơn thư nhận'])).toBe(n);
      expect(Number(row[L.vsAverage])).toBeCloseTo(n - avg, 1);
    }
  });

  it('takes hostile filter values as plain values', async () => {
    const hostile = "Đất đai' OR '1'='1"; 
    const got = await run({ kind: 'reception', view: 'bySubject', filters: { ...NO_FILTERS, categories: [hostile] } });
    expect(got).toEqual([]);
    const [{ n }] = (await rows(engine(), 'SELECT count(*) AS n FROM tiep_cong_dan')) as [{ n: unknown }];
    expect(Number(n)).toBe(reception.length);
  });
});

describe('names the dictionary cannot match', () => {
  it('lists them, and once the user maps or adds them the analyses count them under the right unit', async () => {
    const e = engine();
    await e.run(`CREATE TABLE mo_hinh_them AS SELECT * FROM (VALUES (2023, 'UBND H. Tân Phú', 'Kinh tế', 4), (2023, 'Phòng Dân vận Tân Phú', 'Kinh tế', 3), (2023, 'Xã Mới Lập', 'Kinh tế', 2)) AS v("Năm", "Đơn vị", "Lĩnh vực", "Số mô hình")`);
    const first = await syncSemantics(e, await listTables(e), model);
    const names = first.unmatched.find((u) => u.table === 'mo_hinh_them')!.names;
    expect(names.sort()).toEqual(['Phòng Dân vận Tân Phú', 'Xã Mới Lập']); // "UBND H. Tân Phú" matched by itself
    const { addAlias, addUnit } = await import('../../src/domain/units');
    let mapped = { ...first.model, units: addAlias(first.model.units, 'Phòng Dân vận Tân Phú', 'code:H03') };
    mapped = { ...mapped, units: addUnit(mapped.units, 'Xã Mới Lập', 'UBND cấp xã') };
    const second = await syncSemantics(e, await listTables(e), mapped);
    expect(second.unmatched.filter((u) => u.table === 'mo_hinh_them')).toEqual([]);
    const saved = model;
    model = second.model;
    try {
      const got = await run({ table: 'mo_hinh_them', filters: { ...NO_FILTERS, yearFrom: 2023, yearTo: 2023 } });
      expect(got.map((r) => [r[L.unit], Number(r['Số mô hình'])])).toEqual([
        ['Huyện Tân Phú', 7],
        ['Xã Mới Lập', 2],
      ]);
    } finally {
      await e.run('DROP TABLE mo_hinh_them');
      model = saved;
      await syncSemantics(e, await listTables(e), model);
    }
  });

  it('offers the filter values found in the table', async () => {
    const { filterOptions } = await import('../../src/analyses/filter-options');
    const { factSource } = await import('../../src/domain/semantic-model');
    const { QueryLayer } = await import('../../src/query/query-layer');
    const options = await filterOptions(new QueryLayer(engine()), factSource(model, 'tiep_cong_dan')!, 'asWas');
    expect(options.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(options.unitTypes).toEqual(['Sở, ban, ngành tỉnh', 'UBND cấp huyện']);
    expect(options.categories).toHaveLength(new Set(reception.map((r) => r['Nội dung'])).size);
    expect(options.units).toHaveLength(new Set(reception.map((r) => r['Mã đơn vị'])).size);
  });
});

describe('KPIs (dashboard figures)', () => {
  async function kpi(patch: Partial<AnalysisOptions>) {
    const o = options(patch);
    const built = buildKpi(o, model, L);
    const table = await engine().run(built.query.sql, built.query.params);
    return kpiFigures(table, o, L, built.period);
  }
  const byYear = (list: Row[], column: string, keep: (r: Row) => boolean = () => true) => (year: number) => sum(list.filter((r) => r['Năm'] === String(year) && keep(r)), column);

  it('models: the last year in view, its change on the year before, and the yearly trend', async () => {
    const of = byYear(models, 'Số mô hình');
    const f = (await kpi({ kind: 'models', filters: { ...NO_FILTERS, yearTo: 2024 } }))!;
    expect(f).toMatchObject({ year: 2024, value: of(2024), previousYear: 2023, previous: of(2023), change: of(2024) - of(2023) });
    expect(f.changePct).toBeCloseTo(Math.round((1000 * (of(2024) - of(2023))) / of(2023)) / 10, 5);
    expect(f.series.map((s) => s.value)).toEqual([2019, 2020, 2021, 2022, 2023, 2024].map(of));
  });

  it('follows page filters and a click on a unit (effective filters)', async () => {
    const page = { yearFrom: 2020, yearTo: 2023, unitTypes: ['UBND cấp huyện'], units: [] };
    const districts = new Set(units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').map((u) => u['Mã đơn vị']));
    const f = (await kpi({ kind: 'models', filters: effectiveFilters(NO_FILTERS, page) }))!;
    expect(f.value).toBe(byYear(models, 'Số mô hình', (r) => districts.has(r['Mã đơn vị']!))(2023));
    const clicked = effectiveFilters(NO_FILTERS, page, { from: 'other', kind: 'unit', value: 'code:H02', label: 'Thị xã Bình Sơn' }, 'this');
    const g = (await kpi({ kind: 'models', filters: clicked }))!;
    expect(g.value).toBe(byYear(models, 'Số mô hình', (r) => r['Mã đơn vị'] === 'H02')(2023));
  });

  it('classification: units rated Hoàn thành xuất sắc nhiệm vụ, whatever the report wrote', async () => {
    const f = (await kpi({ kind: 'classification', view: 'distribution' }))!;
    const excellent = (year: number) => classification.filter((r) => r['Năm'] === String(year) && /^(Hoàn thành xuất sắc nhiệm vụ|HTXSNV)$/i.test(r['Xếp loại']!.trim())).length;
    expect(f.label).toBe('Hoàn thành xuất sắc nhiệm vụ');
    expect(f.series.map((s) => s.value)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025].map(excellent));
  });

  it('reception: turns in the last year, nothing to compare when the year before is filtered out', async () => {
    const f = (await kpi({ kind: 'reception', filters: { ...NO_FILTERS, yearFrom: 2023, yearTo: 2023 } }))!;
    expect(f).toMatchObject({ year: 2023, value: byYear(reception, 'Lượt tiếp')(2023), previous: null, change: null, changePct: null });
  });

  it('reception: whole years against whole years when the last year has every quarter', async () => {
    const of = byYear(reception, 'Lượt tiếp');
    const f = (await kpi({ kind: 'reception', filters: { ...NO_FILTERS, yearTo: 2024 } }))!;
    expect(f).toMatchObject({ year: 2024, value: of(2024), previous: of(2023), samePeriods: null, periodLabel: 'Quý' });
  });

  it('reception: a year still under way is compared with the same quarters of the year before (cùng kỳ)', async () => {
    const e = engine();
    await e.run(`CREATE TABLE tiep_dang_do AS SELECT * FROM tiep_cong_dan WHERE NOT ("Năm" = 2025 AND "Quý" > 2)`);
    const saved = model;
    model = (await syncSemantics(e, await listTables(e), model)).model;
    try {
      const inQuarters = (q: number[]) => byYear(reception, 'Lượt tiếp', (r) => q.includes(Number(r['Quý'])));
      const f = (await kpi({ kind: 'reception', table: 'tiep_dang_do' }))!;
      expect(f).toMatchObject({ year: 2025, value: inQuarters([1, 2])(2025), previousYear: 2024, previous: inQuarters([1, 2])(2024), samePeriods: [1, 2] });
      expect(f.change).toBe(inQuarters([1, 2])(2025) - inQuarters([1, 2])(2024));
      // The trend still shows whole years, the last as far as it goes.
      expect(f.series.at(-2)).toEqual({ year: 2024, value: byYear(reception, 'Lượt tiếp')(2024) });
    } finally {
      await e.run('DROP TABLE tiep_dang_do');
      model = saved;
      await syncSemantics(e, await listTables(e), model);
    }
  });
});
