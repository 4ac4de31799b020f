import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { resultToCsv } from '../../src/results/export-csv';
import { columnsOf, displayValue, rawValue } from '../../src/results/columns';
import { analysisSpec, defaultChartSpec, reconcileSpec } from '../../src/charts/chart-spec';
import { chartData, distinctCounter } from '../../src/charts/chart-data';
import { useEngine } from '../helpers/engine';

const engine = useEngine();
const query = async (sql: string) => (await engine().query(sql)).table;

describe('result values', () => {
  it('keeps raw values raw and formats numbers vi-VN for display', async () => {
    const table = await query(`SELECT 2024 AS "Năm", 1053::BIGINT AS "Lượt tiếp", 44.5 AS "Tỷ lệ", DATE '2024-03-01' AS "Ngày", NULL::VARCHAR AS "Ghi chú"`);
    const cols = columnsOf(table);
    const row = table.get(0)!.toArray();
    expect(cols.map((c) => rawValue(row[cols.indexOf(c)], c.kind))).toEqual(['2024', '1053', '44.5', '2024-03-01', '']);
    expect(displayValue(row[0], cols[0]!, 'vi')).toBe('2024');
    expect(displayValue(row[1], cols[1]!, 'vi')).toBe('1.053');
    expect(displayValue(row[2], cols[2]!, 'vi')).toBe('44,5');
    expect(displayValue(row[1], cols[1]!, 'en')).toBe('1,053');
    expect(displayValue(row[3], cols[3]!, 'vi')).toBe('01/03/2024');
  });

  it('exports CSV as UTF-8 with BOM that parses back to the same rows', async () => {
    const table = await query(`SELECT * FROM (VALUES ('Điện Biên', 1053, 'a, "b"'), ('Mường Ảng', NULL, 'x')) t("Đơn vị", "Lượt", "Ghi chú")`);
    const csv = resultToCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(parsed).toEqual([
      ['Đơn vị', 'Lượt', 'Ghi chú'],
      ['Điện Biên', '1053', 'a, "b"'],
      ['Mường Ảng', '', 'x'],
    ]);
  });
});

describe('chart defaults', () => {
  it('puts the year on x, the measure on y and a category in colour', async () => {
    const table = await query(`SELECT 2023 AS "Năm", 'Huyện' AS "Loại đơn vị", 12 AS "Số mô hình"`);
    expect(defaultChartSpec(columnsOf(table))).toEqual({ type: 'groupedBar', x: 'Năm', y: 'Số mô hình', color: 'Loại đơn vị' });
  });
  it('draws a simple bar for one category and one measure, a line over dates', async () => {
    const bar = await query(`SELECT 'A' AS "Đơn vị", 3 AS "Lượt tiếp"`);
    expect(defaultChartSpec(columnsOf(bar))).toEqual({ type: 'bar', x: 'Đơn vị', y: 'Lượt tiếp', color: null });
    const line = await query(`SELECT DATE '2024-01-01' AS "Ngày", 3 AS n`);
    expect(defaultChartSpec(columnsOf(line))?.type).toBe('line');
  });
  it('draws units over exactly two years as a dumbbell (by default only)', async () => {
    const two = await query(`SELECT * FROM (VALUES ('Huyện A', 2023, 4), ('Huyện A', 2024, 6), ('Sở B', 2023, 2), ('Sở B', 2024, 1)) t("Đơn vị", "Năm", "Số mô hình")`);
    const three = await query(`SELECT * FROM (VALUES ('Huyện A', 2022, 4), ('Huyện A', 2023, 6), ('Sở B', 2024, 1)) t("Đơn vị", "Năm", "Số mô hình")`);
    expect(defaultChartSpec(columnsOf(two), distinctCounter(two))).toEqual({ type: 'dumbbell', x: 'Năm', y: 'Số mô hình', color: 'Đơn vị' });
    expect(defaultChartSpec(columnsOf(three), distinctCounter(three))?.type).toBe('groupedBar');
    // An analysis's units × years table over two years; its grouped bars of levels stay.
    const heat = { type: 'heat' as const, x: 'Năm', y: 'Số mô hình', color: 'Đơn vị' };
    expect(analysisSpec(heat, columnsOf(two), distinctCounter(two))?.type).toBe('dumbbell');
    expect(analysisSpec(heat, columnsOf(three), distinctCounter(three))?.type).toBe('heat');
    const levels = { ...heat, type: 'groupedBar' as const, colorOrder: { values: ['a'], colors: ['#000'] } };
    expect(analysisSpec(levels, columnsOf(two), distinctCounter(two))?.type).toBe('groupedBar');
    // A type the person chose is theirs.
    expect(reconcileSpec({ ...heat, type: 'line' }, columnsOf(two), distinctCounter(two))?.type).toBe('line');
  });
  it('has no chart without a number', async () => {
    expect(defaultChartSpec(columnsOf(await query(`SELECT 'a' AS x`)))).toBeNull();
  });
  it('keeps the user choice while the columns allow it', async () => {
    const cols = columnsOf(await query(`SELECT 'A' AS u, 2024 AS "Năm", 3 AS a, 4 AS b`));
    expect(reconcileSpec({ type: 'line', x: 'u', y: 'a', color: null }, cols)).toEqual({ type: 'line', x: 'u', y: 'a', color: null });
    expect(reconcileSpec({ type: 'line', x: 'gone', y: 'a', color: null }, cols)?.x).toBe('Năm');
  });
  it('turns the result into plot points with numbers as numbers', async () => {
    const table = await query(`SELECT * FROM (VALUES (2023, 'A', 5::BIGINT), (2024, 'A', 7::BIGINT)) t("Năm", "Đơn vị", n)`);
    const points = chartData(table, { type: 'bar', x: 'Năm', y: 'n', color: 'Đơn vị' });
    expect(points).toEqual([
      { x: '2023', y: 5, color: 'A' },
      { x: '2024', y: 7, color: 'A' },
    ]);
  });
});

describe('charts that would be unreadable', () => {
  const bars = (n: number, colors = 1) => Array.from({ length: n * colors }, (_, i) => ({ x: `Đơn vị ${Math.floor(i / colors)}`, y: i, color: String(i % colors) }));
  it('asks for a filter instead of drawing thousands of bars', async () => {
    const { tooCrowded, MAX_BAR_CATEGORIES } = await import('../../src/charts/chart-data');
    const spec = { type: 'groupedBar' as const, x: 'Đơn vị', y: 'Số', color: 'Năm' };
    expect(tooCrowded(bars(31, 7), spec)).toBeNull();
    expect(tooCrowded(bars(MAX_BAR_CATEGORIES + 1), { ...spec, type: 'bar' })).toEqual({ n: MAX_BAR_CATEGORIES + 1, column: 'Đơn vị', kind: 'bars' });
    expect(tooCrowded(bars(400, 7), spec)?.n).toBe(400);
    expect(tooCrowded(bars(5000), { ...spec, type: 'line' })).toBeNull();
  });
  it('asks for a filter instead of a heat table of thousands of units, counting its rows (units), not its years', async () => {
    const { tooCrowded, MAX_HEAT_ROWS } = await import('../../src/charts/chart-data');
    // Units × years: x the year, colour the unit (one row each).
    const heat = (units: number, years: number) => Array.from({ length: units * years }, (_, i) => ({ x: 2018 + (i % years), y: i, color: `Đơn vị ${Math.floor(i / years)}` }));
    const spec = { type: 'heat' as const, x: 'Năm', y: 'Số', color: 'Đơn vị' };
    expect(tooCrowded(heat(MAX_HEAT_ROWS, 7), spec)).toBeNull();
    expect(tooCrowded(heat(MAX_HEAT_ROWS + 1, 1), spec)).toEqual({ n: MAX_HEAT_ROWS + 1, column: 'Đơn vị', kind: 'rows' });
    // Without a colour column the rows are the x values.
    const plain = Array.from({ length: MAX_HEAT_ROWS + 5 }, (_, i) => ({ x: `Đơn vị ${i}`, y: i, color: null }));
    expect(tooCrowded(plain, { type: 'heat', x: 'Đơn vị', y: 'Số', color: null })).toEqual({ n: MAX_HEAT_ROWS + 5, column: 'Đơn vị', kind: 'rows' });
  });
  it('draws the last year of a long result ordered by year, not the last year of its first rows', async () => {
    const { MAX_CHART_ROWS } = await import('../../src/charts/chart-data');
    // 3 years of MAX_CHART_ROWS / 2 units, ordered by year: the last year starts past the cap.
    const units = MAX_CHART_ROWS / 2;
    const table = await query(`SELECT y AS "Năm", 'Đơn vị ' || u AS "Đơn vị", (y * 10 + u % 7)::BIGINT AS n FROM range(2022, 2025) a(y), range(${units}) b(u) ORDER BY y, u`);
    const points = chartData(table, { type: 'hbar', x: 'Đơn vị', y: 'n', color: null, lastOf: 'Năm' });
    expect(points).toHaveLength(units);
    expect(points.every((p) => p.y !== null && Math.floor(p.y / 10) === 2024)).toBe(true);
    expect(points[0]).toEqual({ x: 'Đơn vị 0', y: 20240, color: null });
  });
});
