/** Sentences for the classification views: the distribution of the four levels in the last
 *  year, the top level against the year before (by share when the number of units rated
 *  differs), the change of each level, average scores, units below a level. */
import { LEVELS } from '../../domain/classification';
import type { Labels } from '../../sql/analysis';
import { numberOf, textOf, yearsOf, type Row } from '../rows';
import { amount, changePhrase, names, num, pct, say, sentence, shareOf, UNIT_OF_UNITS, type Lang, type Sentence } from '../sentence';
import { coverageSentences, type Coverage } from './coverage';

/** Units per level in one year, levels in their fixed order (unknown values after). */
function levelCounts(rows: Row[], L: Labels, year: number): { level: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (numberOf(r[L.year]) === year) counts.set(textOf(r[L.level]), (counts.get(textOf(r[L.level])) ?? 0) + (numberOf(r[L.count]) ?? 0));
  const known = LEVELS.map((l) => ({ level: l.name, n: counts.get(l.name) ?? 0 }));
  const other = [...counts].filter(([level]) => !LEVELS.some((l) => l.name === level)).map(([level, n]) => ({ level, n }));
  return [...known, ...other];
}

export function distributionSentences(rows: Row[], L: Labels, lang: Lang, coverage?: Coverage | null, sql?: string): Sentence[] {
  const ys = yearsOf(rows, L.year);
  const year = ys.at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const now = levelCounts(rows, L, year);
  const total = now.reduce((a, l) => a + l.n, 0);
  const parts = now.filter((l) => l.n > 0).map((l) => say(lang, 'sentence.ratedPart', { n: num(l.n, lang), pct: pct(shareOf(l.n, total) ?? 0, lang), level: l.level }));
  const zero = now.filter((l) => l.n === 0 && LEVELS.some((x) => x.name === l.level)).map((l) => l.level);
  const none = zero.length === 0 ? [] : [say(lang, 'sentence.ratedNone', { level: zero.length === 1 ? zero[0]! : say(lang, 'sentence.or2', { a: zero.slice(0, -1).join(', '), b: zero.at(-1)! }) })];
  const out = [
    sentence(
      say(lang, 'sentence.rated', { year, n: num(total, lang), parts: [parts.join(', '), ...none].filter(Boolean).join('; ') }),
      [{ label: `${L.count} ${year}`, value: total }, ...now.map((l) => ({ label: l.level, value: l.n }))],
      sql,
    ),
  ];
  const prev = ys.includes(year - 1) ? year - 1 : null;
  if (prev === null) return [...out, sentence(say(lang, 'sentence.noPrevious', { year: year - 1 }), [], sql)];
  const before = levelCounts(rows, L, prev);
  const totalBefore = before.reduce((a, l) => a + l.n, 0);
  const top = LEVELS[0]!.name;
  const n = now[0]!.n;
  const b = before[0]!.n;
  if (total !== totalBefore) {
    // Other units rated (the district level ended, a unit not rated): counts are not like for like.
    out.push(
      sentence(
        say(lang, 'sentence.ratedDiffer', { year, now: num(total, lang), prev, before: num(totalBefore, lang), level: top, pctNow: pct(shareOf(n, total) ?? 0, lang), pctBefore: pct(shareOf(b, totalBefore) ?? 0, lang) }),
        [
          { label: `${L.count} ${year}`, value: total },
          { label: `${L.count} ${prev}`, value: totalBefore },
          { label: `${top} ${year} (%)`, value: shareOf(n, total) },
          { label: `${top} ${prev} (%)`, value: shareOf(b, totalBefore) },
        ],
        sql,
      ),
    );
  }
  if (coverage?.likeForLike) {
    // Other units in the two years: the top level's change only over the units of both.
    out.push(...coverageSentences(coverage, year, null, UNIT_OF_UNITS[lang], say(lang, 'sentence.yearOf', { year: prev }), lang, sql));
  } else if (total === totalBefore) {
    const unit = UNIT_OF_UNITS[lang];
    out.push(
      sentence(
        say(lang, 'sentence.levelChange', { level: top, year, n: amount(n, unit, lang), change: changePhrase(n - b, b, b === 0 ? null : Math.round((1000 * (n - b)) / b) / 10, unit, say(lang, 'sentence.yearOf', { year: prev }), lang) }),
        [
          { label: `${top} ${year}`, value: n },
          { label: `${top} ${prev}`, value: b },
        ],
        sql,
      ),
    );
  }
  return out;
}

/** The change of each level against the year before; with other units rated in the two
 *  years, only the counts and the like-for-like figure of the top level. */
export function levelChangeSentences(rows: Row[], L: Labels, lang: Lang, coverage: Coverage | null | undefined, sql?: string): Sentence[] {
  const ys = yearsOf(rows, L.year);
  const year = ys.at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const unit = UNIT_OF_UNITS[lang];
  const now = levelCounts(rows, L, year).filter((l) => LEVELS.some((x) => x.name === l.level));
  const prev = ys.includes(year - 1) ? year - 1 : null;
  const before = prev === null ? null : levelCounts(rows, L, prev);
  const against = say(lang, 'sentence.yearOf', { year: year - 1 });
  if (before === null || coverage?.likeForLike) {
    const out = now.map((l) => sentence(say(lang, 'sentence.levelChangeFirst', { level: l.level, year, n: amount(l.n, unit, lang) }), [{ label: `${l.level} ${year}`, value: l.n }], sql));
    if (before === null) return [...out, sentence(say(lang, 'sentence.noPrevious', { year: year - 1 }), [], sql)];
    return [...out, ...coverageSentences(coverage, year, null, unit, against, lang, sql)];
  }
  return now.map((l, i) => {
    const b = before[i]!.n;
    const change = changePhrase(l.n - b, b, b === 0 ? null : Math.round((1000 * (l.n - b)) / b) / 10, unit, against, lang);
    return sentence(say(lang, 'sentence.levelChange', { level: l.level, year, n: amount(l.n, unit, lang), change }), [
      { label: `${l.level} ${year}`, value: l.n },
      { label: `${l.level} ${year - 1}`, value: b },
    ], sql);
  });
}

/** Average score of the last year, by unit type when the rows have one. */
export function scoreSentences(rows: Row[], L: Labels, scoreColumn: string, lang: Lang, sql?: string): Sentence[] {
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.empty'), [], sql)];
  const last = rows.filter((r) => numberOf(r[L.year]) === year && numberOf(r[scoreColumn]) !== null);
  if (last.length === 1 || !(L.unitType in (last[0] ?? {}))) {
    const v = numberOf(last[0]?.[scoreColumn]) ?? 0;
    return [sentence(say(lang, 'sentence.scoreAll', { year, value: num(v, lang) }), [{ label: `${scoreColumn} ${year}`, value: v }], sql)];
  }
  const parts = last.map((r) => say(lang, 'sentence.scorePart', { type: textOf(r[L.unitType]) || '—', value: num(numberOf(r[scoreColumn])!, lang) }));
  return [sentence(say(lang, 'sentence.scoreParts', { year, parts: parts.join('; ') }), last.map((r) => ({ label: textOf(r[L.unitType]), value: numberOf(r[scoreColumn]) })), sql)];
}

/** Units below a level in the last year of the rows. */
export function belowSentences(rows: Row[], L: Labels, rank: number, lang: Lang, sql?: string): Sentence[] {
  const level = LEVELS[Math.min(Math.max(rank, 1), LEVELS.length) - 1]!.name;
  const year = yearsOf(rows, L.year).at(-1);
  if (year === undefined) return [sentence(say(lang, 'sentence.noneBelow', { level }), [], sql)];
  const units = rows.filter((r) => numberOf(r[L.year]) === year).map((r) => textOf(r[L.unit]));
  return [sentence(say(lang, 'sentence.below', { year, n: num(units.length, lang), level, names: names(units, lang, 8) }), [{ label: `${L.count} ${year}`, value: units.length }, ...units.map((u) => ({ label: L.unit, value: u }))], sql)];
}
