/** Sentences for views by period (reception by quarter, and against the same period of the
 *  year before): the last year's total, its highest quarter, each quarter's change, with the
 *  like-for-like caveat when the reporting units differ. */
import type { Labels } from '../../sql/analysis';
import { extremes, numberOf, sumOf, textOf, yearsOf, type Row } from '../rows';
import { amount, changePhrase, measureUnit, names, say, sentence, type Lang, type Sentence } from '../sentence';
import { coverageSentences, type Coverage } from './coverage';
import { highLow } from './kpi';
import { isReception, receptionPhrase } from './reception';

const periodName = (label: string, v: unknown) => `${label} ${textOf(v)}`;

function total(rows: Row[], measures: string[], year: number, lang: Lang, sql?: string): Sentence {
  const totals = measures.map((m) => ({ label: m, value: sumOf(rows, m) }));
  const figures = totals.map((t) => ({ label: `${t.label} ${year}`, value: t.value }));
  if (isReception(measures)) return sentence(say(lang, 'sentence.reception', { year, parts: receptionPhrase(totals, lang) }), figures, sql);
  const unit = measureUnit(measures[0]!, lang);
  return sentence(unit ? say(lang, 'sentence.has', { year, value: amount(totals[0]!.value, unit, lang, 'noun') }) : say(lang, 'sentence.figure', { label: measures[0]!, year, value: String(totals[0]!.value) }), figures, sql);
}

export function byPeriodSentences(rows: Row[], L: Labels, period: string | null, measures: string[], lang: Lang, sql?: string): Sentence[] {
  const ys = yearsOf(rows, L.year);
  const year = ys.at(-1);
  const measure = measures[0];
  if (year === undefined || !measure) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const unit = measureUnit(measure, lang);
  const last = rows.filter((r) => numberOf(r[L.year]) === year);
  const out = [total(last, measures, year, lang, sql)];
  if (period && period in (last[0] ?? {})) {
    const max = extremes(last, measure, 'max');
    if (max && last.length > 1) {
      const list = max.rows.map((r) => periodName(period, r[period]));
      out.push(sentence(say(lang, list.length > 1 ? 'sentence.periodHighTie' : 'sentence.periodHigh', { year, period: list[0]!, periods: names(list, lang), value: amount(max.value, unit, lang) }), list.map((p) => ({ label: p, value: max.value })), sql));
    }
  } else {
    const series = ys.map((y) => ({ year: y, value: sumOf(rows.filter((r) => numberOf(r[L.year]) === y), measure) }));
    const h = highLow(series, unit, lang, sql);
    if (h) out.push(h);
  }
  return out;
}

/** Each period of the last year against the same period of the year before (the query's
 *  own columns); not like for like: the figures, the reason, and the like-for-like total. */
export function sameTimeSentences(rows: Row[], L: Labels, period: string | null, measure: string, lang: Lang, coverage: Coverage | null | undefined, sql?: string): Sentence[] {
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const unit = measureUnit(measure, lang);
  const last = rows.filter((r) => numberOf(r[L.year]) === year);
  const against = say(lang, period ? 'sentence.samePeriodOf' : 'sentence.yearOf', { year: year - 1 });
  const bare = !!coverage?.likeForLike;
  const out = last.map((r) => {
    const name = period ? periodName(period, r[period]) : '';
    const v = numberOf(r[measure]) ?? 0;
    const prev = numberOf(r[L.previous]);
    const change = numberOf(r[L.change]);
    const figures = [{ label: `${name} ${year}`.trim(), value: v }, { label: `${name} ${year - 1}`.trim(), value: prev }];
    const value = amount(v, unit, lang);
    if (!period) {
      const opening = unit ? say(lang, 'sentence.has', { year, value: amount(v, unit, lang, 'noun') }) : say(lang, 'sentence.figure', { label: measure, year, value });
      if (prev === null || change === null) return sentence(opening, figures, sql);
      return sentence(bare ? opening : `${opening}, ${changePhrase(change, prev, numberOf(r[L.changePct]), unit, against, lang)}`, figures, sql);
    }
    if (prev === null || change === null) return sentence(say(lang, 'sentence.periodFirst', { period: name, year, value, prev: year - 1 }), figures, sql);
    if (bare) return sentence(say(lang, 'sentence.figure', { label: name, year, value }), figures, sql);
    return sentence(say(lang, 'sentence.periodChange', { period: name, year, value, change: changePhrase(change, prev, numberOf(r[L.changePct]), unit, against, lang) }), figures, sql);
  });
  return [...out, ...coverageSentences(coverage, year, period, unit, against, lang, sql)];
}
