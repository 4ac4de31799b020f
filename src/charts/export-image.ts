/** Chart → standalone SVG text or PNG bytes, for download: an inert copy (no script, event
 *  handler or external reference, whatever the data's names say). */
import { makeInert } from '../util/inert';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart as one SVG to save. A chart drawn as several plots side by side (a heat table or
 *  dumbbell continued in columns beside, on a block too short for every unit) is put together
 *  in one picture with every column, as shown; a legend Plot draws as HTML swatches is drawn
 *  into the picture as well, above the plots. */
export function chartSvgElement(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  // Plot's plots, not the little svgs of legend swatches or a colour ramp.
  const plots = [...chart.querySelectorAll('svg')].filter((svg) => !svg.closest('[class*="-swatch"]') && !/-ramp\b/.test(svg.getAttribute('class') ?? '')) as SVGSVGElement[];
  const swatches = [...chart.querySelectorAll('[class*="-swatch"]:not([class*="-swatches"])')];
  if (plots.length === 0) return null;
  if (plots.length === 1 && swatches.length === 0) return plots[0]!;
  const size = (svg: SVGSVGElement) => ({ w: Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width, h: Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height });
  const out = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const fontSize = parseFloat(plots[0]!.style.fontSize || getComputedStyle(plots[0]!).fontSize) || 13;
  out.setAttribute('style', plots[0]!.getAttribute('style') ?? '');
  let top = 0;
  let legendWidth = 0;
  if (swatches.length > 0) {
    let x = 0;
    for (const swatch of swatches) {
      const mark = swatch.querySelector('svg');
      const fill = mark?.getAttribute('fill') ?? mark?.querySelector('[fill]')?.getAttribute('fill') ?? '#888';
      const rect = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x, y: 4, width: fontSize, height: fontSize, fill })) rect.setAttribute(k, String(v));
      const text = document.createElementNS(SVG_NS, 'text');
      for (const [k, v] of Object.entries({ x: x + fontSize * 1.4, y: 4 + fontSize * 0.85, 'font-size': fontSize })) text.setAttribute(k, String(v));
      text.textContent = swatch.textContent?.trim() ?? '';
      out.append(rect, text);
      x += fontSize * 2.4 + (text.textContent.length * fontSize * 0.6);
    }
    top = fontSize * 2;
    legendWidth = x;
  }
  // Side by side, as on the screen (each plot in its own nested svg keeps its own scales).
  const gap = 12;
  let left = 0;
  let height = 0;
  for (const plot of plots) {
    const { w, h } = size(plot);
    const copy = plot.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', String(left));
    copy.setAttribute('y', String(top));
    copy.setAttribute('width', String(w));
    copy.setAttribute('height', String(h));
    out.append(copy);
    left += w + gap;
    height = Math.max(height, h);
  }
  const width = Math.ceil(Math.max(left - gap, legendWidth));
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(Math.ceil(top + height)));
  out.setAttribute('viewBox', `0 0 ${width} ${Math.ceil(top + height)}`);
  return out;
}

/** `fontCss`: @font-face rules with data URLs (the app's typeface), so the file and its PNG
 *  render the Vietnamese letters the same anywhere. Added after the copy is made inert. */
export function svgText(svg: SVGSVGElement, fontCss = ''): string {
  const clone = makeInert(svg.cloneNode(true) as SVGSVGElement) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (fontCss) {
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = fontCss;
    clone.insertBefore(style, clone.firstChild);
  }
  if (!clone.getAttribute('style')?.includes('background')) {
    clone.setAttribute('style', `${clone.getAttribute('style') ?? ''};background:#fff`);
  }
  return new XMLSerializer().serializeToString(clone);
}

export async function svgToPng(svg: SVGSVGElement, scale = 2, fontCss = ''): Promise<Blob> {
  // A picture put together for the export is not on the page: its own size then.
  const box = svg.getBoundingClientRect();
  const width = box.width || Number(svg.getAttribute('width'));
  const height = box.height || Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([svgText(svg, fontCss)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas unavailable');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
