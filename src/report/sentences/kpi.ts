/** Sentences for a KPI: the figure of the last year with its unit, its change against the
 *  year before (or the same quarters of it), the like-for-like caveat, and the highest and
 *  lowest years when there are three or more (no trend word from two points).
 *  `coverage`: null when the two years are like for like (or there is no unit to tell),
 *  undefined when unknown (then no change is stated). */
import type { KpiFigures } from '../../analyses/kpi';
import { amount, changePhrase, measureUnit, num, say, sentence, UNIT_OF_UNITS, years, type Lang, type Sentence } from '../sentence';
import { coverageSentences, type Coverage } from './coverage';

export function kpiSentences(f: KpiFigures, coverage: Coverage | null | undefined, lang: Lang, options: { classification?: boolean; sql?: string } = {}): Sentence[] {
  const { sql } = options;
  const unit = options.classification ? UNIT_OF_UNITS[lang] : measureUnit(f.label, lang);
  const periods = f.samePeriods ? periodsText(f.periodLabel, f.samePeriods) : null;
  const value = amount(f.value, unit, lang, 'noun');
  const opening = options.classification
    ? say(lang, 'sentence.levelCount', { year: f.year, n: num(f.value, lang), level: f.label })
    : !unit
      ? say(lang, 'sentence.figure', { label: f.label, year: f.year, value: num(f.value, lang) })
      : periods
        ? say(lang, 'sentence.hasPeriods', { periods, year: f.year, value })
        : say(lang, 'sentence.has', { year: f.year, value });
  const figures = [{ label: `${f.label} ${f.year}`, value: f.value }];
  const against = f.previousYear === null ? '' : say(lang, f.samePeriods ? 'sentence.samePeriodOf' : 'sentence.yearOf', { year: f.previousYear });
  const out: Sentence[] = [];
  if (f.previousYear === null || f.previous === null || f.change === null) {
    out.push(sentence(opening, figures, sql), sentence(say(lang, 'sentence.noPrevious', { year: f.year - 1 }), [], sql));
  } else if (coverage === undefined) {
    // Who reported is unknown: a change could be units missing, so none is stated.
    out.push(sentence(opening, figures, sql));
  } else if (coverage?.likeForLike) {
    // Units (or quarters) missing in one year: the bare change would mislead, so it is not said.
    out.push(sentence(opening, figures, sql), ...coverageSentences(coverage, f.year, f.periodLabel, unit, against, lang, sql));
  } else {
    out.push(
      sentence(`${opening}, ${changePhrase(f.change, f.previous, f.changePct, unit, against, lang)}`, [
        ...figures,
        { label: `${f.label} ${f.previousYear}`, value: f.previous },
        { label: say(lang, 'sentence.fig.change'), value: f.change },
        { label: say(lang, 'sentence.fig.changePct'), value: f.changePct },
      ], sql),
    );
  }
  // A year under way, or one whose reporting units changed, is not ranked among whole years.
  const high = highLow(f.series, unit, lang, sql, !!f.samePeriods || coverage === undefined || !!coverage?.likeForLike);
  if (high) out.push(high);
  return out;
}

/** `Quý 1–2`, `Quý 1, 3`. */
export function periodsText(label: string | null, p: number[]): string {
  const run = p.length > 1 && p.every((v, i) => i === 0 || v === p[i - 1]! + 1);
  return `${label ?? ''} ${run ? `${p[0]}–${p.at(-1)}` : p.join(', ')}`.trim();
}

/** Highest and lowest year of a series of three or more years (ties named together). The
 *  last year is left out when it is not like the others (under way, or other units). */
export function highLow(series: { year: number; value: number }[], unit: ReturnType<typeof measureUnit>, lang: Lang, sql?: string, partialLast = false): Sentence | null {
  const s = partialLast ? series.slice(0, -1) : series;
  if (s.length < 3) return null;
  const from = s[0]!.year;
  const to = s.at(-1)!.year;
  const max = Math.max(...s.map((p) => p.value));
  const min = Math.min(...s.map((p) => p.value));
  const figures = s.map((p) => ({ label: String(p.year), value: p.value }));
  if (max === min) return sentence(say(lang, 'sentence.allEqual', { from, to, value: amount(max, unit, lang) }), figures, sql);
  const at = (v: number) => years(s.filter((p) => p.value === v).map((p) => p.year), lang);
  return sentence(say(lang, 'sentence.highLow', { from, to, high: at(max), highValue: amount(max, unit, lang), low: at(min), lowValue: amount(min, unit, lang) }), figures, sql);
}
