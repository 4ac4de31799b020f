/** The one entry point the Word/PowerPoint exporter (and the dashboard) calls: the sentences
 *  for a dashboard block, from the rows its query gave. */
import { LEVELS } from '../domain/classification';
import { kpiCoverage, kpiFigures } from '../analyses/kpi';
import type { Coverage } from './sentences/coverage';
import type { Block } from '../dashboards/dashboard';
import { analysisSentences } from './analysis-sentences';
import { labelsOf, yearsOf, type Row } from './rows';
import type { Lang, Sentence } from './sentence';
import { kpiSentences } from './sentences/kpi';

export type { Sentence } from './sentence';

export interface BlockSentenceContext {
  /** KPI and change views: who reported in the two years compared, as `kpiCoverage` gives it
   *  (analyses/kpi.ts). When the units differ, the sentences give the reason and the
   *  like-for-like figure instead of a bare change. null: checked, like for like (or no unit
   *  column). Left out (and no `coverageRows`), a KPI states no change at all, since units
   *  missing cannot be ruled out; `blockSentencesLive` (run-sentences.ts) fetches it. */
  coverage?: Coverage | null;
  /** Or the rows of the coverage query (`buildKpiCoverage`), for the sentences to read. */
  coverageRows?: Row[];
  /** KPI blocks: the period column of the rows (`buildKpi(...).period`); guessed if absent. */
  period?: string | null;
  /** The SQL the rows came from, kept with each sentence. */
  sql?: string;
  /** Insight ("Nhận định") blocks: the blocks they speak for, with their rows. */
  sources?: { block: Block; rows: Row[]; context?: BlockSentenceContext }[];
}

/** Sentences for a block: KPI, analysis, or an insight block's sources; none for notes,
 *  SQL results and filters (their figures have no known meaning). */
export function blockSentences(block: Block, rows: Record<string, unknown>[], lang: 'vi' | 'en', context?: BlockSentenceContext): Sentence[] {
  const c = context ?? {};
  if (block.kind === 'insight') return (c.sources ?? []).flatMap((s) => blockSentences(s.block, s.rows, lang, s.context));
  if (!block.analysis) return [];
  if (block.kind === 'analysis') {
    const L = labelsOf(rows, lang);
    const year = yearsOf(rows, L.year).at(-1);
    const coverage = c.coverage !== undefined || !c.coverageRows || year === undefined ? c.coverage : kpiCoverage(c.coverageRows, { year, previousYear: year - 1, samePeriods: null });
    return analysisSentences(block.analysis, rows, lang, { coverage, sql: c.sql });
  }
  if (block.kind !== 'kpi') return [];
  const o = block.analysis;
  const L = labelsOf(rows, lang);
  const classification = o.kind === 'classification';
  // The KPI's rows are year, [period], measure: a second text column is the period.
  const period = c.period !== undefined ? c.period : classification ? null : (Object.keys(rows[0] ?? {}).find((k) => k !== L.year && typeof rows[0]![k] === 'string') ?? null);
  const f = kpiFigures(rows, o, L, period);
  if (!f) return [];
  // Unknown coverage (neither given): the KPI states no change (see kpiSentences).
  const coverage = c.coverage !== undefined ? c.coverage : c.coverageRows ? kpiCoverage(c.coverageRows, f) : undefined;
  return kpiSentences(classification ? { ...f, label: LEVELS[0]!.name } : f, coverage, lang, { classification, sql: c.sql });
}
