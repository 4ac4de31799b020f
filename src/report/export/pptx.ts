/** The presentation as a PowerPoint deck (16:9, 13,33 × 7,5 in): the slides the presentation
 *  mode shows (one per page, split as the page grid would overflow, or one per block), each
 *  block placed as on the page grid; charts as images, tables and KPI figures as text, and in
 *  the speaker notes each block's sentences and the page's own notes. Loaded only when
 *  exporting. */
import PptxGenJS from 'pptxgenjs';
import type { Slide } from '../../dashboards/slides';
import type { Report, ReportBlock, ReportPage } from './report';

export interface PptxLabels {
  noRows: string;
  moreRows: (n: number) => string;
  filters: string;
  sources: string;
  notes: string;
}

const W = 13.333;
const H = 7.5;
const PAD = 0.4;
const GAP = 0.15;
const TOP = 1.15;
const FONT = 'Arial';
const TITLE_H = 0.35;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Blocks laid out as the page grid does: 12 columns, a line as tall as its tallest block. */
function layout(blocks: ReportBlock[], area: Box): [ReportBlock, Box][] {
  const lines: ReportBlock[][] = [[]];
  let used = 0;
  for (const b of blocks) {
    if (used + b.w > 12 && lines.at(-1)!.length > 0) {
      lines.push([]);
      used = 0;
    }
    lines.at(-1)!.push(b);
    used += b.w;
  }
  const heights = lines.map((l) => Math.max(1, ...l.map((b) => b.h)));
  const rows = heights.reduce((a, b) => a + b, 0);
  const rowH = (area.h - GAP * (lines.length - 1)) / rows;
  const colW = (area.w - GAP * 11) / 12;
  const out: [ReportBlock, Box][] = [];
  let y = area.y;
  lines.forEach((line, i) => {
    let x = area.x;
    const h = heights[i]! * rowH;
    for (const b of line) {
      // One block alone on a slide takes its whole width.
      const w = blocks.length === 1 ? area.w : b.w * colW + (b.w - 1) * GAP;
      out.push([b, { x, y, w, h }]);
      x += w + GAP;
    }
    y += h + GAP;
  });
  return out;
}

function drawBlock(slide: PptxGenJS.Slide, b: ReportBlock, box: Box, labels: PptxLabels) {
  slide.addShape('rect', { x: box.x, y: box.y, w: box.w, h: box.h, fill: { color: 'FFFFFF' }, line: { color: 'CCCCDD', width: 0.75 } });
  slide.addText(b.title, { x: box.x + 0.08, y: box.y + 0.04, w: box.w - 0.16, h: TITLE_H, fontFace: FONT, fontSize: 14, bold: true, color: '111111', valign: 'top', fit: 'shrink' });
  const inner: Box = { x: box.x + 0.1, y: box.y + TITLE_H + 0.08, w: box.w - 0.2, h: box.h - TITLE_H - 0.16 };
  if (b.image) {
    const k = Math.min(inner.w / b.image.width, inner.h / b.image.height);
    const w = b.image.width * k;
    const h = b.image.height * k;
    slide.addImage({ data: `data:image/png;base64,${base64(b.image.png)}`, x: inner.x + (inner.w - w) / 2, y: inner.y + (inner.h - h) / 2, w, h, altText: b.title });
  } else if (b.kind === 'table' && b.table) {
    const t = b.table;
    const rowH = 0.3;
    // The header, the rows that fit, and a line saying how many did not.
    const fits = Math.max(1, Math.floor(inner.h / rowH) - 2);
    const rows = t.rows.slice(0, fits);
    const left = t.rows.length - rows.length + t.more;
    if (left > 0) slide.addText(labels.moreRows(left), { x: inner.x, y: inner.y + inner.h - rowH, w: inner.w, h: rowH, fontFace: FONT, fontSize: 11, color: '555555' });
    const cell = (text: string, i: number, bold = false): PptxGenJS.TableCell => ({ text, options: { bold, align: t.numeric[i] ? 'right' : 'left' } });
    slide.addTable([t.columns.map((c, i) => cell(c, i, true)), ...rows.map((r) => r.map((v, i) => cell(v, i)))], {
      x: inner.x,
      y: inner.y,
      w: inner.w,
      rowH,
      fontFace: FONT,
      fontSize: 11,
      border: { type: 'solid', pt: 0.5, color: 'BBBBCC' },
      autoPage: false,
    });
  } else if (b.kind === 'kpi' && b.kpi) {
    slide.addText(
      [
        { text: b.kpi.label, options: { fontSize: 13, color: '555555', breakLine: true } },
        { text: b.kpi.value, options: { fontSize: 36, bold: true, color: '111111', breakLine: true } },
        { text: b.kpi.change, options: { fontSize: 13, color: '0B5CAD' } },
      ],
      { ...inner, fontFace: FONT, valign: 'top', fit: 'shrink' },
    );
  } else if (b.kind === 'note') {
    slide.addText((b.paragraphs ?? []).join('\n'), { ...inner, fontFace: FONT, fontSize: 14, valign: 'top', fit: 'shrink', color: '222222' });
  } else {
    slide.addText(b.paragraphs?.join('\n') || labels.noRows, { ...inner, fontFace: FONT, fontSize: 13, color: '666666', valign: 'top' });
  }
}

/** The speaker notes: each block's sentences under its title, then the page's own notes. */
function notesOf(page: ReportPage, blocks: ReportBlock[], labels: PptxLabels): string {
  const parts = blocks.filter((b) => b.sentences.length > 0).map((b) => `${b.title}\n${b.sentences.join(' ')}`);
  if (page.notes.trim()) parts.push(`${labels.notes}:\n${page.notes.trim()}`);
  if (page.sources.length > 0) parts.push(`${labels.sources}: ${page.sources.join('; ')}`);
  return parts.join('\n\n');
}

export async function reportPptx(report: Report, slides: Slide[], labels: PptxLabels): Promise<Blob> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = report.title;
  for (const s of slides) {
    const page = report.pages.find((p) => p.id === s.page.id);
    if (!page) continue;
    const blocks = s.blocks.map((b) => page.blocks.find((r) => r.id === b.id)).filter((b): b is ReportBlock => !!b);
    const slide = pptx.addSlide();
    slide.background = { color: 'F4F6F8' };
    slide.addText(s.title, { x: PAD, y: 0.2, w: W - 2 * PAD - 1.5, h: 0.55, fontFace: FONT, fontSize: 26, bold: true, color: '0B4F8A', fit: 'shrink' });
    if (s.subtitle) slide.addText(s.subtitle, { x: W - PAD - 1.5, y: 0.2, w: 1.5, h: 0.55, fontFace: FONT, fontSize: 14, color: '555555', align: 'right' });
    if (page.filters) slide.addText(`${labels.filters}: ${page.filters}`, { x: PAD, y: 0.72, w: W - 2 * PAD, h: 0.35, fontFace: FONT, fontSize: 12, color: '444444', fit: 'shrink' });
    for (const [b, box] of layout(blocks, { x: PAD, y: TOP, w: W - 2 * PAD, h: H - TOP - 0.3 })) drawBlock(slide, b, box, labels);
    const notes = notesOf(page, blocks, labels);
    if (notes) slide.addNotes(notes);
  }
  return (await pptx.write({ outputType: 'blob' })) as Blob;
}
