/** The offline snapshot: one self-contained HTML file of the dashboard (charts as SVG,
 *  tables, KPIs, notes) that opens by double-click with no network. It holds no script; its
 *  own Content-Security-Policy forbids loading anything, so even a hostile name cannot make
 *  it run code or fetch. */
import { makeInert } from '../util/inert';

export interface SnapshotBlock {
  title: string;
  w: number;
  h: number;
  /** The block's content as sanitised HTML (see `sanitisedHtml`). */
  html: string;
}

export interface SnapshotPage {
  title: string;
  /** The filters in words ("Từ năm 2020 · Loại đơn vị: Huyện"), or ''. */
  filters: string;
  blocks: SnapshotBlock[];
}

export interface SnapshotMeta {
  title: string;
  /** "Xuất lúc 22/11/2026 10:30" in the interface language. */
  stamp: string;
  lang: 'vi' | 'en';
  /** @font-face rules of the embedded typeface (snapshot-fonts.ts). */
  fontCss?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A copy of a rendered block's content with everything that could run, fetch or be
 *  operated removed (see `makeInert`). */
export function sanitisedHtml(content: Element): string {
  const copy = content.cloneNode(true) as Element;
  // A sortable header is a button around the column's name: the name stays, as text.
  for (const el of copy.querySelectorAll('th > button')) el.replaceWith(el.ownerDocument.createTextNode(el.textContent ?? ''));
  return makeInert(copy).innerHTML;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Be Vietnam Pro","Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#111;background:#f4f6f8}
header{padding:12px 24px;background:#0b4f8a;color:#fff}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85;font-size:13px}
section{padding:16px 24px;page-break-after:always;break-after:page}
section h2{margin:0 0 4px;font-size:20px}
.filters{margin:0 0 12px;color:#444;font-size:13px}
.grid{display:grid;grid-template-columns:repeat(12,1fr);gap:12px}
.block{grid-column:span var(--w);background:#fff;border:1px solid #ccd;border-radius:8px;padding:8px 12px;overflow:hidden;break-inside:avoid}
.block h3{margin:0 0 6px;font-size:15px}
.block svg{max-width:100%;height:auto}
.block-data{display:block;margin-top:6px}
.block-data summary{cursor:pointer;font-size:13px;color:#0b4f8a}
.heat-groups{display:flex;flex-wrap:wrap;gap:8px}
.kpi .coverage{font-weight:600;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border-bottom:1px solid #dde;padding:2px 6px;text-align:left}
.num{text-align:right}
.kpi{display:flex;flex-direction:column;gap:2px}
.kpi .value{font-size:32px;font-weight:700}
.kpi .up{color:#0b5cad}.kpi .down{color:#b34700}
.kpi .spark{width:100%;height:32px;color:#0b4f8a}
.sentences{border-top:1px solid #dde;margin-top:6px;padding-top:4px;font-size:13px}
.sentences h4{margin:0;font-size:13px}
.sentences ol{margin:2px 0 0;padding-left:18px}
.sentences .source{display:none}
@media (max-width:800px){.block{grid-column:span 12}section{padding:12px}header{padding:12px}.block{overflow-x:auto}}
@page{size:A4 landscape;margin:12mm}
@media print{body{background:#fff}header{background:#fff;color:#000;border-bottom:2px solid #000}}
`;

export function snapshotDocument(pages: SnapshotPage[], meta: SnapshotMeta): string {
  const sections = pages.map(
    (p) => `<section>
<h2>${escapeHtml(p.title)}</h2>
${p.filters ? `<p class="filters">${escapeHtml(p.filters)}</p>` : ''}
<div class="grid">
${p.blocks.map((b) => `<article class="block" style="--w:${Math.trunc(b.w)}"><h3>${escapeHtml(b.title)}</h3>${b.html}</article>`).join('\n')}
</div>
</section>`,
  );
  return `<!doctype html>
<html lang="${meta.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${meta.fontCss ?? ''}${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(meta.title)}</h1><p>${escapeHtml(meta.stamp)}</p></header>
${sections.join('\n')}
</body>
</html>
`;
}
