/** A block's chart drawn again at a fixed, document-friendly size and turned into a PNG at
 *  twice its pixels: the same Plot code as the page, with the app's typeface embedded in the
 *  SVG (so Vietnamese letters render anywhere) and the colour legend, which Plot writes as
 *  HTML beside the SVG, drawn onto the image too. */
import type { Table } from 'apache-arrow';
import { chartData, tooCrowded } from '../../charts/chart-data';
import type { ChartSpec } from '../../charts/chart-spec';
import { svgText } from '../../charts/export-image';
import type { ReportImage } from './report';

const FONT_PX = 13;
const FONT = `${FONT_PX}px "Be Vietnam Pro", system-ui, sans-serif`;

interface LegendItem {
  color: string;
  label: string;
}

const isSwatch = (svg: SVGSVGElement) => !!svg.parentElement?.className.toString().includes('swatch');

/** Plot's swatch legend: a small SVG square per series, followed by its name. */
function legendOf(chart: Element): LegendItem[] {
  const items: LegendItem[] = [];
  for (const svg of chart.querySelectorAll('svg')) {
    if (!isSwatch(svg)) continue;
    const color = svg.getAttribute('fill') ?? svg.querySelector('rect')?.getAttribute('fill');
    const label = svg.parentElement?.textContent?.trim();
    if (color && label) items.push({ color, label });
  }
  return items;
}

/** The plots themselves: one SVG, or several side by side (a long heat table). */
function plotsOf(chart: Element): SVGSVGElement[] {
  if (chart instanceof SVGSVGElement) return [chart];
  return [...chart.querySelectorAll('svg')].filter((svg) => !isSwatch(svg) && !svg.parentElement?.closest('svg'));
}

async function drawSvg(ctx: CanvasRenderingContext2D, svg: SVGSVGElement, fontCss: string, x: number, y: number, w: number, h: number) {
  const url = URL.createObjectURL(new Blob([svgText(svg, fontCss)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    // The image may be decoded before the typeface embedded in it has loaded, and would be
    // drawn with no text at all: give the font a moment.
    await new Promise((r) => setTimeout(r, 150));
    ctx.drawImage(image, x, y, w, h);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Legend items in lines that fit `width`. */
function legendLines(ctx: CanvasRenderingContext2D, items: LegendItem[], width: number) {
  const lines: { item: LegendItem; x: number }[][] = [[]];
  let x = 0;
  for (const item of items) {
    const w = 12 + 6 + ctx.measureText(item.label).width + 18;
    if (x > 0 && x + w > width) {
      lines.push([]);
      x = 0;
    }
    lines.at(-1)!.push({ item, x });
    x += w;
  }
  return lines.filter((l) => l.length > 0);
}

export interface ChartImageOptions {
  locale: 'vi' | 'en';
  title: string;
  width: number;
  height: number;
  fontCss: string;
  scale?: number;
}

/** Null when the spec draws no picture (thousands of bars are asked to be filtered on the
 *  page too). */
export async function chartImage(table: Table, spec: ChartSpec, o: ChartImageOptions): Promise<ReportImage | null> {
  const points = chartData(table, spec);
  if (points.length === 0 || tooCrowded(points, spec) !== null) return null;
  const { renderChart } = await import('../../charts/render-chart');
  const scale = o.scale ?? 2;
  // Drawn off screen: Plot measures text, and the SVGs' places are read back.
  const holder = document.createElement('div');
  holder.style.cssText = `position:fixed;left:-20000px;top:0;width:${o.width}px;background:#fff`;
  document.body.append(holder);
  try {
    const chart = renderChart(points, spec, { locale: o.locale, width: o.width, height: o.height, description: o.title, fontPx: FONT_PX });
    // A figure's default margins would narrow the chart drawn.
    if (chart instanceof HTMLElement) chart.style.margin = '0';
    holder.append(chart);
    const plots = plotsOf(chart).map((svg) => ({ svg, rect: svg.getBoundingClientRect() }));
    if (plots.length === 0) return null;
    const left = Math.min(...plots.map((p) => p.rect.left));
    const top = Math.min(...plots.map((p) => p.rect.top));
    const width = Math.max(...plots.map((p) => p.rect.right)) - left;
    const height = Math.max(...plots.map((p) => p.rect.bottom)) - top;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas unavailable');
    await document.fonts.load(FONT, 'Hoàn thành xuất sắc');
    ctx.font = FONT;
    const lines = legendLines(ctx, legendOf(chart), width - 16);
    const legendPx = lines.length > 0 ? lines.length * (FONT_PX + 8) + 8 : 0;
    const w = Math.ceil(width);
    const h = Math.ceil(height + legendPx);
    canvas.width = w * scale;
    canvas.height = h * scale;
    ctx.scale(scale, scale);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    lines.forEach((line, i) => {
      const y = 8 + i * (FONT_PX + 8) + FONT_PX / 2;
      for (const { item, x } of line) {
        ctx.fillStyle = item.color;
        ctx.fillRect(8 + x, y - 6, 12, 12);
        ctx.fillStyle = '#111';
        ctx.fillText(item.label, 8 + x + 18, y + 1);
      }
    });
    for (const { svg, rect } of plots) await drawSvg(ctx, svg, o.fontCss, rect.left - left, legendPx + rect.top - top, rect.width, rect.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    return { png: new Uint8Array(await blob.arrayBuffer()), width: w, height: h };
  } finally {
    holder.remove();
  }
}
