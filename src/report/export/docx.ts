/** The report as a Word document laid out as Vietnamese administrative documents are
 *  (Nghị định 30/2020/NĐ-CP): A4, Times New Roman 14 pt (13 pt for captions, tables and
 *  notes), margins 20 mm top and bottom, 30 mm left, 15 mm right, page numbers centred at the
 *  top from the second page. Charts are PNG images with a numbered caption under them,
 *  tables real Word tables with a numbered caption above. Loaded only when exporting. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { Report, ReportBlock, ReportTable } from './report';

export interface DocxLabels {
  noRows: string;
  chart: string;
  table: string;
  /** Heading over a page's KPI figures. */
  figures: string;
  figureColumns: [string, string, string];
  filters: string;
  sources: string;
  moreRows: (n: number) => string;
}

const FONT = 'Times New Roman';
const BODY = 28; // half-points: 14 pt
const SMALL = 26; // 13 pt
/** A4 less the left and right margins, in CSS pixels (what ImageRun sizes in). */
const TEXT_WIDTH_PX = Math.floor(((210 - 30 - 15) / 25.4) * 96);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

const body = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: convertMillimetersToTwip(12.7) },
    spacing: { before: 120, after: 0, line: 312, lineRule: LineRuleType.AUTO },
    children: [new TextRun(text)],
  });

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, keepNext: true, children: [new TextRun({ text, bold: true, size: BODY, font: FONT, color: '000000' })] });

const caption = (text: string, keepNext = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, keepNext, spacing: { before: 60, after: 120 }, children: [new TextRun({ text, italics: true, size: SMALL })] });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function cell(text: string, width: number, o: { bold?: boolean; right?: boolean }) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [new Paragraph({ alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: o.bold, size: SMALL })] })],
  });
}

/** A4 less the margins, in twips. */
const TEXT_WIDTH_TWIPS = 11906 - 1701 - 850;

/** The first (names) column wide enough for a unit's name; the figures share the rest. */
function columnWidths(t: ReportTable, first = t.numeric[0] ? 0 : t.columns.length <= 3 ? 0.4 : 0.36): number[] {
  const n = t.columns.length;
  if (first === 0 || n === 1) return Array.from({ length: n }, () => Math.floor(TEXT_WIDTH_TWIPS / n));
  const rest = Math.floor((TEXT_WIDTH_TWIPS * (1 - first)) / (n - 1));
  return [TEXT_WIDTH_TWIPS - rest * (n - 1), ...Array.from({ length: n - 1 }, () => rest)];
}

function wordTable(t: ReportTable, widths = columnWidths(t)): Table {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c, widths[i]!, { bold: true, right: t.numeric[i] })) });
  const rows = t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, widths[i]!, { right: t.numeric[i] })) }));
  return new Table({ width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA }, columnWidths: widths, borders: BORDERS, rows: [header, ...rows] });
}

type Child = Paragraph | Table;

/** Numbers charts and tables through the whole document. */
class Counter {
  charts = 0;
  tables = 0;
}

function blockParts(b: ReportBlock, n: Counter, labels: DocxLabels, index: string): Child[] {
  const out: Child[] = [heading(`${index} ${b.title}`, HeadingLevel.HEADING_3)];
  out.push(...b.sentences.map(body));
  out.push(...(b.paragraphs ?? []).map(body));
  if (b.kind === 'empty' && !b.paragraphs?.length) out.push(body(labels.noRows));
  if (b.kind === 'chart' && b.image) {
    const k = Math.min(1, TEXT_WIDTH_PX / b.image.width);
    const run = new ImageRun({
      type: 'png',
      data: b.image.png,
      transformation: { width: Math.round(b.image.width * k), height: Math.round(b.image.height * k) },
      altText: { name: b.title, title: b.title, description: b.sentences.join(' ') || b.title },
    });
    // Single line spacing: a paragraph's fixed line height would crop the picture to one line.
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO }, children: [run] }));
    out.push(caption(`${labels.chart} ${++n.charts}. ${b.title}`));
  }
  if (b.kind === 'table' && b.table) {
    out.push(caption(`${labels.table} ${++n.tables}. ${b.title}`, true));
    out.push(wordTable(b.table));
    if (b.table.more > 0) out.push(caption(labels.moreRows(b.table.more)));
  }
  return out;
}

/** A page's KPI blocks side by side in one table: the figures a report quotes first. */
function kpiParts(kpis: ReportBlock[], n: Counter, labels: DocxLabels, index: string): Child[] {
  const table: ReportTable = {
    columns: labels.figureColumns,
    numeric: [false, true, false],
    rows: kpis.map((b) => [`${b.title}${b.kpi!.label ? ` (${b.kpi!.label})` : ''}`, b.kpi!.value, b.kpi!.change]),
    more: 0,
  };
  return [
    heading(`${index} ${labels.figures}`, HeadingLevel.HEADING_3),
    ...kpis.flatMap((b) => b.sentences.map(body)),
    caption(`${labels.table} ${++n.tables}. ${labels.figures}`, true),
    wordTable(table, [0.3, 0.15, 0.55].map((k) => Math.floor(TEXT_WIDTH_TWIPS * k))),
  ];
}

function pageParts(report: Report, n: Counter, labels: DocxLabels): Child[] {
  const many = report.pages.length > 1;
  return report.pages.flatMap((p, i) => {
    const out: Child[] = [];
    if (many) out.push(heading(`${ROMAN[i] ?? i + 1}. ${p.title.toLocaleUpperCase(report.lang)}`, HeadingLevel.HEADING_2));
    if (p.filters) out.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: `${labels.filters}: ${p.filters}`, italics: true, size: SMALL })] }));
    let k = 0;
    const kpis = p.blocks.filter((b) => b.kind === 'kpi');
    if (kpis.length > 0) out.push(...kpiParts(kpis, n, labels, `${++k}.`));
    for (const b of p.blocks) if (b.kind !== 'kpi') out.push(...blockParts(b, n, labels, `${++k}.`));
    if (p.sources.length > 0)
      out.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: `${labels.sources}: ${p.sources.join('; ')}.`, italics: true, size: SMALL })] }));
    return out;
  });
}

export async function reportDocx(report: Report, labels: DocxLabels): Promise<Blob> {
  const n = new Counter();
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    heading: HeadingLevel.TITLE,
    spacing: { after: 60 },
    children: [new TextRun({ text: report.title.toLocaleUpperCase(report.lang), bold: true, size: BODY, font: FONT, color: '000000' })],
  });
  const stamp = new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: report.stamp, italics: true, size: SMALL })] });
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SMALL })] })] });
  const doc = new Document({
    creator: report.title,
    title: report.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY, language: { value: report.lang === 'vi' ? 'vi-VN' : 'en-US' } }, paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: BODY, bold: true, color: '000000' } },
        heading2: { run: { font: FONT, size: BODY, bold: true, color: '000000' } },
        heading3: { run: { font: FONT, size: BODY, bold: true, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            // In twentieths of a point: A4 as Word writes it; 20, 20, 30 and 15 mm.
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        // The first page shows no number; a header holds at least one paragraph, or Word repairs it.
        headers: { default: pageNumber, first: new Header({ children: [new Paragraph({})] }) },
        children: [title, stamp, ...pageParts(report, n, labels)],
      },
    ],
  });
  return Packer.toBlob(doc);
}
