/** Office reports as they really arrive (sections, subtotals, footers, old Excel, numbers as
 *  text): each fixture of tests/fixtures/reports/ is loaded with what was detected, and compared
 *  with tests/fixtures/reports/expected.json, whose figures the fixtures script computed from the
 *  unit rows themselves, not through any import code. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fromBytes, importFile, ImportError } from '../../src/import/import-file';
import { prepareSource } from '../../src/import/prepare-source';
import { planImport, readHead } from '../../src/import/plan-file';
import { presetOf, withPreset } from '../../src/import/presets';
import { listTableNames } from '../../src/engine/catalog';
import { rows, useEngine } from '../helpers/engine';

const engine = useEngine();
const DIR = 'tests/fixtures/reports';

interface Expected {
  rows: number;
  sums: Record<string, number>;
  sections: Record<string, string[]>;
  leftOut: Record<'title' | 'section' | 'subtotal' | 'total' | 'footer', number>;
  reconciliation: 'ok' | 'mismatch' | 'none';
  mismatch?: { measure: string; file: number; units: number };
  units: Record<string, string | number | null>[];
}
const expected = JSON.parse(await readFile(`${DIR}/expected.json`, 'utf8')) as Record<string, Expected | { error: string }>;
const readable = Object.entries(expected).filter((e): e is [string, Expected] => !('error' in e[1]));
const unreadable = Object.entries(expected).filter((e): e is [string, { error: string }] => 'error' in e[1]);
const source = async (name: string) => fromBytes(name, new Uint8Array(await readFile(`${DIR}/${name}`)));

describe('sectioned office reports load each unit exactly once', () => {
  it.each(readable)('%s', async (name, want) => {
    const result = await importFile(engine(), await source(name));
    const table = result.name;
    expect(result.rows).toBe(want.rows);

    // Sums per measure, against the generator's own sums of the unit rows.
    for (const [measure, sum] of Object.entries(want.sums)) {
      const [got] = await rows(engine(), `SELECT sum("${measure.replaceAll('"', '""')}")::DOUBLE AS s FROM "${table}"`);
      expect(Number(got!.s), measure).toBeCloseTo(sum, 6);
    }
    // The section labels as columns, in the order they come.
    for (const [column, labels] of Object.entries(want.sections)) {
      const got = await rows(engine(), `SELECT "${column}" AS g, min(rowid) AS first FROM "${table}" WHERE "${column}" IS NOT NULL GROUP BY 1 ORDER BY 2`);
      expect(got.map((r) => r.g)).toEqual(labels);
    }
    if (Object.keys(want.sections).length === 0) expect(result.columns.map((c) => c.name)).not.toContain('Nhóm');

    // Every unit row as the file shows it (the generator leaves STT out).
    const columns = Object.keys(want.units[0]!);
    const select = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
    const got = await rows(engine(), `SELECT ${select} FROM "${table}" ORDER BY rowid`);
    expect(got.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])))).toEqual(want.units);

    // What was left out, by kind, and the check of the file's own totals.
    const report = result.report;
    const count = (kind: string) => report.leftOut.filter((l) => l.kind === kind).length;
    expect(report.titleLines.length).toBe(want.leftOut.title);
    for (const kind of ['section', 'subtotal', 'total', 'footer'] as const) expect(count(kind), kind).toBe(want.leftOut[kind]);
    expect(report.reconciliation.state).toBe(want.reconciliation);
    if (want.mismatch) {
      const wrong = report.reconciliation.checks.flatMap((c) => c.measures.filter((m) => !m.ok));
      expect(wrong).toEqual([{ measure: want.mismatch.measure, file: want.mismatch.file, units: want.mismatch.units, ok: false }]);
    }
  });
});

describe('what cannot be read ends in a message that says why', () => {
  it.each(unreadable)('%s', async (name, want) => {
    const error = await importFile(engine(), await source(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problem).toBe(want.error);
    expect((error as ImportError).fileName).toBe(name);
  });
});

describe('workbooks', () => {
  it('skip hidden sheets and read the visible report', async () => {
    const prepared = await prepareSource(await source('Tiếp công dân 2025 - theo khối.xlsx'));
    expect(prepared.sheets).toEqual(['TCD 2025']);
    expect(prepared.sheet).toBe('TCD 2025');
  });

  it('read numbers stored as text cells as the numbers they show', async () => {
    const result = await importFile(engine(), await source('Tiếp công dân 2025 - theo khối.xls'));
    const [row] = await rows(engine(), `SELECT "Số người" AS n FROM "${result.name}" WHERE "Cơ quan, đơn vị" = ?`, ['Huyện Tân Phú']);
    expect(Number(row!.n)).toBe(1053);
    expect(result.columns.find((c) => c.name === 'Số người')?.type).toBe('BIGINT');
    // The total's label sits in the STT column (merged A:B); the STT stays a number column.
    expect(result.columns.find((c) => c.name === 'STT')?.type).toBe('BIGINT');
  });

  it('take the first of two tables on one sheet, without the second one’s lines', async () => {
    const prepared = await prepareSource(await source('Hai bảng một trang.xlsx'));
    const plan = await planImport(prepared.source, await listTableNames(engine()));
    const result = await importFile(engine(), prepared.source, plan);
    expect(result.rows).toBe(5);
    expect(prepared.parts.map((p) => p.title)).toEqual(['KẾT QUẢ TIẾP CÔNG DÂN NĂM 2024', 'KẾT QUẢ TIẾP CÔNG DÂN NĂM 2025']);
    const second = await importFile(engine(), prepared.parts[1]!.source);
    expect(second.rows).toBe(5);
    expect(second.report.reconciliation.state).toBe('ok');
  });
});

describe('a file that can be read two ways', () => {
  it('is read the way its own totals confirm, and says so', async () => {
    // A comma-separated export whose costs are in tỷ đồng with three decimals: `2,125` looks
    // like an international thousands group, but only 2.125 + 1.5 + 87 agrees with `90,625`.
    const text = ['STT,Đơn vị,Kinh phí (tỷ đồng),Số công trình', '1,Xã A,"2,125",3', '2,Xã B,"1,500",2', '3,Xã C,87,10', ',Tổng cộng,"90,625",15', ''].join('\n');
    const result = await importFile(engine(), fromBytes('Kinh phí ba chữ số lẻ.csv', new TextEncoder().encode(text)));
    const [row] = await rows(engine(), `SELECT sum("Kinh phí (tỷ đồng)") AS s FROM "${result.name}"`);
    expect(Number(row!.s)).toBeCloseTo(90.625, 9);
    expect(result.report.reconciliation.state).toBe('ok');
    expect(result.report.readByTotals).toEqual([{ column: 'Kinh phí (tỷ đồng)', style: 'vi' }]);
  });

  it('keeps the usual reading when the totals agree with it', async () => {
    const text = ['STT,Đơn vị,Số lượt', '1,Xã A,"1,053"', '2,Xã B,87', ',Tổng cộng,"1,140"', ''].join('\n');
    const result = await importFile(engine(), fromBytes('Lượt tiếp.csv', new TextEncoder().encode(text)));
    const [row] = await rows(engine(), `SELECT sum("Số lượt") AS s FROM "${result.name}"`);
    expect(Number(row!.s)).toBe(1140);
    expect(result.report.readByTotals).toEqual([]);
  });
});

describe('next year’s file of the same report', () => {
  it('is read with the body choices made for this one', async () => {
    const src = await source('Tiếp công dân 2025 - theo khối (UTF-8 BOM).csv');
    const chosen = { ...(await planImport(src, [])), sections: false, dropFooter: false };
    const next = withPreset(await planImport(src, []), presetOf(chosen), await readHead(src));
    expect([next.sections, next.dropFooter]).toEqual([false, false]);
    // Presets saved before these choices existed read as the defaults.
    const { sections: _s, dropFooter: _d, ...older } = presetOf(chosen);
    const fromOlder = withPreset(await planImport(src, []), older, await readHead(src));
    expect([fromOlder.sections, fromOlder.dropFooter]).toEqual([true, true]);
  });
});
