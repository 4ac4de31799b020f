/** Sentences for views with one row per unit and year (models by unit, rank, share, change,
 *  units without models; reception by unit and top units): the last year's total and how
 *  many units it covers, the leaders and the laggards (ties named as ties), and the change
 *  against the year before over the units of both years only. */
import type { Labels } from '../../sql/analysis';
import { extremes, numberOf, sumOf, textOf, yearsOf, type Row } from '../rows';
import { amount, changePhrase, measureUnit, names, num, pct, say, sentence, shareOf, type Lang, type Sentence } from '../sentence';
import { coverageSentences, type Coverage } from './coverage';
import { isReception, receptionPhrase } from './reception';

const unitsOf = (rows: Row[], L: Labels) => rows.map((r) => textOf(r[L.unit]));

function leaders(rows: Row[], L: Labels, measure: string, lang: Lang, sql?: string, lowest = true): Sentence[] {
  const unit = measureUnit(measure, lang);
  const out: Sentence[] = [];
  const max = extremes(rows, measure, 'max');
  if (!max || max.value <= 0) return out;
  const top = unitsOf(max.rows, L);
  out.push(sentence(say(lang, top.length > 1 ? 'sentence.leaderTie' : 'sentence.leader', { names: names(top, lang), value: amount(max.value, unit, lang) }), top.map((u) => ({ label: u, value: max.value })), sql));
  if (!lowest) return out;
  const zero = rows.filter((r) => numberOf(r[measure]) === 0);
  if (zero.length > 0) {
    out.push(sentence(say(lang, 'sentence.zeroUnits', { n: num(zero.length, lang), noun: unit?.noun ?? measure, names: names(unitsOf(zero, L), lang) }), zero.map((r) => ({ label: textOf(r[L.unit]), value: 0 })), sql));
    return out;
  }
  const min = extremes(rows, measure, 'min');
  if (min && min.value !== max.value) {
    const low = unitsOf(min.rows, L);
    out.push(sentence(say(lang, low.length > 1 ? 'sentence.lowestTie' : 'sentence.lowest', { names: names(low, lang), value: amount(min.value, unit, lang) }), low.map((u) => ({ label: u, value: min.value })), sql));
  }
  return out;
}

/** The total of the last year (and its units), said the report's way. */
function totalSentence(rows: Row[], L: Labels, measures: string[], year: number, lang: Lang, sql?: string): Sentence {
  const totals = measures.map((m) => ({ label: m, value: sumOf(rows, m) }));
  const figures = totals.map((t) => ({ label: `${t.label} ${year}`, value: t.value }));
  if (isReception(measures)) return sentence(say(lang, 'sentence.reception', { year, parts: receptionPhrase(totals, lang) }), figures, sql);
  const unit = measureUnit(measures[0]!, lang);
  const value = unit ? amount(totals[0]!.value, unit, lang, 'noun') : `${measures[0]} ${num(totals[0]!.value, lang)}`;
  return sentence(say(lang, 'sentence.unitsTotal', { year, n: num(rows.length, lang), value }), [{ label: `${L.count} ${year}`, value: rows.length }, ...figures], sql);
}

/** The change of the total against the year before, over the units of both years; the units
 *  of one year only are named apart, never counted as a rise or a fall. */
function changeSentences(rows: Row[], L: Labels, measure: string, year: number, lang: Lang, sql?: string): Sentence[] {
  const prev = year - 1;
  const now = rows.filter((r) => numberOf(r[L.year]) === year);
  const before = rows.filter((r) => numberOf(r[L.year]) === prev);
  if (before.length === 0) return [sentence(say(lang, 'sentence.noPrevious', { year: prev }), [], sql)];
  const unit = measureUnit(measure, lang);
  const a = new Map(before.map((r) => [textOf(r[L.unit]), numberOf(r[measure]) ?? 0]));
  const b = new Map(now.map((r) => [textOf(r[L.unit]), numberOf(r[measure]) ?? 0]));
  const both = [...b.keys()].filter((u) => a.has(u));
  const gone = [...a.keys()].filter((u) => !b.has(u));
  const added = [...b.keys()].filter((u) => !a.has(u));
  const v = both.reduce((s, u) => s + b.get(u)!, 0);
  const p = both.reduce((s, u) => s + a.get(u)!, 0);
  const change = changePhrase(v - p, p, shareOf(v - p, p), unit, say(lang, 'sentence.yearOf', { year: prev }), lang);
  const figures = [
    { label: `${measure} ${year}`, value: v },
    { label: `${measure} ${prev}`, value: p },
    { label: say(lang, 'sentence.fig.change'), value: v - p },
  ];
  if (gone.length === 0 && added.length === 0) {
    const opening = unit ? say(lang, 'sentence.has', { year, value: amount(v, unit, lang, 'noun') }) : say(lang, 'sentence.figure', { label: measure, year, value: num(v, lang) });
    return [sentence(`${opening}, ${change}`, figures, sql)];
  }
  const out = [sentence(say(lang, 'sentence.unitsBoth', { n: num(both.length, lang), prev, year, value: amount(v, unit, lang), change }), [{ label: say(lang, 'sentence.fig.units'), value: both.length }, ...figures], sql)];
  if (gone.length > 0) out.push(sentence(say(lang, 'sentence.unitsGone', { n: num(gone.length, lang), prev, year, names: names(gone, lang) }), gone.map((u) => ({ label: String(prev), value: u })), sql));
  if (added.length > 0) out.push(sentence(say(lang, 'sentence.unitsNew', { n: num(added.length, lang), prev, year, names: names(added, lang) }), added.map((u) => ({ label: String(year), value: u })), sql));
  return out;
}

/** Unit × year views: total, leaders and laggards of the last year, change over both years.
 *  `top`: the rows are only the first N units, so there is no total and no laggard. */
export function byUnitSentences(rows: Row[], L: Labels, measures: string[], lang: Lang, opts: { sql?: string; top?: boolean; coverage?: Coverage | null } = {}): Sentence[] {
  const { sql } = opts;
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined || measures.length === 0) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const last = rows.filter((r) => numberOf(r[L.year]) === year);
  if (opts.top) return leaders(last, L, measures[0]!, lang, sql, false);
  const opening = [totalSentence(last, L, measures, year, lang, sql), ...leaders(last, L, measures[0]!, lang, sql)];
  // Known coverage (units and periods) decides; without it, the units of the rows do.
  if (opts.coverage?.likeForLike) return [...opening, ...coverageSentences(opts.coverage, year, null, measureUnit(measures[0]!, lang), say(lang, 'sentence.yearOf', { year: year - 1 }), lang, sql)];
  return [...opening, ...changeSentences(rows, L, measures[0]!, year, lang, sql)];
}

/** The share view: who has the largest share of the province's total. */
export function shareSentences(rows: Row[], L: Labels, measure: string, lang: Lang, sql?: string): Sentence[] {
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const last = rows.filter((r) => numberOf(r[L.year]) === year);
  const max = extremes(last, L.share, 'max');
  const out = [totalSentence(last, L, [measure], year, lang, sql)];
  if (max) out.push(sentence(say(lang, 'sentence.shareLeader', { year, names: names(unitsOf(max.rows, L), lang), pct: pct(max.value, lang) }), max.rows.map((r) => ({ label: textOf(r[L.unit]), value: max.value })), sql));
  return out;
}

/** The change view: units up, down and unchanged, the largest rise and fall, and the total
 *  over the units of both years (or, given the coverage, the like-for-like caveat). */
export function unitChangeSentences(rows: Row[], L: Labels, measure: string, lang: Lang, coverage: Coverage | null | undefined, sql?: string): Sentence[] {
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const unit = measureUnit(measure, lang);
  const last = rows.filter((r) => numberOf(r[L.year]) === year);
  const compared = last.filter((r) => numberOf(r[L.change]) !== null);
  if (compared.length === 0) return [totalSentence(last, L, [measure], year, lang, sql), sentence(say(lang, 'sentence.noPrevious', { year: year - 1 }), [], sql)];
  const count = (test: (c: number) => boolean) => compared.filter((r) => test(numberOf(r[L.change])!)).length;
  const up = count((c) => c > 0);
  const down = count((c) => c < 0);
  const same = count((c) => c === 0);
  const out = [sentence(say(lang, 'sentence.unitChanges', { prev: year - 1, up: num(up, lang), down: num(down, lang), same: num(same, lang) }), [
    { label: say(lang, 'sentence.fig.up'), value: up },
    { label: say(lang, 'sentence.fig.down'), value: down },
    { label: say(lang, 'sentence.fig.same'), value: same },
  ], sql)];
  const rise = extremes(compared, L.change, 'max');
  if (rise && rise.value > 0) out.push(sentence(say(lang, 'sentence.biggestRise', { names: names(unitsOf(rise.rows, L), lang), n: amount(rise.value, unit, lang) }), rise.rows.map((r) => ({ label: textOf(r[L.unit]), value: rise.value })), sql));
  const fall = extremes(compared, L.change, 'min');
  if (fall && fall.value < 0) out.push(sentence(say(lang, 'sentence.biggestFall', { names: names(unitsOf(fall.rows, L), lang), n: amount(-fall.value, unit, lang) }), fall.rows.map((r) => ({ label: textOf(r[L.unit]), value: fall.value })), sql));
  if (coverage?.likeForLike) return [...out, ...coverageSentences(coverage, year, null, unit, say(lang, 'sentence.yearOf', { year: year - 1 }), lang, sql)];
  // The total over the units compared (the query's own previous-year figures), then the units
  // of one year only, by name.
  const v = sumOf(compared, measure);
  const p = sumOf(compared, L.previous);
  const change = changePhrase(v - p, p, shareOf(v - p, p), unit, say(lang, 'sentence.yearOf', { year: year - 1 }), lang);
  const added = unitsOf(last.filter((r) => numberOf(r[L.change]) === null), L);
  const shown = new Set(unitsOf(last, L));
  const gone = unitsOf(rows.filter((r) => numberOf(r[L.year]) === year - 1), L).filter((u) => !shown.has(u));
  out.push(sentence(say(lang, 'sentence.unitsBoth', { n: num(compared.length, lang), prev: year - 1, year, value: amount(v, unit, lang), change }), [
    { label: say(lang, 'sentence.fig.units'), value: compared.length },
    { label: `${measure} ${year}`, value: v },
    { label: `${measure} ${year - 1}`, value: p },
    { label: say(lang, 'sentence.fig.change'), value: v - p },
  ], sql));
  if (gone.length > 0) out.push(sentence(say(lang, 'sentence.unitsGone', { n: num(gone.length, lang), prev: year - 1, year, names: names(gone, lang) }), gone.map((u) => ({ label: String(year - 1), value: u })), sql));
  if (added.length > 0) out.push(sentence(say(lang, 'sentence.unitsNew', { n: num(added.length, lang), prev: year - 1, year, names: names(added, lang) }), added.map((u) => ({ label: String(year), value: u })), sql));
  return out;
}

/** Units without any (models) in the last year the rows have. */
export function missingSentences(rows: Row[], L: Labels, measure: string, lang: Lang, sql?: string): Sentence[] {
  const noun = measureUnit(measure, lang)?.noun ?? measure;
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.noneMissing', { noun }), [], sql)];
  const units = unitsOf(rows.filter((r) => numberOf(r[L.year]) === year), L);
  return [sentence(say(lang, 'sentence.missing', { year, n: num(units.length, lang), noun, names: names(units, lang, 15) }), [{ label: `${L.count} ${year}`, value: units.length }, ...units.map((u) => ({ label: L.unit, value: u }))], sql)];
}
