/** Chart → standalone SVG text or PNG bytes, for download: an inert copy (no script, event
 *  handler or external reference, whatever the data's names say). */
import { makeInert } from '../util/inert';

export function chartSvgElement(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  // With a legend Plot returns a <figure>; the plot itself is its last <svg>.
  const svgs = chart.querySelectorAll('svg');
  return (svgs[svgs.length - 1] as SVGSVGElement | undefined) ?? null;
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
  const { width, height } = svg.getBoundingClientRect();
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
