/** The latest result each dashboard block drew (its rows, and the chart drawn from them), by
 *  block id. The Word and PowerPoint exports read it so that they state and draw exactly what
 *  the page showed, without running any query again. */
import type { Table } from 'apache-arrow';
import type { ChartSpec } from '../charts/chart-spec';
import type { KpiFigures } from '../analyses/kpi';

export interface BlockResult {
  table: Table;
  /** The chart drawn, or null when the block shows the rows as a table. */
  spec: ChartSpec | null;
  /** The table the block's analysis ran on (for the note on sources), when known. */
  source?: string;
  /** KPI blocks: the figures shown. */
  kpi?: KpiFigures;
}

const results = new Map<string, BlockResult>();

export function recordResult(blockId: string, result: BlockResult): void {
  results.set(blockId, result);
}

/** A block no longer drawn lets its rows go. */
export function forgetResult(blockId: string): void {
  results.delete(blockId);
}

export const resultOf = (blockId: string): BlockResult | undefined => results.get(blockId);
