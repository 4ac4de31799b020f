/** A sentence of a report, the figures it states and where they came from; and the small
 *  pieces every sentence rule shares: the catalogue text in either language, vi-VN numbers,
 *  units of measure, lists of names. Pure: no DOM, no engine. */
import { en } from '../i18n/en';
import { vi, type MessageKey } from '../i18n/vi';
import { formatNumber } from '../format/number';
import { wordsKey } from '../domain/text-key';

export type Lang = 'vi' | 'en';

export interface Figure {
  label: string;
  value: number | string | null;
}

export interface Sentence {
  text: string;
  /** the figures it states, for linking/highlighting */
  figures: Figure[];
  /** the SQL the figures came from, when known */
  sql?: string;
}

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** The catalogue's text with its `{name}` slots filled (the language is explicit: a report
 *  may be written in another language than the interface's). */
export function say(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export const num = (n: number, lang: Lang) => formatNumber(n, lang);

/** `15,6 %` in Vietnamese reports, `15.6%` in English. */
export const pct = (n: number, lang: Lang) => (lang === 'vi' ? `${num(n, lang)} %` : `${num(n, lang)}%`);

/** Share of a part in a whole, to one decimal (null when the whole is 0). */
export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** What a measure counts: the noun for a statement ("lượt tiếp công dân") and the unit for
 *  an amount ("lượt"). Null: a measure the rules do not know (its name is said instead). */
export interface MeasureUnit {
  noun: string;
  unit: string;
  /** English for one (`1 model`); Vietnamese nouns do not change. */
  one?: { noun: string; unit: string };
}

const UNITS: { test: RegExp; vi: MeasureUnit; en: MeasureUnit }[] = [
  { test: /mo hinh/, vi: { noun: 'mô hình', unit: 'mô hình' }, en: { noun: 'models', unit: 'models', one: { noun: 'model', unit: 'model' } } },
  { test: /luot/, vi: { noun: 'lượt tiếp công dân', unit: 'lượt' }, en: { noun: 'reception turns', unit: 'turns', one: { noun: 'reception turn', unit: 'turn' } } },
  // Before "người": "Đoàn đông người" counts delegations, "Số người trong đoàn" people.
  { test: /^(so )?doan/, vi: { noun: 'đoàn đông người', unit: 'đoàn' }, en: { noun: 'large delegations', unit: 'delegations', one: { noun: 'large delegation', unit: 'delegation' } } },
  { test: /nguoi trong doan/, vi: { noun: 'người trong các đoàn đông người', unit: 'người' }, en: { noun: 'people in large delegations', unit: 'people' } },
  { test: /nguoi/, vi: { noun: 'người', unit: 'người' }, en: { noun: 'people', unit: 'people', one: { noun: 'person', unit: 'person' } } },
  { test: /don thu.*giai quyet|giai quyet/, vi: { noun: 'đơn thư đã giải quyết', unit: 'đơn thư' }, en: { noun: 'petitions resolved', unit: 'petitions', one: { noun: 'petition resolved', unit: 'petition' } } },
  { test: /don thu/, vi: { noun: 'đơn thư', unit: 'đơn thư' }, en: { noun: 'petitions', unit: 'petitions', one: { noun: 'petition', unit: 'petition' } } },
  { test: /^so don vi$|^units$|^number of units$|^count$/, vi: { noun: 'đơn vị', unit: 'đơn vị' }, en: { noun: 'units', unit: 'units', one: { noun: 'unit', unit: 'unit' } } },
];

export function measureUnit(label: string, lang: Lang): MeasureUnit | null {
  const key = wordsKey(label);
  const found = UNITS.find((u) => u.test.test(key));
  return found ? found[lang] : null;
}

export const UNIT_OF_UNITS: Record<Lang, MeasureUnit> = { vi: { noun: 'đơn vị', unit: 'đơn vị' }, en: { noun: 'units', unit: 'units', one: { noun: 'unit', unit: 'unit' } } };

/** An amount with its unit: `1.053 lượt`, or the bare number for an unknown measure. */
export function amount(n: number, unit: MeasureUnit | null, lang: Lang, as: 'noun' | 'unit' = 'unit'): string {
  if (!unit) return num(n, lang);
  return `${num(n, lang)} ${(n === 1 && unit.one ? unit.one : unit)[as]}`;
}

/** `A`, `A và B`, `A, B và C`; past `max` names: `A, B, C và 5 đơn vị khác`. */
export function names(list: string[], lang: Lang, max = 5): string {
  const shown = list.length > max ? [...list.slice(0, max), say(lang, 'sentence.more', { n: num(list.length - max, lang) })] : list;
  if (shown.length <= 1) return shown[0] ?? '';
  return say(lang, 'sentence.list2', { a: shown.slice(0, -1).join(', '), b: shown.at(-1)! });
}

/** `năm 2022 và 2023` (ties), `năm 2023`. */
export function years(list: number[], lang: Lang): string {
  return list.length === 1 ? say(lang, 'sentence.yearOf', { year: list[0]! }) : say(lang, 'sentence.yearsOf', { years: names(list.map(String), lang, 99) });
}

/** The change phrase: `tăng 5 đơn vị (15,6 %) so với năm 2021`. `against` is already worded
 *  (`năm 2021`, `cùng kỳ năm 2021`). No percentage from a zero base. */
export function changePhrase(change: number, previous: number, changePct: number | null, unit: MeasureUnit | null, against: string, lang: Lang): string {
  const p = previous === 0 ? (change === 0 ? '' : say(lang, 'sentence.fromZero')) : changePct === null ? '' : ` (${pct(Math.abs(changePct), lang)})`;
  if (change === 0) return say(lang, 'sentence.same', { against });
  return say(lang, change > 0 ? 'sentence.up' : 'sentence.down', { n: amount(Math.abs(change), unit, lang), pct: p, against });
}

/** The sentence with a capital first letter and its full stop. */
export function sentence(text: string, figures: Figure[], sql?: string): Sentence {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  const s: Sentence = { text: /[.!?]$/.test(t) ? t : `${t}.`, figures };
  if (sql) s.sql = sql;
  return s;
}
