/** Sentences for level transitions between two years: how many units moved up, down or
 *  kept their level, which ones, and how many cannot be compared (no rating in one year). */
import { LEVELS } from '../../domain/classification';
import type { Labels } from '../../sql/analysis';
import { numberOf, textOf, type Row } from '../rows';
import { names, num, say, sentence, type Lang, type Sentence } from '../sentence';

type Moves = { up: string[]; down: string[]; same: string[]; notComparable: number };

function sentencesOf(m: Moves, from: number, to: number, lang: Lang, sql?: string, withNames = true): Sentence[] {
  const counts = { up: m.up.length, down: m.down.length, same: m.same.length };
  const out = [
    sentence(say(lang, 'sentence.transitions', { from, to, up: num(counts.up, lang), down: num(counts.down, lang), same: num(counts.same, lang) }), [
      { label: say(lang, 'sentence.fig.up'), value: counts.up },
      { label: say(lang, 'sentence.fig.down'), value: counts.down },
      { label: say(lang, 'sentence.fig.same'), value: counts.same },
    ], sql),
  ];
  if (withNames && m.up.length > 0) out.push(sentence(say(lang, 'sentence.movedUp', { names: names(m.up, lang, 8) }), m.up.map((u) => ({ label: say(lang, 'sentence.fig.up'), value: u })), sql));
  if (withNames && m.down.length > 0) out.push(sentence(say(lang, 'sentence.movedDown', { names: names(m.down, lang, 8) }), m.down.map((u) => ({ label: say(lang, 'sentence.fig.down'), value: u })), sql));
  if (m.notComparable > 0) out.push(sentence(say(lang, 'sentence.notComparable', { n: num(m.notComparable, lang) }), [{ label: say(lang, 'sentence.fig.notComparable'), value: m.notComparable }], sql));
  return out;
}

/** One row per unit, with its movement (the query's own words, in its labels). */
export function transitionSentences(rows: Row[], L: Labels, from: number, to: number, lang: Lang, sql?: string): Sentence[] {
  const m: Moves = { up: [], down: [], same: [], notComparable: 0 };
  for (const r of rows) {
    const move = textOf(r[L.movement]);
    const unit = textOf(r[L.unit]);
    if (move === L.up) m.up.push(unit);
    else if (move === L.down) m.down.push(unit);
    else if (move === L.same) m.same.push(unit);
    else m.notComparable++;
  }
  return sentencesOf(m, from, to, lang, sql);
}

/** Counts per pair of levels (the matrix): the same counts, without names. */
export function matrixSentences(rows: Row[], L: Labels, from: number, to: number, lang: Lang, sql?: string): Sentence[] {
  const rank = (v: unknown) => LEVELS.find((l) => l.name === textOf(v))?.rank ?? null;
  const m = { up: [] as string[], down: [] as string[], same: [] as string[], notComparable: 0 };
  for (const r of rows) {
    const a = rank(r[`${L.level} ${from}`]);
    const b = rank(r[`${L.level} ${to}`]);
    const n = numberOf(r[L.count]) ?? 0;
    const bucket = a === null || b === null ? null : b < a ? m.up : b > a ? m.down : m.same;
    if (bucket) for (let i = 0; i < n; i++) bucket.push('');
    else m.notComparable += n;
  }
  return sentencesOf(m, from, to, lang, sql, false);
}
