/** The report sentences (issue 18) on the sample workbook: every figure a sentence states is
 *  computed here again from the sample CSV files with papaparse, never taken from the code
 *  under test. Counts with their units, changes and percentages, ties, zero and missing years,
 *  a single year, and the units that changed in the 2025 reorganisation. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnalysis, defaultAnalysisOptions, type AnalysisOptions } from '../../src/analyses/catalogue';
import { analysisLabels } from '../../src/analyses/labels';
import { buildKpi, buildKpiCoverage } from '../../src/analyses/kpi';
import { syncSemantics } from '../../src/analyses/semantic-sync';
import { newBlock, type Block } from '../../src/dashboards/dashboard';
import { emptyModel, type SemanticModel } from '../../src/domain/semantic-model';
import { listTables } from '../../src/engine/catalog';
import { QueryLayer } from '../../src/query/query-layer';
import { analysisSentences } from '../../src/report/analysis-sentences';
import { blockSentences } from '../../src/report/block-sentences';
import { blockSentencesLive, coverageFor } from '../../src/report/run-sentences';
import { NO_FILTERS, type Filters } from '../../src/sql/analysis';
import { importPath, ROOT, rows, useEngine } from '../helpers/engine';

type Row = Record<string, string>;
const csv = (name: string) => Papa.parse<Row>(readFileSync(path.join(ROOT, 'data-samples', `${name}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
const units = csv('don-vi');
const models = csv('mo-hinh-dan-van-kheo');
const rated = csv('xep-loai-dan-van');
const reception = csv('tiep-cong-dan');
const LEVELS = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
const SHORT = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
/** A level as written (full name or the 2021 short form) → its rank, 1 = best. */
const rankOf = (v: string) => (LEVELS.includes(v) ? LEVELS.indexOf(v) : SHORT.indexOf(v)) + 1;

// Expected text is written with the platform's own vi-VN formatting, not the app's.
const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
const en = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);
const pct1 = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;
const sum = (list: Row[], column: string) => list.reduce((a, r) => a + Number(r[column]), 0);
const ofYear = (list: Row[], y: number) => list.filter((r) => r['Năm'] === String(y));
const LAST = Math.max(...models.map((r) => Number(r['Năm'])));
const FIRST = Math.min(...models.map((r) => Number(r['Năm'])));
const change = (n: number, previous: number, unit: string, against: string) =>
  n === previous ? `không đổi so với ${against}` : `${n > previous ? 'tăng' : 'giảm'} ${vi(Math.abs(n - previous))} ${unit} (${vi(pct1(Math.abs(n - previous), previous))} %) so với ${against}`;

const engine = useEngine();
let model: SemanticModel;
let queries: QueryLayer;
beforeAll(async () => {
  for (const name of ['don-vi', 'mo-hinh-dan-van-kheo', 'xep-loai-dan-van', 'tiep-cong-dan', 'sap-xep-don-vi-2025']) await importPath(engine(), `data-samples/${name}.csv`);
  model = (await syncSemantics(engine(), await listTables(engine()), emptyModel())).model;
  queries = new QueryLayer(engine());
});

const years = (yearFrom: number | null, yearTo: number | null): Filters => ({ ...NO_FILTERS, yearFrom, yearTo });
const options = (patch: Partial<AnalysisOptions>): AnalysisOptions => ({ ...defaultAnalysisOptions(), ...patch });
const kpi = (patch: Partial<AnalysisOptions>) => newBlock('kpi', 'KPI', { analysis: options(patch) });
const texts = async (block: Block, lang: 'vi' | 'en' = 'vi') => (await blockSentencesLive(block, block.analysis!.filters, model, queries, lang)).map((s) => s.text);

/** An analysis's rows and sentences, with who reported in the two years compared. */
async function analysis(patch: Partial<AnalysisOptions>, lang: 'vi' | 'en' = 'vi') {
  const o = options(patch);
  const built = buildAnalysis(o, model, analysisLabels(lang));
  const result = await rows(engine(), built.query.sql, built.query.params);
  const coverage = await coverageFor(o, result, model, queries, lang);
  return analysisSentences(o, result, lang, { coverage, sql: built.query.sql }).map((s) => s.text);
}

/** Unit codes with rows in a year. */
const codes = (list: Row[], y: number) => new Set(ofYear(list, y).map((r) => r['Mã đơn vị']));
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

describe('counts with their units of measure, and changes', () => {
  it('a KPI of a year whose units are those of the year before states the change with its percentage', async () => {
    const y = LAST - 1;
    expect(sameSet(codes(models, y), codes(models, y - 1))).toBe(true);
    const said = await texts(kpi({ kind: 'models', filters: years(null, y) }));
    const n = sum(ofYear(models, y), 'Số mô hình');
    const p = sum(ofYear(models, y - 1), 'Số mô hình');
    expect(said[0]).toBe(`Năm ${y} có ${vi(n)} mô hình, ${change(n, p, 'mô hình', `năm ${y - 1}`)}.`);
  });

  it('the same in English, with en-US numbers', async () => {
    const y = LAST - 1;
    const said = await texts(kpi({ kind: 'models', filters: years(null, y) }), 'en');
    const n = sum(ofYear(models, y), 'Số mô hình');
    const p = sum(ofYear(models, y - 1), 'Số mô hình');
    expect(said[0]).toBe(`In ${y} there were ${en(n)} models, ${n > p ? 'up' : 'down'} ${en(Math.abs(n - p))} models (${en(pct1(Math.abs(n - p), p))}%) on ${y - 1}.`);
  });

  it('reception is said in turns and people, large delegations and the people in them', async () => {
    const y = LAST - 1;
    const said = await analysis({ kind: 'reception', view: 'byUnit', filters: years(null, y) });
    const r = ofYear(reception, y);
    expect(said[0]).toBe(`Năm ${y} tiếp ${vi(sum(r, 'Lượt tiếp'))} lượt/${vi(sum(r, 'Số người'))} người, ${vi(sum(r, 'Đoàn đông người'))} đoàn đông người/${vi(sum(r, 'Số người trong đoàn'))} người.`);
    const kpiSaid = await texts(kpi({ kind: 'reception', filters: years(null, y) }));
    expect(kpiSaid[0]).toMatch(new RegExp(`^Năm ${y} có ${vi(sum(r, 'Lượt tiếp'))} lượt tiếp công dân, (tăng|giảm|không đổi)`));
  });

  it('units rated at the top level: "không đổi" when the count is the same, the change otherwise', async () => {
    const top = (y: number) => ofYear(rated, y).filter((r) => rankOf(r['Xếp loại']) === 1).length;
    for (const y of [LAST - 1, LAST - 2]) {
      expect(sameSet(codes(rated, y), codes(rated, y - 1))).toBe(true);
      const said = await texts(kpi({ kind: 'classification', view: 'distribution', filters: years(null, y) }));
      expect(said[0]).toBe(`Năm ${y} có ${vi(top(y))} đơn vị được xếp loại ${LEVELS[0]}, ${change(top(y), top(y - 1), 'đơn vị', `năm ${y - 1}`)}.`);
    }
  });

  it('a level distribution with each level\'s count and share, the 2021 short forms read as the levels', async () => {
    for (const y of [2021, LAST - 1]) {
      const said = await analysis({ kind: 'classification', view: 'distribution', filters: years(null, y) });
      const list = ofYear(rated, y);
      const counts = [1, 2, 3, 4].map((rank) => list.filter((r) => rankOf(r['Xếp loại']) === rank).length);
      const parts = counts.map((n, i) => (n > 0 ? `${vi(n)} đơn vị (${vi(pct1(n, list.length))} %) ${LEVELS[i]}` : '')).filter(Boolean).join(', ');
      const none = LEVELS.filter((_, i) => counts[i] === 0);
      const tail = none.length === 0 ? '' : `; không có đơn vị nào ${none.length === 1 ? none[0] : `${none.slice(0, -1).join(', ')} hoặc ${none.at(-1)}`}`;
      expect(said[0]).toBe(`Năm ${y} có ${vi(list.length)} đơn vị được xếp loại: ${parts}${tail}.`);
    }
  });

  it('transitions: units up, down and unchanged between two years, and which', async () => {
    const [a, b] = [LAST - 2, LAST - 1];
    const level = (y: number) => new Map(ofYear(rated, y).map((r) => [r['Mã đơn vị'], rankOf(r['Xếp loại'])]));
    const la = level(a);
    const lb = level(b);
    const both = [...la.keys()].filter((k) => lb.has(k));
    const up = both.filter((k) => lb.get(k)! < la.get(k)!);
    const down = both.filter((k) => lb.get(k)! > la.get(k)!);
    const said = await analysis({ kind: 'classification', view: 'transitions', yearA: a, yearB: b });
    expect(said[0]).toBe(`Từ năm ${a} đến năm ${b}: ${vi(up.length)} đơn vị lên mức, ${vi(down.length)} đơn vị xuống mức, ${vi(both.length - up.length - down.length)} đơn vị giữ nguyên mức.`);
    // Units are named as the units dictionary (don-vi.csv) names them.
    const name = (code: string) => units.find((u) => u['Mã đơn vị'] === code)!['Tên đơn vị'];
    for (const [prefix, list] of [['Lên mức:', up], ['Xuống mức:', down]] as const)
      if (list.length > 0 && list.length <= 8) for (const code of list) expect(said.find((s) => s.startsWith(prefix))).toContain(name(code));
    const matrix = await analysis({ kind: 'classification', view: 'matrix', yearA: a, yearB: b });
    expect(matrix[0]).toBe(said[0]);
  });
});

describe('leaders, laggards and ties', () => {
  it('the largest and smallest field; fields with the same figure are named together', async () => {
    const last = ofYear(models, LAST);
    const byField = new Map<string, number>();
    for (const r of last) byField.set(r['Lĩnh vực'], (byField.get(r['Lĩnh vực']) ?? 0) + Number(r['Số mô hình']));
    const total = sum(last, 'Số mô hình');
    const said = await analysis({ kind: 'models', view: 'byField' });
    for (const [which, pick] of [['nhiều nhất', Math.max], ['Ít nhất', Math.min]] as const) {
      const v = pick(...byField.values());
      const fields = [...byField].filter(([, n]) => n === v).map(([f]) => f);
      const s = said.find((x) => x.includes(which));
      expect(s, said.join('\n')).toBeDefined();
      expect(s).toContain(`${vi(v)} mô hình (${vi(pct1(v, total))} %)`);
      for (const f of fields) expect(s).toContain(f);
      if (fields.length === 2) expect(s).toContain(`${fields.sort((x, y) => s!.indexOf(x) - s!.indexOf(y)).join(' và ')} với`);
    }
  });

  it('the leading unit of a year, and the highest and lowest years named together when tied', async () => {
    const y = LAST - 1;
    const perUnit = new Map<string, number>();
    for (const r of ofYear(models, y)) perUnit.set(r['Đơn vị'], (perUnit.get(r['Đơn vị']) ?? 0) + Number(r['Số mô hình']));
    const max = Math.max(...perUnit.values());
    const leaders = [...perUnit].filter(([, n]) => n === max).map(([u]) => u);
    const said = await analysis({ kind: 'models', view: 'byUnit', unitView: 'asWas', filters: years(null, y) });
    const lead = said.find((s) => s.startsWith('Dẫn đầu'))!;
    expect(lead).toContain(`${vi(max)} mô hình`);
    expect(lead.includes('bằng nhau')).toBe(leaders.length > 1);
    // Top-level counts per year, before the reorganisation: ties are named as ties.
    const top = Array.from({ length: LAST - FIRST }, (_, i) => FIRST + i).map((yy) => ({ y: yy, n: ofYear(rated, yy).filter((r) => rankOf(r['Xếp loại']) === 1).length }));
    const hi = Math.max(...top.map((t) => t.n));
    const hiYears = top.filter((t) => t.n === hi).map((t) => t.y);
    const kpiSaid = await texts(kpi({ kind: 'classification', view: 'distribution' }));
    const highLow = kpiSaid.find((s) => s.startsWith('Trong giai đoạn'))!;
    expect(highLow).toContain(`${FIRST}–${LAST - 1}`);
    expect(highLow).toContain(`cao nhất là ${hiYears.length > 1 ? `các năm ${hiYears.slice(0, -1).join(', ')} và ${hiYears.at(-1)}` : `năm ${hiYears[0]}`} (${vi(hi)} đơn vị)`);
  });

  it('two units with the same figure lead jointly (rows made from the CSV: two units\' sums of a year)', () => {
    const y = LAST - 1;
    const perUnit = new Map<string, number>();
    for (const r of ofYear(models, y)) perUnit.set(r['Đơn vị'], (perUnit.get(r['Đơn vị']) ?? 0) + Number(r['Số mô hình']));
    const [a, b, c] = [...perUnit.keys()];
    const top = Math.max(...perUnit.values()) + 1;
    const L = analysisLabels('vi');
    const rowsOf = [
      { [L.year]: y, [L.unit]: a, 'Số mô hình': top },
      { [L.year]: y, [L.unit]: b, 'Số mô hình': top },
      { [L.year]: y, [L.unit]: c, 'Số mô hình': perUnit.get(c!)! },
    ];
    const said = analysisSentences(options({ kind: 'models', view: 'byUnit' }), rowsOf, 'vi').map((s) => s.text);
    expect(said).toContain(`Dẫn đầu là ${a} và ${b}, bằng nhau với ${vi(top)} mô hình mỗi đơn vị.`);
  });
});

describe('zero, missing and single years', () => {
  it('units without models in the last year: the districts, which ended in 2025', async () => {
    // A unit "exists" in a year when any sample table has it then; it lacks models when it has no models row.
    const present = new Set([...codes(models, LAST), ...codes(rated, LAST), ...codes(reception, LAST)]);
    const withModels = new Set(ofYear(models, LAST).filter((r) => Number(r['Số mô hình']) > 0).map((r) => r['Mã đơn vị']));
    const without = [...present].filter((c) => !withModels.has(c));
    const said = await analysis({ kind: 'models', view: 'missing' });
    expect(said[0]).toMatch(new RegExp(`^Năm ${LAST} có ${vi(without.length)} đơn vị chưa có mô hình: `));
    for (const code of without) expect(said[0]).toContain(units.find((u) => u['Mã đơn vị'] === code)!['Tên đơn vị']);
  });

  it('a previous year of 0: the change without a percentage', () => {
    const L = analysisLabels('vi');
    const n = sum(ofYear(models, LAST - 1), 'Số mô hình');
    const block = kpi({ kind: 'models' });
    const said = blockSentences(block, [{ [L.year]: LAST - 2, 'Số mô hình': 0 }, { [L.year]: LAST - 1, 'Số mô hình': n }], 'vi', { coverage: null, period: null }).map((s) => s.text);
    expect(said[0]).toBe(`Năm ${LAST - 1} có ${vi(n)} mô hình, tăng ${vi(n)} mô hình (năm trước là 0) so với năm ${LAST - 2}.`);
  });

  it('a missing year before the last: no change is stated', () => {
    const L = analysisLabels('vi');
    const series = Array.from({ length: LAST - FIRST + 1 }, (_, i) => FIRST + i).filter((y) => y !== LAST - 1);
    const rowsOf = series.map((y) => ({ [L.year]: y, 'Số mô hình': sum(ofYear(models, y), 'Số mô hình') }));
    const said = blockSentences(kpi({ kind: 'models' }), rowsOf, 'vi', { coverage: null, period: null }).map((s) => s.text);
    expect(said[0]).toBe(`Năm ${LAST} có ${vi(sum(ofYear(models, LAST), 'Số mô hình'))} mô hình.`);
    expect(said[1]).toBe(`Không có số liệu năm ${LAST - 1} trong phạm vi đã chọn để so sánh.`);
    expect(said.join(' ')).not.toMatch(/tăng|giảm/);
  });

  it('a single year: its figure, no comparison, no highest or lowest year', async () => {
    const y = LAST - 2;
    const said = await texts(kpi({ kind: 'models', filters: years(y, y) }));
    expect(said).toEqual([`Năm ${y} có ${vi(sum(ofYear(models, y), 'Số mô hình'))} mô hình.`, `Không có số liệu năm ${y - 1} trong phạm vi đã chọn để so sánh.`]);
    const byUnit = await analysis({ kind: 'models', view: 'byUnit', filters: years(y, y) });
    expect(byUnit[0]).toBe(`Năm ${y} có ${vi(codes(models, y).size)} đơn vị có số liệu, tổng cộng ${vi(sum(ofYear(models, y), 'Số mô hình'))} mô hình.`);
    expect(byUnit.at(-1)).toBe(`Không có số liệu năm ${y - 1} trong phạm vi đã chọn để so sánh.`);
  });

  it('two years only: no highest or lowest year (no trend from two points)', async () => {
    const said = await texts(kpi({ kind: 'models', filters: years(LAST - 2, LAST - 1) }));
    expect(said).toHaveLength(1);
  });

  it('no rows: says there is nothing to say', () => {
    expect(analysisSentences(options({ kind: 'models', view: 'byUnit' }), [], 'vi').map((s) => s.text)).toEqual(['Không có số liệu trong phạm vi đã chọn.']);
  });
});

describe('a unit set that changed (the 2025 reorganisation)', () => {
  const bothYears = (list: Row[]) => [...codes(list, LAST)].filter((c) => codes(list, LAST - 1).has(c));

  it('the models KPI says why the two years differ and gives the change over the units of both, never the bare fall', async () => {
    const said = await texts(kpi({ kind: 'models' }));
    const districts = units.filter((u) => u['Loại đơn vị'] === 'UBND cấp huyện').length;
    const both = bothYears(models);
    const over = (y: number) => sum(ofYear(models, y).filter((r) => both.includes(r['Mã đơn vị'])), 'Số mô hình');
    expect(said[0]).toBe(`Năm ${LAST} có ${vi(sum(ofYear(models, LAST), 'Số mô hình'))} mô hình.`);
    expect(said[1]).toContain(`${LAST}: 0/${districts} huyện báo cáo (cấp huyện kết thúc 01/07/2025)`);
    expect(said[2]).toBe(`Tính trên ${vi(both.length)} đơn vị báo cáo cả hai năm: ${vi(over(LAST))} mô hình, ${change(over(LAST), over(LAST - 1), 'mô hình', `năm ${LAST - 1}`)}.`);
    const bare = sum(ofYear(models, LAST), 'Số mô hình') - sum(ofYear(models, LAST - 1), 'Số mô hình');
    expect(said.join(' ')).not.toContain(`giảm ${vi(Math.abs(bare))} mô hình`);
    // The highest and lowest years leave out the last one, whose units are not the others'.
    expect(said[3]).toMatch(new RegExp(`^Trong giai đoạn ${FIRST}–${LAST - 1}, `));
  });

  it('in English: the units rated at the top level over the units of both years, one unit said as one', async () => {
    const both = bothYears(rated);
    const top = (y: number) => ofYear(rated, y).filter((r) => both.includes(r['Mã đơn vị']) && rankOf(r['Xếp loại']) === 1).length;
    const c = top(LAST) - top(LAST - 1);
    const said = await texts(kpi({ kind: 'classification', view: 'distribution' }), 'en');
    const word = (n: number) => `${en(n)} ${n === 1 ? 'unit' : 'units'}`;
    const move = c === 0 ? `unchanged on ${LAST - 1}` : `${c > 0 ? 'up' : 'down'} ${word(Math.abs(c))} (${en(pct1(Math.abs(c), top(LAST - 1)))}%) on ${LAST - 1}`;
    expect(said).toContain(`Over the ${en(both.length)} units that reported in both years: ${word(top(LAST))}, ${move}.`);
  });

  it('reception by unit: the change over the same units and quarters, not the fall of the districts that stopped', async () => {
    const key = (r: Row) => `${r['Mã đơn vị']}|${r['Quý']}`;
    const now = new Set(ofYear(reception, LAST).map(key));
    const shared = ofYear(reception, LAST - 1).map(key).filter((k) => now.has(k));
    const turns = (y: number) => sum(ofYear(reception, y).filter((r) => shared.includes(key(r))), 'Lượt tiếp');
    const said = await analysis({ kind: 'reception', view: 'byUnit' });
    const lfl = said.find((s) => s.startsWith('Tính trên'))!;
    expect(lfl).toContain(`${vi(turns(LAST))} lượt, ${change(turns(LAST), turns(LAST - 1), 'lượt', `năm ${LAST - 1}`)}`);
    const bareUnits = bothYears(reception);
    const bare = (y: number) => sum(ofYear(reception, y).filter((r) => bareUnits.includes(r['Mã đơn vị'])), 'Lượt tiếp');
    expect(said.join(' ')).not.toContain(`${vi(Math.abs(bare(LAST) - bare(LAST - 1)))} lượt (`);
  });

  it('the change view counts units up and down, and names the largest rise', async () => {
    const sums = (y: number) => {
      const m = new Map<string, number>();
      for (const r of ofYear(models, y)) m.set(r['Mã đơn vị'], (m.get(r['Mã đơn vị']) ?? 0) + Number(r['Số mô hình']));
      return m;
    };
    const [a, b] = [sums(LAST - 1), sums(LAST)];
    const diffs = [...b].filter(([k]) => a.has(k)).map(([k, v]) => ({ k, d: v - a.get(k)! }));
    const said = await analysis({ kind: 'models', view: 'change' });
    expect(said[0]).toBe(`So với năm ${LAST - 1}, ${diffs.filter((x) => x.d > 0).length} đơn vị tăng, ${diffs.filter((x) => x.d < 0).length} đơn vị giảm, ${diffs.filter((x) => x.d === 0).length} đơn vị không đổi.`);
    const rise = Math.max(...diffs.map((x) => x.d));
    expect(said[1]).toMatch(new RegExp(`^Tăng nhiều nhất là .* \\(${vi(rise)} mô hình\\)\\.$`));
    expect(said.some((s) => s.startsWith('Số liệu hai năm không cùng đơn vị báo cáo'))).toBe(true);
  });
});

describe('blockSentences, the exporter\'s entry point', () => {
  it('a KPI given only its rows states no change (units missing cannot be ruled out); given the coverage rows, the like-for-like one', async () => {
    const o = options({ kind: 'models' });
    const built = buildKpi(o, model, analysisLabels('vi'));
    const r = await rows(engine(), built.query.sql, built.query.params);
    const block = newBlock('kpi', 'Models', { analysis: o });
    const bare = blockSentences(block, r, 'vi').map((s) => s.text);
    expect(bare[0]).toBe(`Năm ${LAST} có ${vi(sum(ofYear(models, LAST), 'Số mô hình'))} mô hình.`);
    expect(bare.join(' ')).not.toMatch(/tăng|giảm/);
    const q = buildKpiCoverage(o, model, { year: LAST, previousYear: LAST - 1 })!;
    const checked = blockSentences(block, r, 'vi', { coverageRows: await rows(engine(), q.sql, q.params) }).map((s) => s.text);
    expect(checked).toEqual(await texts(block));
  });

  it('a like-for-like sentence keeps the SQL of who reported, the others the view\'s', async () => {
    const block = kpi({ kind: 'models' });
    const said = await blockSentencesLive(block, block.analysis!.filters, model, queries, 'vi');
    const lfl = said.find((s) => s.text.startsWith('Tính trên'))!;
    expect(lfl.sql).toMatch(/unit_key IS NOT NULL/);
    expect(said[0]!.sql).not.toMatch(/unit_key IS NOT NULL/);
  });

  it('keeps the figures and the SQL with each sentence, reads rows in either language, and has nothing to say for notes', async () => {
    const o = options({ kind: 'models', filters: years(null, LAST - 1) });
    const built = buildKpi(o, model, analysisLabels('en'));
    const r = await rows(engine(), built.query.sql, built.query.params);
    const block = newBlock('kpi', 'Models', { analysis: o });
    const said = blockSentences(block, r, 'vi', { sql: built.query.sql, period: built.period });
    expect(said[0]!.text).toMatch(new RegExp(`^Năm ${LAST - 1} có ${vi(sum(ofYear(models, LAST - 1), 'Số mô hình'))} mô hình`));
    expect(said[0]!.figures[0]).toEqual({ label: expect.any(String), value: sum(ofYear(models, LAST - 1), 'Số mô hình') });
    expect(said[0]!.sql).toBe(built.query.sql);
    expect(blockSentences(newBlock('note', 'n', { markdown: 'x' }), [], 'vi')).toEqual([]);
    const insight = newBlock('insight', 'Nhận định', {});
    expect(blockSentences(insight, [], 'vi', { sources: [{ block, rows: r, context: { period: built.period } }] }).map((s) => s.text)).toEqual(blockSentences(block, r, 'vi', { period: built.period }).map((s) => s.text));
  });
});
