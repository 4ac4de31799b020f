/** The like-for-like rule in words (issue 15): when the units (or periods) that reported
 *  differ between two years, the bare change is not stated; the reason is, and the change
 *  over what reported in both years. Reuses the KPI's coverage (analyses/kpi.ts). */
import { coverageText, type KpiCoverage } from '../../analyses/kpi';
import { amount, changePhrase, num, say, sentence, type Lang, type MeasureUnit, type Sentence } from '../sentence';

/** A coverage may carry the SQL it came from: its sentences state its figures, not the view's. */
export type Coverage = KpiCoverage & { sql?: string };

/** Sentences for a comparison that is not like for like (none when it is). */
export function coverageSentences(c: Coverage | null | undefined, year: number, periodLabel: string | null, unit: MeasureUnit | null, against: string, lang: Lang, viewSql?: string): Sentence[] {
  if (!c?.likeForLike) return [];
  const sql = c.sql ?? viewSql;
  const lfl = c.likeForLike;
  const why = coverageText(c, year, periodLabel, (key, params) => say(lang, key, params), (n) => num(n, lang));
  return [
    sentence(say(lang, 'sentence.notLikeForLike', { coverage: why }), [
      ...c.changes.flatMap((x) => [
        { label: `${x.unitType} ${year - 1}`, value: x.before },
        { label: `${x.unitType} ${year}`, value: x.now },
      ]),
      ...c.partial.map((x) => ({ label: `${x.unitType} ${year}`, value: x.units })),
    ], sql),
    sentence(
      say(lang, 'sentence.likeForLike', { units: num(lfl.units, lang), value: amount(lfl.value, unit, lang), change: changePhrase(lfl.change, lfl.previous, lfl.changePct, unit, against, lang) }),
      [
        { label: say(lang, 'sentence.fig.units'), value: lfl.units },
        { label: String(year), value: lfl.value },
        { label: String(year - 1), value: lfl.previous },
        { label: say(lang, 'sentence.fig.change'), value: lfl.change },
        { label: say(lang, 'sentence.fig.changePct'), value: lfl.changePct },
      ],
      sql,
    ),
  ];
}
