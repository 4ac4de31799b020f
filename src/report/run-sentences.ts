/** Sentences straight from the engine: runs a block's query (and, for comparisons, who
 *  reported in the two years) through the query layer, then applies the rules. For the
 *  insight block, and for an exporter that has no rows at hand. Sentences come after the
 *  figures: their queries run when no view waits (`idle`). */
import { plainRows } from '../results/columns';
import { buildAnalysis, type AnalysisOptions, type AnalysisView } from '../analyses/catalogue';
import { buildKpi, buildKpiCoverage, kpiCoverage, kpiFigures } from '../analyses/kpi';
import type { Coverage } from './sentences/coverage';
import { analysisLabels } from '../analyses/labels';
import type { Block } from '../dashboards/dashboard';
import type { SemanticModel } from '../domain/semantic-model';
import type { QueryLayer } from '../query/query-layer';
import { inlineParams, type BuiltQuery, type Filters } from '../sql/analysis';
import { blockSentences } from './block-sentences';
import { labelsOf, yearsOf, type Row } from './rows';
import type { Lang, Sentence } from './sentence';

/** Views whose sentences compare the last year with the year before. */
const COMPARING: AnalysisView[] = ['byUnit', 'rank', 'change', 'distribution', 'distributionPct', 'levelChange', 'sameTimeLastYear'];

const rowsOf = async (queries: QueryLayer, q: BuiltQuery, signal?: AbortSignal): Promise<Row[]> =>
  plainRows(await queries.view(q, signal, 'idle')) as Row[];

export const sqlText = (q: BuiltQuery) => inlineParams(q.sql, q.params);

/** Who reported in the rows' last year and the year before (undefined: not a comparing view,
 *  or no unit column to tell). */
export async function coverageFor(o: AnalysisOptions, rows: Row[], model: SemanticModel, queries: QueryLayer, lang: Lang, signal?: AbortSignal): Promise<Coverage | null | undefined> {
  if (o.kind === 'custom' || !COMPARING.includes(o.view)) return undefined;
  const year = yearsOf(rows, labelsOf(rows, lang).year).at(-1);
  if (year === undefined) return undefined;
  const q = buildKpiCoverage(o, model, { year, previousYear: year - 1 });
  if (!q) return undefined;
  return { ...kpiCoverage(await queries.view(q, signal, 'idle'), { year, previousYear: year - 1, samePeriods: null }), sql: sqlText(q) };
}

/** A KPI or analysis block's sentences under the filters it follows on its page. */
export async function blockSentencesLive(block: Block, filters: Filters, model: SemanticModel, queries: QueryLayer, lang: Lang, signal?: AbortSignal): Promise<Sentence[]> {
  if (!block.analysis || (block.kind !== 'kpi' && block.kind !== 'analysis')) return [];
  const o = { ...block.analysis, filters };
  const L = analysisLabels(lang);
  if (block.kind === 'kpi') {
    const built = buildKpi(o, model, L);
    const rows = await rowsOf(queries, built.query, signal);
    const f = kpiFigures(rows, o, L, built.period);
    const q = f ? buildKpiCoverage(o, model, f) : null;
    const coverage = q && f ? { ...kpiCoverage(await queries.view(q, signal, 'idle'), f), sql: sqlText(q) } : null;
    return blockSentences(block, rows, lang, { coverage, period: built.period, sql: sqlText(built.query) });
  }
  const built = buildAnalysis(o, model, L);
  const rows = await rowsOf(queries, built.query, signal);
  const coverage = await coverageFor(o, rows, model, queries, lang, signal);
  return blockSentences(block, rows, lang, { coverage, sql: sqlText(built.query) });
}
