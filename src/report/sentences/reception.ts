/** The reception totals in a report's words: `tiếp 1.053 lượt/1.345 người, 9 đoàn đông
 *  người/149 người`, from whichever of the usual measures the rows have; any other measure
 *  by its name. */
import { wordsKey } from '../../domain/text-key';
import { num, say, type Lang } from '../sentence';

export type Total = { label: string; value: number };

const find = (totals: Total[], test: RegExp) => totals.find((t) => test.test(wordsKey(t.label)));

export function receptionPhrase(totals: Total[], lang: Lang): string {
  const used = new Set<Total>();
  const take = (test: RegExp) => {
    const t = find(totals.filter((x) => !used.has(x)), test);
    if (t) used.add(t);
    return t;
  };
  const parts: string[] = [];
  const turns = take(/luot/);
  const delegations = take(/^(so )?doan/);
  const inDelegations = take(/nguoi trong doan/);
  const people = take(/nguoi/);
  const resolved = take(/giai quyet/);
  const petitions = take(/don thu/);
  if (turns) parts.push(people ? say(lang, 'sentence.rec.turns', { turns: num(turns.value, lang), people: num(people.value, lang) }) : say(lang, 'sentence.rec.turnsOnly', { turns: num(turns.value, lang) }));
  else if (people) used.delete(people);
  if (delegations) parts.push(say(lang, 'sentence.rec.delegations', { n: num(delegations.value, lang), people: num(inDelegations?.value ?? 0, lang) }));
  else if (inDelegations) used.delete(inDelegations);
  if (petitions && resolved) parts.push(say(lang, 'sentence.rec.petitions', { n: num(petitions.value, lang), done: num(resolved.value, lang) }));
  else {
    if (petitions) used.delete(petitions);
    if (resolved) used.delete(resolved);
  }
  for (const t of totals) if (!used.has(t)) parts.push(say(lang, 'sentence.rec.other', { label: t.label, value: num(t.value, lang) }));
  return parts.join(', ');
}

/** Whether the measures are reception's (turns, people, delegations): then the totals are
 *  said in the report's words rather than as "{n} units in all". */
export const isReception = (measures: string[]) => measures.some((m) => /luot/.test(wordsKey(m)));
