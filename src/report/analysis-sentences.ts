/** Sentences for an analysis's result: the rule for its kind of view, on the rows the view
 *  shows (their column names in either language). */
import type { AnalysisOptions } from '../analyses/catalogue';
import type { Coverage } from './sentences/coverage';
import type { Labels } from '../sql/analysis';
import { labelsOf, numericColumns, textDimension, yearsOf, type Row } from './rows';
import { num, say, sentence, type Lang, type Sentence } from './sentence';
import { belowSentences, distributionSentences, levelChangeSentences, scoreSentences } from './sentences/classification';
import { categorySentences } from './sentences/categories';
import { byPeriodSentences, sameTimeSentences } from './sentences/periods';
import { matrixSentences, transitionSentences } from './sentences/transitions';
import { byUnitSentences, missingSentences, shareSentences, unitChangeSentences } from './sentences/units';

export interface AnalysisSentenceContext {
  /** Who reported in the last year and the year before (analyses/kpi.ts `kpiCoverage`), for
   *  the change views: when they differ, the bare change is not stated. */
  coverage?: Coverage | null;
  /** The SQL the rows came from, kept with each sentence. */
  sql?: string;
}

/** Column names that are the analyses' own (not a measure, period or category). */
const own = (L: Labels) => [L.year, L.unit, L.unitType, L.level, L.previous, L.change, L.changePct, L.share, L.rank, L.average, L.vsAverage, L.total, L.movement];

export function analysisSentences(o: AnalysisOptions, rows: Row[], lang: Lang, context: AnalysisSentenceContext = {}): Sentence[] {
  const { sql, coverage } = context;
  const L = labelsOf(rows, lang);
  const dimension = textDimension(rows, own(L));
  const measures = numericColumns(rows, [...own(L), dimension]);
  const m = measures[0];
  const empty = () => [sentence(say(lang, 'sentence.empty'), [], sql)];
  switch (o.kind) {
    case 'models':
      if (o.view === 'missing') return missingSentences(rows, L, m ?? dimension ?? '', lang, sql);
      if (!m) return empty();
      if (o.view === 'change') return unitChangeSentences(rows, L, m, lang, coverage, sql);
      if (o.view === 'byField') return dimension ? categorySentences(rows, L, dimension, [m], lang, sql) : empty();
      if (o.view === 'share') return shareSentences(rows, L, m, lang, sql);
      return byUnitSentences(rows, L, [m], lang, { sql, coverage });
    case 'classification':
      switch (o.view) {
        case 'levelChange':
          return levelChangeSentences(rows, L, lang, coverage, sql);
        case 'transitions':
          return o.yearA !== null && o.yearB !== null ? transitionSentences(rows, L, o.yearA, o.yearB, lang, sql) : empty();
        case 'matrix':
          return o.yearA !== null && o.yearB !== null ? matrixSentences(rows, L, o.yearA, o.yearB, lang, sql) : empty();
        case 'score':
          return m ? scoreSentences(rows, L, m, lang, sql) : empty();
        case 'below':
          return belowSentences(rows, L, o.level, lang, sql);
        default:
          return distributionSentences(rows, L, lang, coverage, sql);
      }
    case 'reception':
      if (!m) return empty();
      switch (o.view) {
        case 'byPeriod':
          return byPeriodSentences(rows, L, dimension, measures, lang, sql);
        case 'bySubject':
          return dimension ? categorySentences(rows, L, dimension, measures, lang, sql) : empty();
        case 'sameTimeLastYear':
          return sameTimeSentences(rows, L, dimension, m, lang, coverage, sql);
        case 'top':
          return byUnitSentences(rows, L, measures, lang, { sql, top: true });
        default:
          return byUnitSentences(rows, L, measures, lang, { sql, coverage });
      }
    case 'custom': {
      if (!m) return rows.length === 0 ? empty() : [sentence(say(lang, 'sentence.rows', { n: num(rows.length, lang) }), [{ label: say(lang, 'sentence.fig.rows'), value: rows.length }], sql)];
      const keys = Object.keys(rows[0] ?? {});
      if (keys.includes(L.unit) && keys.includes(L.year)) return byUnitSentences(rows, L, [m], lang, { sql });
      if (keys.includes(L.year) && yearsOf(rows, L.year).length > 0) return byPeriodSentences(rows, L, dimension, [m], lang, sql);
      return [sentence(say(lang, 'sentence.rows', { n: num(rows.length, lang) }), [{ label: say(lang, 'sentence.fig.rows'), value: rows.length }], sql)];
    }
  }
}
