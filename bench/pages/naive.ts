// The naive way: PapaParse the file into JavaScript arrays, then answer the same questions
// with Maps and loops. What a small web app without an engine would do.
import Papa from 'papaparse';

type Row = Record<string, string | number | null>;
let rows: Row[] = [];

function ingestCsv(): Promise<number> {
  const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('no file chosen');
  rows = [];
  return new Promise((resolve, reject) => {
    Papa.parse<Row>(file, {
      header: true,
      dynamicTyping: true,
      skipEmptyLines: true,
      chunk: (results) => {
        for (const r of results.data) rows.push(r);
      },
      complete: () => resolve(rows.length),
      error: reject,
    });
  });
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Models per unit and year, with the change from the year before. */
function changeByUnitYear() {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = `${r['Đơn vị']}\u0000${r['Năm']}`;
    sums.set(key, (sums.get(key) ?? 0) + num(r['Số mô hình']));
  }
  const out: { unit: string; year: number; value: number; previous: number | null; change: number | null }[] = [];
  for (const [key, value] of sums) {
    const [unit, year] = key.split('\u0000') as [string, string];
    const previous = sums.get(`${unit}\u0000${Number(year) - 1}`) ?? null;
    out.push({ unit, year: Number(year), value, previous, change: previous === null ? null : value - previous });
  }
  return out.length;
}

/** Rows per year and level, with the year's total. */
function distributionByYear() {
  const counts = new Map<string, number>();
  const totals = new Map<number, number>();
  for (const r of rows) {
    const key = `${r['Năm']}\u0000${r['Xếp loại']}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    totals.set(Number(r['Năm']), (totals.get(Number(r['Năm'])) ?? 0) + 1);
  }
  return counts.size;
}

/** The ten units that received the most people in 2024. */
function topUnits() {
  const sums = new Map<string, [number, number]>();
  for (const r of rows) {
    if (r['Năm'] !== 2024) continue;
    const s = sums.get(String(r['Đơn vị'])) ?? [0, 0];
    s[0] += num(r['Số người']);
    s[1] += num(r['Lượt tiếp']);
    sums.set(String(r['Đơn vị']), s);
  }
  return [...sums.entries()].sort((a, b) => b[1][0] - a[1][0]).slice(0, 10).length;
}

const QUERIES: Record<string, () => number> = { change: changeByUnitYear, distribution: distributionByYear, top: topUnits };

function query(name: string): { ms: number; rows: number } {
  const t0 = performance.now();
  const n = QUERIES[name]!();
  return { ms: performance.now() - t0, rows: n };
}

(window as unknown as { bench: unknown }).bench = { ingestCsv, query, start: async () => undefined };
