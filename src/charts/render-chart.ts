/** Draws a ChartSpec with Observable Plot: Vietnamese or English labels, vi-VN numbers and
 *  value labels, tooltips, colour-blind-safe colours and an accessible description.
 *  Unit names are never cut to a few letters: horizontal charts give them up to two lines. */
import * as Plot from '@observablehq/plot';
import { compareValues } from '../format/collate';
import { formatNumber } from '../format/number';
import type { ChartDatum } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { CATEGORY_COLORS, SINGLE_COLOR } from './palette';
import { twoLineWidth, wrapLabel } from './wrap-label';

export interface RenderOptions {
  locale: 'vi' | 'en';
  width: number;
  /** A fixed height (dashboards, slides); otherwise it follows the width or the rows. */
  height?: number;
  description: string;
  /** Larger type, for a projector. */
  large?: boolean;
  /** Text size in px (slides scale it with the slide); default 13, or 18 when `large`. */
  fontPx?: number;
  /** Unit name → its short name (units dictionary), for axis labels; the tooltip and the
   *  table keep the full name. */
  shortNames?: ReadonlyMap<string, string>;
}

const FONT = "'Be Vietnam Pro', system-ui, sans-serif";
const UP = '#009E73';
const DOWN = '#D55E00';

export function renderChart(data: ChartDatum[], spec: ChartSpec, options: RenderOptions): SVGSVGElement | HTMLElement {
  const font = options.fontPx ?? (options.large ? 18 : 13);
  const charPx = font * 0.56;
  const num = (d: unknown) => (typeof d === 'number' ? formatNumber(d, options.locale) : String(d));
  const signed = (d: number | null) => (d === null ? '' : d > 0 ? `+${num(d)}` : num(d));
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
  // What an axis shows of a name: the unit's short name where the dictionary has one.
  const short = (v: string) => options.shortNames?.get(v) ?? v;
  // Categories keep the order of the result (sorted in Vietnamese order or by value before).
  const xDomain = [...new Set(data.map((d) => (d.x instanceof Date ? d.x.getTime() : d.x)))];
  const labels = xDomain.map((x) => short(String(x)));
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const style = { fontSize: `${font}px`, fontFamily: FONT };
  const base = { width: options.width, ariaLabel: `${spec.y} — ${spec.x}`, ariaDescription: options.description, style };

  // Horizontal charts: the names on the left, in up to two lines of the room given them.
  const horizontal = (values: string[], rows: number, width = options.width, fixed = options.height, share = 0.42) => {
    // One line when the name fits the room (up to 42 % of the width), else two.
    const room = Math.max(8, Math.floor((width * share) / charPx));
    const wrapped = new Map(values.map((v) => [v, wrapLabel(short(v), room)]));
    const widest = Math.max(4, ...[...wrapped.values()].flatMap((l) => l.split('\n')).map((l) => l.length));
    const twoLines = [...wrapped.values()].some((l) => l.includes('\n'));
    const rowPx = Math.ceil(font * (twoLines ? 2.6 : 1.7));
    const natural = rows * rowPx + font * 3;
    // A fixed height too short for every row to be read: the chart takes the height it needs
    // (its block scrolls) rather than overlap the names.
    const height = fixed && fixed >= natural - font ? fixed : natural;
    // Wide letters (M, W, Ư) make a line longer than the average: a little more room.
    return { wrapped, marginLeft: Math.ceil(widest * font * 0.6) + 12, height: Math.max(height, font * 6), natural };
  };

  if (spec.type === 'hbar' || spec.type === 'diverging' || (spec.type === 'dumbbell' && !hasColor)) {
    const rows = data.filter((d) => d.y !== null);
    const order = [...rows].sort((a, b) => (b.y ?? 0) - (a.y ?? 0)).map((d) => String(d.x));
    const domain = [...new Set(order)];
    const h = horizontal(domain, domain.length);
    const values = rows.map((d) => d.y ?? 0);
    const max = Math.max(0, ...values);
    const min = Math.min(0, ...values);
    const labelRoom = (Math.max(...values.map((v) => signed(v).length), 1) + 1) * charPx;
    const diverging = spec.type === 'diverging';
    const name = (d: ChartDatum) => String(d.x);
    const valueText = (rowsOf: ChartDatum[], side: 'start' | 'end') =>
      Plot.text(rowsOf, { y: name, x: 'y', text: (d: ChartDatum) => (diverging ? signed(d.y) : num(d.y)), textAnchor: side, dx: side === 'start' ? 4 : -4, fontSize: font });
    const marks: Plot.Markish[] = [
      Plot.barX(rows, { y: name, x: 'y', fill: diverging ? (d: ChartDatum) => ((d.y ?? 0) < 0 ? DOWN : UP) : hasColor ? 'color' : SINGLE_COLOR, tip: { format: { x: num, y: true } } }),
      // A value label beside each bar: outside its end, left of a bar below zero.
      valueText(rows.filter((d) => (d.y ?? 0) >= 0), 'start'),
      valueText(rows.filter((d) => (d.y ?? 0) < 0), 'end'),
      Plot.ruleX([0]),
    ];
    const span = Math.max(1, max - min);
    const plotWidth = Math.max(80, options.width - h.marginLeft - 16);
    // Room for the value labels beyond the longest bar on each side.
    const pad = (labelRoom / plotWidth) * span * 1.3;
    return Plot.plot({
      ...base,
      height: h.height,
      marginLeft: h.marginLeft,
      marginRight: 12,
      marginTop: font * 1.6,
      marginBottom: 8,
      x: { domain: [min < 0 ? min - pad : 0, max > 0 ? max + pad : 0], axis: null, label: spec.y },
      y: { domain, label: null, tickSize: 0, tickFormat: (d: string) => h.wrapped.get(d) ?? d },
      marks,
    });
  }

  if (spec.type === 'dumbbell' && hasColor) {
    // Two years side by side for each unit: a dot per year joined by a line, the figure beside
    // each dot (the smaller to the left, the larger to the right), rows sorted by the later
    // year's figure. Rows too many for a fixed height continue in a column beside, as the heat
    // table does, all on one scale.
    const key = (x: ChartDatum['x']) => (x instanceof Date ? x.getTime() : x);
    const years = [...new Set(data.map((d) => key(d.x)))].sort(compareValues);
    const early = years[0]!;
    const late = years[years.length - 1]!;
    type Pair = { unit: string; a: number | null; b: number | null };
    const pairs = new Map<string, Pair>();
    for (const d of data) {
      const unit = String(d.color ?? '');
      const p = pairs.get(unit) ?? { unit, a: null, b: null };
      if (key(d.x) === early) p.a = d.y;
      if (key(d.x) === late) p.b = d.y;
      pairs.set(unit, p);
    }
    const rows = [...pairs.values()].sort((p, q) => (q.b ?? -Infinity) - (p.b ?? -Infinity) || (q.a ?? -Infinity) - (p.a ?? -Infinity) || compareValues(p.unit, q.unit));
    // The dots are the data's own rows (a click on one picks its unit and year, as on bars),
    // each told which side its figure goes.
    const byUnit = new Map(rows.map((p) => [p.unit, p]));
    const points = data
      .filter((d) => d.y !== null && (key(d.x) === early || key(d.x) === late))
      .map((d) => {
        const p = byUnit.get(String(d.color ?? ''))!;
        const other = key(d.x) === early ? p.b : p.a;
        return { ...d, unit: p.unit, year: String(key(d.x)), value: d.y!, left: other === null ? key(d.x) === early : key(d.x) === early ? d.y! <= other : d.y! < other };
      });
    const values = points.map((d) => d.value);
    // The scale spans the figures (not from zero): what is read is the gap between the dots,
    // and each dot carries its figure.
    const max = values.length ? Math.max(...values) : 1;
    const min = values.length ? Math.min(...values) : 0;
    const legendPx = font * 2;
    const room = options.height ? options.height - legendPx : Infinity;
    // The layout: 1–4 columns of rows, names in half (or less) of a column. The first that fits
    // the height with every name whole wins; failing that, the shortest with names whole.
    const fit = (groups: number, share: number) => {
      const width = Math.floor(options.width / groups) - (groups > 1 ? 12 : 0);
      const per = Math.ceil(rows.length / groups);
      const h = horizontal(rows.map((p) => p.unit), per, width, undefined, share);
      const twoLines = [...h.wrapped.values()].some((l) => l.includes('\n'));
      const rowPx = Math.ceil(font * (twoLines ? 2.45 : 1.7));
      const natural = per * rowPx + font * 1.2 + 10;
      const whole = [...h.wrapped.values()].every((l) => !l.endsWith('…'));
      return { groups, width, per, h, natural, whole, height: Math.max(font * 6, Number.isFinite(room) && room >= natural ? room : natural), usable: width - h.marginLeft >= font * 7 };
    };
    const layouts = [1, 2, 3, 4].filter((g) => g === 1 || (options.height && rows.length / g >= 4)).flatMap((g) => [0.5, 0.58, 0.42].map((share) => fit(g, share))).filter((l, i) => i === 0 || l.usable);
    const L = layouts.find((l) => l.whole && l.natural <= room) ?? [...layouts].sort((p, q) => Number(q.whole) - Number(p.whole) || p.natural - q.natural)[0]!;
    const r = Math.max(4, font * 0.42);
    const labelPx = (Math.max(1, ...values.map((v) => num(v).length)) + 1) * charPx + r + 4;
    const plotWidth = Math.max(80, L.width - L.h.marginLeft - 16);
    // Room for the figures beyond the outermost dots, on both sides.
    const span = (max - min || Math.max(1, Math.abs(max))) / Math.max(0.2, 1 - (2 * labelPx) / plotWidth);
    const pad = (labelPx / plotWidth) * span;
    // The earlier year light, the later strong; a legend (projector-size type) names them.
    const yearColors = { type: 'ordinal' as const, domain: [String(early), String(late)], range: [CATEGORY_COLORS[5]!, CATEGORY_COLORS[0]!], label: spec.x, style: { fontSize: `${font}px`, fontFamily: FONT } };
    const plots = Array.from({ length: L.groups }, (_, g) => {
      const part = rows.slice(g * L.per, (g + 1) * L.per);
      const domain = part.map((p) => p.unit);
      const dots = points.filter((d) => domain.includes(d.unit));
      const label = (left: boolean) =>
        Plot.text(dots.filter((d) => d.left === left), { y: 'unit', x: 'value', text: (d: { value: number }) => num(d.value), textAnchor: left ? 'end' : 'start', dx: left ? -(r + 4) : r + 4, fontSize: font });
      return Plot.plot({
        ...base,
        width: L.width,
        // A last column with fewer rows keeps the rows' spacing.
        height: Math.round(font * 1.2 + 10 + ((L.height - font * 1.2 - 10) * part.length) / L.per),
        marginLeft: L.h.marginLeft,
        marginRight: 16,
        marginTop: font * 0.8,
        marginBottom: 8,
        x: { domain: [min - pad, max + pad], axis: null, label: spec.y },
        y: { domain, label: null, tickSize: 0, tickFormat: (d: string) => L.h.wrapped.get(d) ?? d },
        color: { ...yearColors, legend: L.groups === 1 },
        marks: [
          Plot.ruleY(part.filter((p) => p.a !== null && p.b !== null), { y: 'unit', x1: 'a', x2: 'b', stroke: '#8a94a3', strokeWidth: Math.max(2, font * 0.18) }),
          Plot.dot(dots, { y: 'unit', x: 'value', fill: 'year', r, tip: { format: { x: num, y: true, fill: true } } }),
          label(true),
          label(false),
        ],
      });
    });
    if (plots.length === 1) return plots[0]!;
    // One legend over the columns, so they start level.
    const figure = document.createElement('div');
    figure.append(Plot.legend({ color: yearColors, style: yearColors.style }) as Element, sideBySide(plots, 12));
    return figure;
  }

  if (spec.type === 'heat') {
    // Rows: the colour column (units); columns: x (years); the figure in each cell. Too many
    // rows for a fixed height are laid out in side-by-side tables rather than squeezed.
    const rowKey = (d: ChartDatum) => (hasColor ? String(d.color ?? '') : String(d.x));
    const colKey = (d: ChartDatum) => (hasColor ? String(d.x instanceof Date ? d.x.getTime() : d.x) : spec.y);
    const rowsDomain = [...new Set(data.map(rowKey))];
    const colsDomain = [...new Set(data.map(colKey))];
    const max = Math.max(0, ...data.map((d) => d.y ?? 0));
    const headPx = font * 2.2;
    const needChars = Math.max(4, ...rowsDomain.map((v) => twoLineWidth(short(v))));
    const layout = (groups: number) => {
      const width = Math.floor(options.width / groups) - (groups > 1 ? 8 : 0);
      const per = Math.ceil(rowsDomain.length / groups);
      // The cells give way to the names (each whole in two lines) down to a figure's width.
      const cellPx = Math.max(font * 3.2, Math.min(Math.max(font * 4, Math.min(140, width * 0.18)), (width - needChars * charPx - 24) / colsDomain.length));
      const room = Math.max(8, Math.floor((width - cellPx * colsDomain.length - 16) / charPx));
      const wrapped = new Map(rowsDomain.map((v) => [v, wrapLabel(short(v), room)]));
      const twoLines = [...wrapped.values()].some((l) => l.includes('\n'));
      const rowPx = Math.ceil(font * (twoLines ? 2.5 : 1.6));
      const widest = Math.max(4, ...[...wrapped.values()].flatMap((l) => l.split('\n')).map((l) => l.length));
      return { groups, width, per, cellPx, wrapped, rowPx, marginLeft: Math.ceil(widest * charPx) + 12, height: per * rowPx + headPx + 6 };
    };
    let best = layout(1);
    for (let g = 2; options.height && best.height > options.height && g <= 4 && rowsDomain.length / g >= 4; g++) {
      const next = layout(g);
      if (next.marginLeft + next.cellPx * colsDomain.length > next.width) break;
      best = next;
    }
    const L = best;
    const plots = Array.from({ length: L.groups }, (_, g) => {
      const domain = rowsDomain.slice(g * L.per, (g + 1) * L.per);
      const part = data.filter((d) => domain.includes(rowKey(d)));
      return Plot.plot({
        ...base,
        width: Math.min(L.width, Math.ceil(L.marginLeft + L.cellPx * colsDomain.length + 8)),
        height: domain.length * L.rowPx + headPx + 6,
        marginLeft: L.marginLeft,
        marginTop: headPx,
        marginBottom: 6,
        marginRight: 8,
        x: { domain: colsDomain, axis: 'top', label: null, tickSize: 0, padding: 0.04 },
        y: { domain, label: null, tickSize: 0, padding: 0.06, tickFormat: (d: string) => L.wrapped.get(d) ?? d },
        color: { type: 'linear', range: ['#eef5fb', '#0b4f8a'], domain: [0, max || 1] },
        marks: [
          Plot.cell(part, { x: colKey, y: rowKey, fill: 'y', tip: { format: { fill: num, x: true, y: true } } }),
          Plot.text(part, { x: colKey, y: rowKey, text: (d: ChartDatum) => num(d.y), fill: (d: ChartDatum) => ((d.y ?? 0) > max * 0.55 ? 'white' : 'black'), fontSize: font }),
        ],
      });
    });
    return plots.length === 1 ? plots[0]! : sideBySide(plots, 8);
  }

  const crowded = labels.length * (longest * charPx + 8) > options.width - 80;
  // Vertical charts with long names on x: up to two lines under each; beyond that, slanted.
  const perBand = (options.width - 80) / Math.max(1, labels.length);
  const lineChars = Math.max(6, Math.floor(perBand / charPx) - 1);
  const fitsTwo = labels.every((l) => !wrapLabel(l, lineChars).endsWith('…'));
  const slant = crowded && !fitsTwo;
  const marginBottom = slant ? Math.min(options.height ? Math.round(options.height * 0.3) : 200, 30 + longest * charPx * 0.7) : crowded ? font * 3.4 : font * 2.6;
  const maxChars = Math.max(6, Math.floor((marginBottom - 20) / (charPx * 0.7)));
  const shown = (d: unknown) => short(String(d));
  const tickFormat = slant
    ? (d: unknown) => (shown(d).length > maxChars ? `${shown(d).slice(0, maxChars - 1)}…` : shown(d))
    : crowded || options.shortNames?.size
      ? (d: unknown) => (crowded ? wrapLabel(shown(d), lineChars) : shown(d))
      : undefined;
  const tick = { ...(slant ? { tickRotate: -35 } : {}), ...(tickFormat ? { tickFormat } : {}) };
  const legend = hasColor && spec.type !== 'line';
  const legendSpace = legend ? font * 3 : 0;
  const common = {
    ...base,
    // A fixed height is kept even when small (a crowded slide): a short chart beats a scrollbar.
    height: options.height ? Math.max(marginBottom + 40, options.height - legendSpace) : Math.max(320, Math.round(options.width * 0.45)) + marginBottom - 48,
    marginLeft: Math.max(48, font * 4),
    marginTop: font * 1.8,
    marginBottom,
    color: hasColor ? { legend, type: 'ordinal' as const, domain: colorDomain, range: colorRange, label: spec.color ?? undefined, style: { fontSize: `${font}px`, fontFamily: FONT } } : undefined,
    y: { grid: true, label: spec.y, tickFormat: num, labelArrow: 'none' as const, ticks: Math.max(3, Math.round(((options.height ?? 320) - marginBottom) / (font * 3))) },
  };

  if (spec.type === 'line') {
    const stroke = hasColor ? 'color' : SINGLE_COLOR;
    const marks: Plot.Markish[] = [
      Plot.lineY(data, { x: 'x', y: 'y', stroke, sort: 'x', strokeWidth: 2.5 }),
      Plot.dot(data, { x: 'x', y: 'y', fill: stroke, r: 3.5, tip, title: undefined }),
    ];
    // Each line named at its end instead of a legend to look up.
    const endLabels = hasColor ? Math.max(...colorDomain.map((c) => c.length)) * charPx + 12 : 0;
    if (hasColor) marks.push(Plot.text(data, Plot.selectLast({ x: 'x', y: 'y', z: 'color', text: 'color', fill: 'color', dx: 8, textAnchor: 'start', fontSize: font })));
    else marks.push(Plot.text(data, Plot.selectLast({ x: 'x', y: 'y', text: (d: ChartDatum) => num(d.y), dx: 8, textAnchor: 'start', fontSize: font })));
    const x = data[0]?.x instanceof Date ? { type: 'utc' as const } : { type: 'point' as const, domain: xDomain, ...tick };
    return Plot.plot({ ...common, marginRight: Math.min(options.width * 0.35, Math.max(24, hasColor ? endLabels : font * 4)), x: { label: null, ...x }, marks: [...marks, Plot.ruleY([0])] });
  }

  if (spec.type === 'groupedBar' && hasColor) {
    return Plot.plot({
      ...common,
      fx: { label: null, padding: 0.15, domain: xDomain, ...tick },
      x: { axis: null, domain: colorDomain },
      marks: [Plot.barY(data, { fx: 'x', x: 'color', y: 'y', fill, tip }), Plot.ruleY([0])],
    });
  }

  const marks: Plot.Markish[] = [];
  if (spec.type === 'stackedBar' && hasColor) {
    const totals = new Map<unknown, number>();
    for (const d of data) totals.set(d.x, (totals.get(d.x) ?? 0) + Math.abs(d.y ?? 0));
    marks.push(Plot.barY(data, { x: 'x', y: 'y', fill, tip, z: 'color', order: colorDomain }));
    // Values in the segments tall enough to hold them.
    const chartPx = (common.height as number) - marginBottom - font * 2;
    const big = (d: ChartDatum) => (Math.abs(d.y ?? 0) / Math.max(1e-9, Math.max(...totals.values()))) * chartPx >= font * 1.3;
    marks.push(Plot.text(data, Plot.stackY({ x: 'x', y: 'y', z: 'color', order: colorDomain, text: (d: ChartDatum) => (big(d) ? num(d.y) : ''), fill: 'white', fontSize: font, fontWeight: 600 })));
  } else {
    marks.push(Plot.barY(data, { x: 'x', y: 'y', fill, tip }));
    if (data.length <= 40) marks.push(Plot.text(data, { x: 'x', y: 'y', text: (d: ChartDatum) => num(d.y), dy: -font * 0.7, fontSize: font }));
  }
  // The x axis is named by its ticks (years, units) and the chart's title: no label to collide
  // with the last tick.
  return Plot.plot({ ...common, x: { label: null, type: 'band', domain: xDomain, ...tick }, marks: [...marks, Plot.ruleY([0])] });
}

/** Columns of one chart side by side (a long list of units split to fit the height). */
function sideBySide(plots: Element[], gap: number): HTMLElement {
  const box = document.createElement('div');
  box.className = 'heat-groups';
  box.style.display = 'flex';
  box.style.gap = `${gap}px`;
  box.style.alignItems = 'flex-start';
  box.append(...plots);
  return box;
}
