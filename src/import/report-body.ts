/** Reads the body of a report, line by line, the way a person does: which lines are units,
 *  which are section labels (`A  CẤP TỈNH`, `I. KHỐI SỞ, BAN, NGÀNH`, nested I → 1 → units),
 *  which are subtotals and totals (`Cộng A`, `Tổng cộng (A+B)`, `Toàn tỉnh`), and where the
 *  footer starts (`Nơi nhận:`, `TM. ỦY BAN NHÂN DÂN`, `(Đã ký)`, the place and date line).
 *  Pure (rows of text in, a classification out), so it is tested on its own; the import turns
 *  it into a table with a `Nhóm` column and checks the totals against the units. */
import { foldVietnamese } from './naming';

export type LineKind = 'unit' | 'section' | 'subtotal' | 'total' | 'footer' | 'empty';

export interface BodyLine {
  /** Index of the line among the parsed rows of the file. */
  row: number;
  kind: LineKind;
  /** The line's cells joined, for the preview's list of left-out lines. */
  text: string;
  /** Sections: depth, from 1. */
  level?: number;
  /** The line's label (`Cộng A`, `Sở Nội vụ`); for sections without its numbering (`CẤP TỈNH`). */
  label?: string;
  /** Sections whose line also carries the section's figures (`A  CẤP TỈNH  5.303 …`). */
  carriesTotal?: boolean;
  /** Units: the rows of the sections they sit in, outermost first. */
  sections?: number[];
  /** Subtotals (and sections carrying totals): the row of the section they add up; totals: null. */
  scope?: number | null;
}

export interface BodyAnalysis {
  /** Every line after the header, in order. */
  lines: BodyLine[];
  /** Columns holding the figures (by position). */
  measureColumns: number[];
  labelColumn: number;
  /** Deepest section level found (0: none). */
  sectionLevels: number;
}

const clean = (cell: string | undefined) => (cell ?? '').replace(/\s+/g, ' ').trim();
const fold = (text: string) => foldVietnamese(text).toLowerCase().replace(/\s+/g, ' ').trim();
const hasDiacritics = (text: string) => foldVietnamese(text) !== text;

/** A figure as reports write them: `1.053`, `44,5`, `-3`, `12,5%`, `3,1 tỷ`, `(12)`. */
export function isFigure(cell: string): boolean {
  const c = cell.trim();
  if (!/\d/.test(c)) return false;
  return /^[-+(]?\d[\d.,\s]*\)?\s*(%|tỷ|triệu|nghìn|ngàn|đồng)?$/i.test(c);
}

// ── Totals ────────────────────────────────────────────────────────────────────────────────────
// "Cộng" (to add) and "Công" (public) both fold to "cong", as "Tổng cộng" and "Tổng công ty"
// do: where the text has diacritics they decide; without them only the shapes a total takes.
const GRAND_WITH_MARKS = /^((tổng cộng|tổng số|cộng chung|toàn (tỉnh|huyện|thị xã|thành phố|xã|phường|ngành|quốc|khối))(\s|[:.(]|$)|tổng\s*([:.(]|$))/;
const GRAND_FOLDED = /^((tong cong|tong so|cong chung|toan (tinh|huyen|thi xa|thanh pho|xa|phuong|nganh|quoc|khoi)|grand total|total)(\s*[:.(]|$|\s+[a-z]{1,4}\s*[+)])|tong\s*([:.(]|$))/;
const SUB_WITH_MARKS = /^cộng(\s|[:.(]|$)/;
const NOT_A_SUM = /^cộng (đồng|hòa|hoà|tác|sự|sản)/;
const SUB_FOLDED = /^cong(\s*[:.(]|$|\s+([ivxlc]+|[a-z]|\d+)\s*[.:]?$|\s+(khoi|cap|nhom|muc|phan|linh vuc|cac)\b)/;

export type TotalKind = 'total' | 'subtotal';

/** `Tổng cộng`, `Tổng cộng (A+B)`, `Toàn tỉnh` → total; `Cộng`, `Cộng A`, `Cộng khối …` →
 *  subtotal (a total when no section is open). Not `Tổng công ty …`, `Công an tỉnh`. */
export function totalKindOf(label: string): TotalKind | null {
  const text = clean(label).toLocaleLowerCase('vi').normalize('NFC');
  if (text === '' || text.length > 60) return null;
  if (hasDiacritics(text)) {
    if (GRAND_WITH_MARKS.test(text)) return 'total';
    if (SUB_WITH_MARKS.test(text) && !NOT_A_SUM.test(text)) return 'subtotal';
    return null;
  }
  const folded = fold(text);
  if (/^tong cong ty\b/.test(folded)) return null;
  if (GRAND_FOLDED.test(folded)) return 'total';
  if (SUB_FOLDED.test(folded)) return 'subtotal';
  return null;
}

// ── Footer ────────────────────────────────────────────────────────────────────────────────────
const FOOTER_STARTS = [
  /^\*?\s*ghi chu\b/,
  /^noi nhan\b/,
  /^nguoi (lap|lap bieu|ky|duyet|kiem tra|tong hop)\b/,
  /^(tm|kt|tl|tuq|t\/m|k\/t|t\/l)[.:]?\s/,
  /^(pho )?(chu tich|truong ban|truong phong|giam doc|bi thu|thu truong)\b/,
  /^thu truong (co quan|don vi)\b/,
  /^xac nhan\b/,
  /^\((ky|da ky|ky ten|ky,)/,
  /^(lanh dao|can bo) (don vi|phu trach)\b/,
];
const DATE_LINE = /(^|,)\s*ngay\b.{0,12}\bthang\b.{0,12}\bnam\b/;

/** A line that starts the footer: notes, distribution list, signature block, date line. */
export function isFooterLine(text: string): boolean {
  const f = fold(text);
  return FOOTER_STARTS.some((r) => r.test(f)) || DATE_LINE.test(f);
}

// ── Section codes ─────────────────────────────────────────────────────────────────────────────
type CodeStyle = 'roman' | 'letter' | 'arabic' | 'sub' | 'caps' | 'none';

const ROMAN = /^[IVXLC]+$/;
/** `I`, `II.`, `A`, `B)`, `1`, `1.`, `2)`, `1.1`, `a`, `-` → their numbering style. */
function codeStyle(code: string): CodeStyle {
  const c = code.trim().replace(/[.)]+$/, '');
  if (c === '') return 'none';
  if (ROMAN.test(c) && c !== 'C' && c !== 'L') return 'roman';
  if (/^[A-Z]$/.test(c)) return 'letter';
  if (/^\d+$/.test(c)) return 'arabic';
  if (/^(\d+\.\d+(\.\d+)*|[a-zđ]|[-+*•–])$/.test(c)) return 'sub';
  return 'none';
}

/** A label written with its number in front: `I. KHỐI SỞ`, `A - CẤP TỈNH`, `1. Khối đoàn thể`. */
function splitLabelCode(label: string): { code: string; rest: string } {
  const m = /^([IVXLC]+|[A-Z]|\d+)\s*[.):\-–]\s*(.+)$/.exec(label);
  if (m && codeStyle(m[1]!) !== 'none' && /\p{L}/u.test(m[2]!)) return { code: m[1]!, rest: m[2]!.trim() };
  return { code: '', rest: label };
}

function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && text === text.toLocaleUpperCase('vi') && text !== text.toLocaleLowerCase('vi');
}

const GROUP_WORDS = /^(khoi|cap|nhom|linh vuc|khu vuc|cac (so|don vi|dia phuong|co quan|huyen|xa|phuong|nganh|to chuc))\b/;

// ── Columns ───────────────────────────────────────────────────────────────────────────────────
function measureColumns(body: string[][], width: number, skip: Set<number>): number[] {
  const out: number[] = [];
  for (let j = 0; j < width; j++) {
    if (skip.has(j)) continue;
    let filled = 0;
    let figures = 0;
    for (const r of body) {
      const c = clean(r[j]);
      // A signature or date line written over the figure columns (`TM. BAN THƯỜNG VỤ`, `(Đã ký)`)
      // says nothing about what the column holds.
      if (c === '' || isFooterLine(c)) continue;
      filled++;
      if (isFigure(c)) figures++;
    }
    if (figures > 0 && figures >= filled * 0.6) out.push(j);
  }
  return out;
}

function labelColumnOf(body: string[][], width: number, rowNumber: number | null): number {
  let best = { j: rowNumber === 0 ? 1 : 0, score: -1 };
  for (let j = 0; j < Math.min(width, 4); j++) {
    if (j === rowNumber) continue;
    const score = body.filter((r) => clean(r[j]) !== '' && !isFigure(clean(r[j]))).length;
    if (score > best.score) best = { j, score };
  }
  return best.j;
}

export interface BodyOptions {
  /** Index of the first body row among `rows`. */
  bodyStart: number;
  width: number;
  rowNumberColumn: number | null;
}

/** Classifies every line from `bodyStart` on. */
export function analyseBody(rows: string[][], options: BodyOptions): BodyAnalysis {
  const { bodyStart, width, rowNumberColumn } = options;
  const body = rows.slice(bodyStart);
  const labelColumn = labelColumnOf(body, width, rowNumberColumn);
  const skip = new Set([labelColumn, ...(rowNumberColumn !== null ? [rowNumberColumn] : [])]);
  const measures = measureColumns(body, width, skip);
  const read = (sections: boolean) => classify(body, { bodyStart, rowNumberColumn, labelColumn, measures, sections });
  let lines = read(true);
  // Sections are few and each has its own label: a "section" label seen three times, or more
  // section lines than units, means these are data rows (a code column, values in capitals).
  const labels = new Map<string, number>();
  for (const l of lines) if (l.kind === 'section') labels.set(fold(l.label ?? ''), (labels.get(fold(l.label ?? '')) ?? 0) + 1);
  const sectionCount = [...labels.values()].reduce((a, b) => a + b, 0);
  const unitCount = lines.filter((l) => l.kind === 'unit').length;
  if ([...labels.values()].some((n) => n >= 3) || sectionCount > unitCount) lines = read(false);
  const sectionLevels = Math.max(0, ...lines.filter((l) => l.kind === 'section').map((l) => l.level ?? 0));
  return { lines, measureColumns: measures, labelColumn, sectionLevels };
}

interface ClassifyOptions {
  bodyStart: number;
  rowNumberColumn: number | null;
  labelColumn: number;
  measures: number[];
  /** False: no line is read as a section. */
  sections: boolean;
}

function classify(body: string[][], options: ClassifyOptions): BodyLine[] {
  const { bodyStart, rowNumberColumn, labelColumn, measures } = options;
  const lines: BodyLine[] = [];

  // Open sections, outermost first, with the numbering style that opened each level.
  const open: { row: number; style: CodeStyle; code: string; label: string }[] = [];
  let unitsSeen = 0;
  let totalAfterUnits = false;
  let inFooter = false;
  let footerFrom = 0;

  const nextContent = (from: number): string[] | null => {
    for (let k = from; k < body.length; k++) if (body[k]!.some((c) => clean(c) !== '')) return body[k]!;
    return null;
  };

  for (let k = 0; k < body.length; k++) {
    const cells = body[k]!.map(clean);
    const row = bodyStart + k;
    const text = cells.filter((c) => c !== '').join(' · ');
    if (text === '') {
      lines.push({ row, kind: 'empty', text });
      continue;
    }
    const figures = measures.some((j) => isFigure(cells[j] ?? ''));
    // Text where figures belong (`A` in a number column): a data row with a bad value, never a
    // section or a total.
    const textInFigures = measures.some((j) => cells[j] !== '' && cells[j] !== undefined && !isFigure(cells[j]!));
    if (inFooter) {
      if (!figures) {
        lines.push({ row, kind: 'footer', text });
        continue;
      }
      // Figures after the "footer": it was not one. Those lines were rows of the table.
      for (const l of lines.slice(footerFrom)) if (l.kind === 'footer') Object.assign(l, { kind: 'unit', sections: open.map((o) => o.row) });
      inFooter = false;
      totalAfterUnits = false;
    }
    // A long text in the STT column is a label spread over the row (a merged cell), not a code.
    const codeCell = rowNumberColumn !== null ? (cells[rowNumberColumn] ?? '') : '';
    const code = codeCell.length <= 8 && !/\s/.test(codeCell) ? codeCell : '';
    const rawLabel = cells[labelColumn] ?? '';
    const firstText = cells.find((c) => c !== '' && !isFigure(c)) ?? '';
    const label = rawLabel !== '' ? rawLabel : firstText;

    // The footer: a notes, distribution, signature or date line once units have been seen, or
    // any line without figures after the grand total.
    if (unitsSeen > 0 && !figures && (isFooterLine(firstText) || isFooterLine(text) || totalAfterUnits)) {
      inFooter = true;
      footerFrom = lines.length;
      lines.push({ row, kind: 'footer', text });
      continue;
    }

    const total = totalKindOf(code) ?? totalKindOf(label) ?? (rawLabel === '' ? null : totalKindOf(firstText));
    if (total) {
      const closes = total === 'subtotal' ? sectionClosedBy(label || code, open) : null;
      if (closes === null) {
        lines.push({ row, kind: 'total', text, label, scope: null });
        if (unitsSeen > 0) totalAfterUnits = true;
      } else {
        lines.push({ row, kind: 'subtotal', text, label, scope: open[closes]!.row });
        open.length = closes; // the section is closed: later units are outside it
      }
      continue;
    }

    // Sections: a numbered or capitalised label, without figures (or, when numbered with a
    // roman numeral or letter, with the section's own figures on the same line).
    const inLabel = code === '' ? splitLabelCode(label) : { code: '', rest: label };
    const sectionCode = code !== '' ? code : inLabel.code;
    let style = codeStyle(sectionCode);
    const after = nextContent(k + 1);
    const nextStyle = after && rowNumberColumn !== null ? codeStyle(clean(after[rowNumberColumn])) : 'none';
    const numberedSection = style === 'roman' || style === 'letter';
    const mayBeSection = options.sections && !textInFigures && label !== '';
    let section = false;
    if (mayBeSection && !figures) {
      if (numberedSection || (inLabel.code !== '' && style === 'arabic')) section = true;
      else if (style === 'none' && (isCapitals(label) || GROUP_WORDS.test(fold(label)))) {
        section = true;
        style = 'caps';
      } else if (style === 'arabic' && (nextStyle === 'sub' || GROUP_WORDS.test(fold(label)))) section = true;
    } else if (mayBeSection && figures && numberedSection && after !== null) {
      section = true;
    }
    if (section) {
      // The same numbering style as an open level continues that level; a new one goes deeper.
      const same = open.findIndex((s) => s.style === style);
      if (same >= 0) open.length = same;
      const labelText = inLabel.rest || label;
      open.push({ row, style, code: sectionCode.replace(/[.)]+$/, ''), label: labelText });
      lines.push({ row, kind: 'section', text, level: open.length, label: labelText, carriesTotal: figures, scope: figures ? row : undefined });
      continue;
    }
    unitsSeen++;
    lines.push({ row, kind: 'unit', text, label, sections: open.map((s) => s.row) });
  }
  return lines;
}

/** The open section a subtotal adds up: the one it names (`Cộng A`, `Cộng khối sở`), else the
 *  innermost; null when no section is open (the line is then the total). */
function sectionClosedBy(label: string, open: { code: string; label: string }[]): number | null {
  if (open.length === 0) return null;
  const rest = fold(label).replace(/^(cong|tong cong)\s*/, '').replace(/[:.]+$/, '').trim();
  if (rest !== '') {
    const byCode = open.findIndex((s) => s.code !== '' && fold(s.code) === rest);
    if (byCode >= 0) return byCode;
    const byName = open.findIndex((s) => {
      const name = fold(s.label);
      return name.startsWith(rest) || rest.startsWith(name) || name.includes(rest.replace(/^(khoi|cap|nhom)\s+/, ''));
    });
    if (byName >= 0) return byName;
  }
  return open.length - 1;
}

/** What the person chose in the preview. */
export interface BodyChoices {
  /** Section labels become columns (`Nhóm`, `Nhóm cấp 2`…) instead of rows. */
  sections: boolean;
  /** Keep subtotal and total lines as rows (not recommended: they count units again). */
  keepTotals: boolean;
  /** Leave the footer out. */
  dropFooter: boolean;
  /** Rows put back into the table by hand. */
  keptRows: number[];
}

export const SECTION_COLUMN = 'Nhóm';
export const sectionColumnName = (level: number) => (level === 1 ? SECTION_COLUMN : `${SECTION_COLUMN} cấp ${level}`);

/** Lines left out of the table under these choices. */
export function leftOutLines(analysis: BodyAnalysis, choices: BodyChoices): BodyLine[] {
  const kept = new Set(choices.keptRows);
  return analysis.lines.filter((l) => {
    if (kept.has(l.row) || l.kind === 'unit' || l.kind === 'empty') return false;
    if (l.kind === 'section') return choices.sections;
    if (l.kind === 'subtotal' || l.kind === 'total') return !choices.keepTotals;
    return choices.dropFooter;
  });
}

/** Anything to do: a section, a total or a footer line (else the file is a plain table). */
export function hasReportBody(analysis: BodyAnalysis): boolean {
  return analysis.lines.some((l) => l.kind !== 'unit' && l.kind !== 'empty');
}
