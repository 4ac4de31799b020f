/** Sentences for views by field (models) or subject (reception): the last year's total and
 *  its largest and smallest field, with their shares (ties named together). */
import type { Labels } from '../../sql/analysis';
import { extremes, numberOf, sumOf, textOf, yearsOf, type Row } from '../rows';
import { amount, measureUnit, names, num, pct, say, sentence, shareOf, type Lang, type Sentence } from '../sentence';
import { isReception, receptionPhrase } from './reception';

export function categorySentences(rows: Row[], L: Labels, category: string, measures: string[], lang: Lang, sql?: string): Sentence[] {
  const year = yearsOf(rows, L.year).at(-1);
  const measure = measures[0];
  if (year === undefined || !measure) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const last = rows.filter((r) => numberOf(r[L.year]) === year);
  const unit = measureUnit(measure, lang);
  const totals = measures.map((m) => ({ label: m, value: sumOf(last, m) }));
  const total = totals[0]!.value;
  const out = [
    isReception(measures)
      ? sentence(say(lang, 'sentence.reception', { year, parts: receptionPhrase(totals, lang) }), totals.map((t) => ({ label: `${t.label} ${year}`, value: t.value })), sql)
      : sentence(unit ? say(lang, 'sentence.has', { year, value: amount(total, unit, lang, 'noun') }) : say(lang, 'sentence.figure', { label: measure, year, value: num(total, lang) }), [{ label: `${measure} ${year}`, value: total }], sql),
  ];
  const say1 = (key: 'sentence.category' | 'sentence.categoryLeast', e: NonNullable<ReturnType<typeof extremes>>) =>
    sentence(say(lang, key, { year, names: names(e.rows.map((r) => textOf(r[category])), lang), value: amount(e.value, unit, lang), pct: pct(shareOf(e.value, total) ?? 0, lang) }), e.rows.map((r) => ({ label: textOf(r[category]), value: e.value })), sql);
  const max = extremes(last, measure, 'max');
  const min = extremes(last, measure, 'min');
  if (max && total > 0) out.push(say1('sentence.category', max));
  if (min && max && min.value !== max.value) out.push(say1('sentence.categoryLeast', min));
  return out;
}
