/** Finds the real table in a report export: title lines above the header (ỦY BAN NHÂN DÂN
 *  TỈNH…, BÁO CÁO…), a header flattened from two lines of merged cells, the STT row-number
 *  column, and a year in the title. Works on the first rows only; pure, so it is tested alone. */
import { foldVietnamese } from './naming';

export interface Layout {
  /** Index of the first header line among the parsed rows. */
  headerRow: number;
  headerLines: 1 | 2;
  /** Lines above the header, kept as the file's metadata. */
  titleLines: string[];
  /** Header names, two-line headers joined as `Top - Bottom`. */
  columns: string[];
  yearFromTitle: number | null;
  /** Index of the STT (row number) column, if any. */
  rowNumberColumn: number | null;
}

const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;
const isNumberLike = (cell: string) => /^[-+]?[\d.,\s]+%?$/.test(cell.trim()) && /\d/.test(cell);
const folded = (cell: string) => foldVietnamese(cell).toLowerCase().replace(/\s+/g, ' ').trim();

/** The usual width of the table: the most common count of cells among non-empty rows. */
function tableWidth(rows: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const n = r.length;
    if (filled(r) > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

const isTextLine = (cells: string[]) => filled(cells) > 0 && cells.every((c) => c.trim() === '' || !isNumberLike(c));

/** A header line is mostly text and fills most columns, together with a second text-only line
 *  under it when the top line has merged (empty) cells. */
function looksLikeHeader(cells: string[], width: number, below: string[] = []): boolean {
  const n = filled(cells);
  if (n < 2) return false;
  const numeric = cells.filter((c) => c.trim() !== '' && isNumberLike(c)).length;
  if (numeric > n / 2) return false;
  const covered = isTextLine(below) ? cells.filter((c, j) => c.trim() !== '' || (below[j] ?? '').trim() !== '').length : n;
  return covered >= Math.max(2, Math.ceil(width * 0.5));
}

export function findYear(text: string): number | null {
  const preferred = /n[aă]m\s+((?:19|20)\d{2})\b/i.exec(foldVietnamese(text));
  const any = /\b((?:19|20)\d{2})\b/.exec(text);
  const hit = preferred?.[1] ?? any?.[1];
  return hit ? Number(hit) : null;
}

const ROW_NUMBER_NAMES = new Set(['stt', 'tt', 'so tt', 'so thu tu', 'thu tu', 'no', 'no.']);

/** A title line: a few cells of text in a wider table (`BÁO CÁO …`), or an empty line. */
function looksLikeTitle(cells: string[], width: number): boolean {
  const texts = cells.filter((c) => c.trim() !== '');
  // `#` lines are comments, which DuckDB's reader recognises itself.
  if (texts[0]?.trim().startsWith('#')) return false;
  return texts.length <= Math.max(1, Math.floor(width / 3)) && texts.every((c) => !isNumberLike(c));
}

export function analyseLayout(rows: string[][]): Layout {
  const sample = rows.slice(0, 60);
  const width = tableWidth(sample);
  let headerRow = sample.findIndex((r, i) => looksLikeHeader(r, width, sample[i + 1]));
  // Lines above the header must all be titles; otherwise this is data without a title block.
  if (headerRow < 0 || !sample.slice(0, headerRow).every((r) => looksLikeTitle(r, width))) headerRow = 0;
  const top = (sample[headerRow] ?? []).map((c) => c.trim());
  const next = (sample[headerRow + 1] ?? []).map((c) => c.trim());
  // Data soon after: a section line (`I, KHỐI CHÍNH QUYỀN`, no figures) may come first.
  const after = sample.slice(headerRow + 2, headerRow + 6).find((r) => r.some((c) => isNumberLike(c))) ?? [];

  // A second header line: text only, under a top line with gaps (merged cells), and data after.
  const twoLines =
    filled(next) > 0 &&
    next.every((c) => c === '' || !isNumberLike(c)) &&
    top.some((c, j) => c === '' && (next[j] ?? '') !== '') &&
    after.some((c) => isNumberLike(c));

  let columns: string[];
  if (twoLines) {
    let spanning = '';
    columns = top.map((cell, j) => {
      const below = next[j] ?? '';
      if (cell !== '') spanning = cell;
      const above = cell !== '' ? cell : below !== '' ? spanning : '';
      if (below === '') return above;
      return above && above !== below ? `${above} - ${below}` : below;
    });
  } else {
    columns = top;
  }

  const titleLines = sample
    .slice(0, headerRow)
    .map((r) => r.filter((c) => c.trim() !== '').join(' ').trim())
    .filter((l) => l !== '');
  const rowNumber = columns.findIndex((c) => ROW_NUMBER_NAMES.has(folded(c)));
  return {
    headerRow,
    headerLines: twoLines ? 2 : 1,
    titleLines,
    columns,
    yearFromTitle: findYear(titleLines.join(' ')),
    rowNumberColumn: rowNumber >= 0 ? rowNumber : null,
  };
}

/** Total lines of a report (`Tổng cộng`, `Cộng`, `Tổng số`, `Toàn tỉnh`…), folded to ASCII. */
export const TOTAL_LABELS = ['tong cong', 'cong', 'tong so', 'toan tinh', 'tong', 'tong chung', 'cong chung', 'total', 'grand total'];

export function isTotalLabel(cell: string): boolean {
  const f = folded(cell).replace(/[:.]+$/, '');
  return TOTAL_LABELS.includes(f);
}

/** The separator that gives the most lines of one consistent width (more than one column). */
export function guessDelimiter(text: string, parse: (text: string, delimiter: string) => string[][]): string {
  let best = { delimiter: ',', score: -1 };
  for (const delimiter of [',', ';', '\t', '|']) {
    const widths = parse(text, delimiter).filter((r) => filled(r) > 0).map((r) => r.length);
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [mode, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = mode > 1 ? count : 0;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
