/** A KPI across the 2025 reorganisation says which units reported and gives the figure over
 *  the units of both years, checked against sums of the sample CSV rows. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultAnalysisOptions } from '../../src/analyses/catalogue';
import { analysisLabels } from '../../src/analyses/labels';
import { buildKpi, buildKpiCoverage, kpiCoverage, kpiFigures } from '../../src/analyses/kpi';
import { syncSemantics } from '../../src/analyses/semantic-sync';
import { listTables } from '../../src/engine/catalog';
import { emptyModel, type SemanticModel } from '../../src/domain/semantic-model';
import { importPath, ROOT, useEngine } from '../helpers/engine';
import { importFile } from '../../src/import/import-file';
import { fromBytes } from '../../src/import/import-source';
import { plainRows } from '../../src/results/columns';

const engine = useEngine();
const L = analysisLabels('vi');
let model: SemanticModel;
type Row = Record<string, string>;
const models = Papa.parse<Row>(readFileSync(path.join(ROOT, 'data-samples', 'mo-hinh-dan-van-kheo.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
const reception = Papa.parse<Row>(readFileSync(path.join(ROOT, 'data-samples', 'tiep-cong-dan.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
const units = Papa.parse<Row>(readFileSync(path.join(ROOT, 'data-samples', 'don-vi.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;

beforeAll(async () => {
  for (const name of ['don-vi', 'mo-hinh-dan-van-kheo', 'xep-loai-dan-van', 'tiep-cong-dan', 'sap-xep-don-vi-2025']) await importPath(engine(), `data-samples/${name}.csv`);
  model = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
});

async function kpi(kind: 'models' | 'reception' | 'classification') {
  const o = { ...defaultAnalysisOptions(), kind };
  const built = buildKpi(o, model, L);
  const f = kpiFigures((await engine().query(built.query.sql, built.query.params)).table, o, L, built.period)!;
  const q = buildKpiCoverage(o, model, f)!;
  return { f, coverage: kpiCoverage((await engine().query(q.sql, q.params)).table, f) };
}

describe('KPI coverage', () => {
  it('says that no district reported models in 2025 and gives the like-for-like figure', async () => {
    const { f, coverage } = await kpi('models');
    expect(f.year).toBe(2025);
    const districts = units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').length;
    const district = coverage.changes.find((c) => c.unitType === 'UBND cấp huyện');
    expect(district).toEqual({ unitType: 'UBND cấp huyện', before: districts, now: 0, districtLevelEnded: true });
    // Like for like: the units with models rows in both 2024 and 2025, summed from the CSV.
    const codes = (y: string) => new Set(models.filter((r) => r['Năm'] === y).map((r) => r['Mã đơn vị']));
    const both = [...codes('2025')].filter((c) => codes('2024').has(c));
    const sum = (y: string) => models.filter((r) => r['Năm'] === y && both.includes(r['Mã đơn vị'])).reduce((a, r) => a + Number(r['Số mô hình']), 0);
    expect(coverage.likeForLike).toMatchObject({ units: both.length, value: sum('2025'), previous: sum('2024'), change: sum('2025') - sum('2024') });
    expect(coverage.likeForLike!.value).toBeLessThanOrEqual(f.value);
  });

  it('compares reception over the same units and quarters: districts that stopped after Quý 2 count Quý 1–2 of both years', async () => {
    const { f, coverage } = await kpi('reception');
    expect(f.year).toBe(2025);
    const key = (r: Row) => `${r['Mã đơn vị']}|${r['Quý']}`;
    const now = new Set(reception.filter((r) => r['Năm'] === '2025').map(key));
    const then = new Set(reception.filter((r) => r['Năm'] === '2024').map(key));
    const shared = [...now].filter((k) => then.has(k));
    const sum = (y: string) => reception.filter((r) => r['Năm'] === y && shared.includes(key(r))).reduce((a, r) => a + Number(r['Lượt tiếp']), 0);
    expect(coverage.likeForLike).toMatchObject({ value: sum('2025'), previous: sum('2024') });
    const districts = coverage.partial.find((p) => p.unitType === 'UBND cấp huyện');
    expect(districts).toMatchObject({ periods: [1, 2], districtLevelEnded: true });
    expect(districts!.units).toBeGreaterThan(0);
  });
});

describe('coverage summed up by the engine', () => {
  /** The engine's summary and the row-by-row reference over the same unit-period rows. */
  async function both(o: Parameters<typeof buildKpiCoverage>[0], year: number, samePeriods: number[] | null, m = model) {
    const f = { year, previousYear: year - 1, samePeriods };
    const summary = buildKpiCoverage(o, m, f)!;
    const fromEngine = kpiCoverage((await engine().query(summary.sql, summary.params)).table, f);
    // The rows the summary is built on (its first CTE), counted on the page.
    const [head] = summary.sql.split('),\nf AS (');
    const rows = `${head!.replace(/^WITH r AS \(/, 'SELECT * FROM (')})`;
    const reference = kpiCoverage(plainRows((await engine().query(rows, summary.params.slice(0, summary.params.length - 2 - (samePeriods?.length ?? 0)))).table), f);
    return { fromEngine, reference };
  }

  it('agrees with the row-by-row count on every subject and year of the sample, with and without the same periods', async () => {
    let compared = 0;
    for (const kind of ['models', 'reception', 'classification'] as const)
      for (const year of [2021, 2023, 2024, 2025])
        for (const same of [null, [1], [1, 2], [2, 3, 4]]) {
          const { fromEngine, reference } = await both({ ...defaultAnalysisOptions(), kind }, year, same);
          expect(fromEngine, `${kind} ${year} ${JSON.stringify(same)}`).toEqual(reference);
          compared += fromEngine.changes.length + fromEngine.partial.length;
        }
    expect(compared).toBeGreaterThan(10);
  });

  it('agrees on generated units that come, go, change type and skip quarters', async () => {
    const rows: string[] = ['Năm,Quý,Mã đơn vị,Đơn vị,Loại đơn vị,Số mô hình'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let u = 0; u < 300; u++)
      for (const year of [2024, 2025]) {
        if (random() < 0.15) continue; // did not report that year
        const type = random() < 0.1 ? 'Sở, ban, ngành tỉnh' : u % 3 === 0 ? 'UBND cấp huyện' : 'UBND cấp xã';
        for (let q = 1; q <= 4; q++) if (random() > 0.2) rows.push(`${year},${q},G${u},Đơn vị ${u},"${type}",${Math.floor(random() * 5)}`);
      }
    await importFile(engine(), fromBytes('generated-coverage.csv', new TextEncoder().encode(rows.join('\n') + '\n')));
    const m = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
    for (const same of [null, [1, 2], [4]]) {
      const { fromEngine, reference } = await both({ ...defaultAnalysisOptions(), kind: 'models', table: 'generated_coverage' }, 2025, same, m);
      expect(fromEngine).toEqual(reference);
      expect(fromEngine.changes.length + fromEngine.partial.length).toBeGreaterThan(0);
    }
  });
});
