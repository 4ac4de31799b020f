/** Keys for matching what people write: the same words with or without diacritics, in any
 *  case, spacing or Unicode form give the same key. */
import { foldVietnamese } from '../import/naming';

/** `  Hoàn thành  TỐT ` → `hoan thanh tot`; punctuation becomes a space. */
export function wordsKey(text: string): string {
  return foldVietnamese(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
