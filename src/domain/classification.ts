/** The four classification levels of docs/domain.md, in their fixed order, and the
 *  matching of what reports write (full names, short forms, common variants). A value that
 *  is none of these is reported as unknown, never guessed. */
import { wordsKey } from './text-key';

export interface Level {
  /** 1 = best. */
  rank: 1 | 2 | 3 | 4;
  code: 'HTXSNV' | 'HTTNV' | 'HTNV' | 'KHTNV';
  name: string;
}

export const LEVELS: readonly Level[] = [
  { rank: 1, code: 'HTXSNV', name: 'Hoàn thành xuất sắc nhiệm vụ' },
  { rank: 2, code: 'HTTNV', name: 'Hoàn thành tốt nhiệm vụ' },
  { rank: 3, code: 'HTNV', name: 'Hoàn thành nhiệm vụ' },
  { rank: 4, code: 'KHTNV', name: 'Không hoàn thành nhiệm vụ' },
];

const SHORT: Record<string, Level['rank']> = {
  htxsnv: 1,
  htxs: 1,
  xs: 1,
  httnv: 2,
  htt: 2,
  htnv: 3,
  ht: 3,
  khtnv: 4,
  kht: 4,
  khonght: 4,
};

/** `Hoàn thành xuất sắc nhiệm vụ`, `HTXSNV`, `HT xuất sắc NV`, `Xuất sắc`, `hoan thanh tot`,
 *  `Không hoàn thành`… → the level; anything else → null. */
export function levelOf(value: string | null | undefined): Level | null {
  if (value == null) return null;
  const words = wordsKey(value)
    .replace(/\bnhiem vu\b/g, 'nv')
    .replace(/\bhoan thanh\b/g, 'ht')
    .replace(/\bmuc\b|\bloai\b/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  const joined = words.join('');
  const rank = SHORT[joined] ?? ruleRank(words);
  return rank ? LEVELS[rank - 1]! : null;
}

function ruleRank(words: string[]): Level['rank'] | null {
  const has = (w: string) => words.includes(w);
  // Only the vocabulary of levels may appear; `Tốt nghiệp` or a unit name is not a level.
  const vocabulary = new Set(['ht', 'nv', 'khong', 'xuat', 'sac', 'tot', 'xuatsac']);
  if (!words.every((w) => vocabulary.has(w))) return null;
  if (has('khong')) return has('ht') ? 4 : null;
  if ((has('xuat') && has('sac')) || has('xuatsac')) return 1;
  if (has('tot')) return 2;
  if (has('ht')) return 3;
  return null;
}
