/** Draws a ChartSpec with Observable Plot: Vietnamese or English labels, vi-VN numbers,
 *  tooltips, colour-blind-safe colours and an accessible description. */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format/number';
import type { ChartDatum } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { CATEGORY_COLORS, SINGLE_COLOR } from './palette';

export interface RenderOptions {
  locale: 'vi' | 'en';
  width: number;
  /** A fixed height (dashboards, slides); otherwise it follows the width. */
  height?: number;
  description: string;
  /** Larger type, for a projector. */
  large?: boolean;
}

export function renderChart(data: ChartDatum[], spec: ChartSpec, options: RenderOptions): SVGSVGElement | HTMLElement {
  const num = (d: unknown) => (typeof d === 'number' ? formatNumber(d, options.locale) : String(d));
  const hasColor = spec.color !== null;
  const tip = { format: { y: num, x: (d: unknown) => (d instanceof Date ? d.toLocaleDateString(options.locale === 'vi' ? 'vi-VN' : 'en-US') : String(d)) } };
  const fill = hasColor ? 'color' : SINGLE_COLOR;
  // Series in a fixed order when the spec gives one (levels best first), else as they appear.
  const seen = [...new Set(data.map((d) => d.color ?? ''))];
  const fixed = spec.colorOrder?.values.filter((v) => seen.includes(v)) ?? [];
  const colorDomain = [...fixed, ...seen.filter((v) => !fixed.includes(v))];
  const colorRange = spec.colorOrder
    ? [...fixed.map((v) => spec.colorOrder!.colors[spec.colorOrder!.values.indexOf(v)]!), ...CATEGORY_COLORS.slice(3)]
    : CATEGORY_COLORS;
  const marks: Plot.Markish[] = [];
  // Categories keep the order of the result, so the query's ORDER BY decides the chart's order.
  const xDomain = [...new Set(data.map((d) => (d.x instanceof Date ? d.x.getTime() : d.x)))];
  const labels = xDomain.map((x) => String(x));
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const crowded = labels.length * (longest * 7 + 8) > options.width - 80;
  const charPx = options.large ? 8 : 5.5;
  // A fixed height (a dashboard block, a slide) keeps most of it for the bars: long slanted
  // labels are shortened with "…" rather than squeezing the chart away.
  const maxMargin = options.height ? Math.max(48, Math.round(options.height * 0.3)) : 200;
  const marginBottom = crowded ? Math.min(maxMargin, 30 + longest * charPx) : options.large ? 60 : 48;
  const maxChars = Math.max(4, Math.floor((marginBottom - 30) / charPx));
  const shorten = (d: unknown) => {
    const text = String(d);
    return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
  };
  const tick = crowded ? { tickRotate: -35, tickFormat: shorten } : {};
  // A legend above the chart takes about 2 lines of the height given.
  const legendSpace = hasColor ? (options.large ? 56 : 40) : 0;
  const common = {
    width: options.width,
    // A fixed height is kept even when small (a crowded slide): a short chart beats a scrollbar.
    height: options.height ? Math.max(marginBottom + 40, options.height - legendSpace) : Math.max(320, Math.round(options.width * 0.45)) + marginBottom - 48,
    marginLeft: 64,
    marginBottom,
    ariaLabel: `${spec.y} — ${spec.x}`,
    ariaDescription: options.description,
    style: { fontSize: options.large ? '18px' : '13px' },
    color: hasColor ? { legend: true, type: 'ordinal' as const, domain: colorDomain, range: colorRange, label: spec.color ?? undefined } : undefined,
    y: { grid: true, label: spec.y, tickFormat: num },
  };

  if (spec.type === 'line') {
    const stroke = hasColor ? 'color' : SINGLE_COLOR;
    marks.push(Plot.lineY(data, { x: 'x', y: 'y', stroke, sort: 'x' }));
    marks.push(Plot.dot(data, { x: 'x', y: 'y', fill: stroke, r: 3, tip, title: undefined }));
    const x = data[0]?.x instanceof Date ? { type: 'utc' as const } : { type: 'point' as const, domain: xDomain, ...tick };
    return Plot.plot({ ...common, x: { label: spec.x, ...x }, marks: [...marks, Plot.ruleY([0])] });
  }

  if (spec.type === 'groupedBar' && hasColor) {
    marks.push(Plot.barY(data, { fx: 'x', x: 'color', y: 'y', fill, tip }));
    return Plot.plot({
      ...common,
      fx: { label: spec.x, padding: 0.15, domain: xDomain, ...tick },
      x: { axis: null, domain: colorDomain },
      marks: [...marks, Plot.ruleY([0])],
    });
  }

  // 'bar', or 'stackedBar' (barY stacks the colour series on top of each other).
  marks.push(Plot.barY(data, { x: 'x', y: 'y', fill, tip, ...(hasColor ? { z: 'color', order: colorDomain } : {}) }));
  return Plot.plot({ ...common, x: { label: spec.x, type: 'band', domain: xDomain, ...tick }, marks: [...marks, Plot.ruleY([0])] });
}
