/** A report's own total and subtotal lines are a checksum: after reading, each must equal the
 *  sum of the units it covers, per measure. A unit counted twice, a row lost or a typo in the
 *  file shows up here, before anything is loaded. */
import type { Engine } from '../engine/engine';
import { reconcileTotals } from '../sql/report-body';
import { foldVietnamese } from './naming';
import type { BodyLine } from './report-body';

export interface MeasureCheck {
  measure: string;
  /** The figure written in the file. */
  file: number;
  /** The sum of the units it covers. */
  units: number;
  ok: boolean;
}

export interface TotalCheck {
  /** Line number in the file. */
  line: number;
  kind: 'total' | 'subtotal' | 'section';
  /** The line's label, as the file has it (`Cộng A`, `Tổng cộng (A+B)`, `CẤP TỈNH`). */
  label: string;
  unitCount: number;
  /** Line numbers of the first and last unit it covers. */
  firstUnit: number | null;
  lastUnit: number | null;
  measures: MeasureCheck[];
}

export interface Reconciliation {
  /** `none`: the file has no total line, or none with figures to check. */
  state: 'ok' | 'mismatch' | 'none';
  checks: TotalCheck[];
}

export const NO_RECONCILIATION: Reconciliation = { state: 'none', checks: [] };

/** Rates, averages, scores and codes are not sums: their total line is not a checksum. */
const NOT_ADDITIVE = /(ty le|%|binh quan|trung binh|\bdiem\b|xep loai|ma so|ma don vi|so thu tu|\brate\b|average|mean|score)/;
const KEY_COLUMN = /^(nam|quy|thang|stt|tt|year|quarter|month)$/;
export function isAdditive(column: string): boolean {
  const folded = foldVietnamese(column).toLowerCase().trim();
  return !NOT_ADDITIVE.test(folded) && !KEY_COLUMN.test(folded);
}

/** Figures in reports are whole or have a few decimals; sums of doubles drift in the last bits. */
const agrees = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

export async function reconcile(engine: Engine, table: string, measures: string[], lines: Map<number, BodyLine>, lineOf: (row: number) => number): Promise<Reconciliation> {
  if (measures.length === 0) return NO_RECONCILIATION;
  const result = (await engine.run(reconcileTotals(table, measures))).toArray().map((r) => r.toJSON() as Record<string, unknown>);
  const checks: TotalCheck[] = [];
  for (const r of result) {
    const row = Number(r.line);
    const measureChecks: MeasureCheck[] = [];
    measures.forEach((measure, i) => {
      const file = r[`f${i}`];
      if (file === null || file === undefined) return;
      const units = Number(r[`u${i}`] ?? 0);
      measureChecks.push({ measure, file: Number(file), units, ok: agrees(Number(file), units) });
    });
    if (measureChecks.length === 0) continue;
    const first = r.first_unit === null ? null : lineOf(Number(r.first_unit));
    const last = r.last_unit === null ? null : lineOf(Number(r.last_unit));
    checks.push({
      line: lineOf(row),
      kind: String(r.kind) as TotalCheck['kind'],
      label: lines.get(row)?.label ?? lines.get(row)?.text ?? '',
      unitCount: Number(r.units),
      firstUnit: first,
      lastUnit: last,
      measures: measureChecks,
    });
  }
  if (checks.length === 0) return NO_RECONCILIATION;
  return { state: checks.every((c) => c.measures.every((m) => m.ok)) ? 'ok' : 'mismatch', checks };
}

/** The check of the grand total (the last total line), else of the only line checked. */
export function grandCheck(r: Reconciliation): TotalCheck | null {
  return r.checks.filter((c) => c.kind === 'total').at(-1) ?? (r.checks.length === 1 ? r.checks[0]! : null);
}

/** Every measure that did not agree, with the line it was checked on. */
export function failedChecks(r: Reconciliation): { check: TotalCheck; measure: MeasureCheck }[] {
  return r.checks.flatMap((check) => check.measures.filter((m) => !m.ok).map((measure) => ({ check, measure })));
}

/** One short line per disagreeing figure, for the table list and the message after loading. */
export function describeMismatches(r: Reconciliation, format: (n: number) => string): string[] {
  return failedChecks(r).map(({ check, measure }) => `${measure.measure}, ${check.label} (${check.line}): ${format(measure.file)} ≠ ${format(measure.units)}`);
}
