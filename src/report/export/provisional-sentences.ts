/** PROVISIONAL: stands in for `blockSentences` (src/report/block-sentences.ts, written in
 *  another branch) until the two are merged, so the exports have one factual sentence per
 *  block to carry and their tests text to look for. It states only what the rows hold: the
 *  block's title, how many rows, and the range of its last measure. */
import { formatNumber } from '../../format/number';
import type { SentencesFor } from './report';

const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);

export function provisionalSentences(lang: 'vi' | 'en'): SentencesFor {
  return (block, rows) => {
    if (block.kind === 'note' || block.kind === 'filter' || rows.length === 0) return [];
    const names = Object.keys(rows[0]!);
    const measure = [...names].reverse().find((n) => rows.some((r) => numberOf(r[n]) !== null) && !/^(năm|year|quý|quarter|tháng|month)$/i.test(n));
    const n = formatNumber(rows.length, lang);
    if (!measure) return [lang === 'vi' ? `«${block.title}»: ${n} dòng số liệu.` : `“${block.title}”: ${n} rows of figures.`];
    const values = rows.map((r) => numberOf(r[measure])).filter((v): v is number => v !== null);
    const lo = formatNumber(Math.min(...values), lang);
    const hi = formatNumber(Math.max(...values), lang);
    if (rows.length === 1) return [lang === 'vi' ? `«${block.title}»: ${measure} là ${hi}.` : `“${block.title}”: ${measure} is ${hi}.`];
    return [lang === 'vi' ? `«${block.title}»: ${n} dòng số liệu, ${measure} từ ${lo} đến ${hi}.` : `“${block.title}”: ${n} rows of figures, ${measure} from ${lo} to ${hi}.`];
  };
}
