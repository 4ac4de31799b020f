/** The SQL of every analysis: comparisons (change, share, rank, vs province), classification
 *  distribution and transitions, units with no record. Identifiers are quoted; every value
 *  (years, unit types, units, levels) is a numbered parameter — nothing typed is pasted in. */
import { ident } from './quote';
import { LEVEL_MAP, UNIT_MAP } from './semantic-tables';

/** A table with the columns that play each role (null: the table has none). */
export interface FactSource {
  table: string;
  year: string | null;
  period: string | null;
  unit: string | null;
  unitType: string | null;
  category: string | null;
  level: string | null;
}

/** Units as each report named them, or rolled up onto today's units through the crosswalk. */
export type UnitView = 'asWas' | 'current';

export interface Filters {
  yearFrom: number | null;
  yearTo: number | null;
  unitTypes: string[];
  /** Unit keys (dictionary ids, or the name as written for an unmatched unit). */
  units: string[];
  categories: string[];
}

export const NO_FILTERS: Filters = { yearFrom: null, yearTo: null, unitTypes: [], units: [], categories: [] };

export type Aggregate = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'countUnits';
export interface Measure {
  /** null: count rows. */
  column: string | null;
  aggregate: Aggregate;
  label: string;
}

export type Dimension = 'year' | 'period' | 'unit' | 'unitType' | 'category' | 'level';
export type CompareMode = 'none' | 'change' | 'share' | 'rank' | 'vsAverage' | 'vsTotal';

/** Result column names, in the interface language. */
export interface Labels {
  year: string;
  unit: string;
  unitType: string;
  level: string;
  previous: string;
  change: string;
  changePct: string;
  share: string;
  rank: string;
  average: string;
  vsAverage: string;
  total: string;
  movement: string;
  up: string;
  down: string;
  same: string;
  notComparable: string;
  count: string;
}

export interface Comparison {
  source: FactSource;
  measures: Measure[];
  dims: Dimension[];
  compare: CompareMode;
  filters: Filters;
  view: UnitView;
  /** Keep the `top` largest values (of the first measure) in each group of the other dims. */
  top?: number;
  labels: Labels;
}

export interface BuiltQuery {
  sql: string;
  params: unknown[];
  /** The tables the query reads (its result changes only when one of them does); absent: any. */
  reads?: string[];
  /** The same result from a pre-aggregated table (see `PreAggregate`). */
  preagg?: PreAggregate;
}

/** A small table the query can be answered from: the rows grouped by the query's dimensions
 *  and the columns its filters test, with sums, counts, minima and maxima kept per group, so a
 *  change of years, unit types, units or categories aggregates a few rows instead of the table
 *  (Mosaic's pre-aggregation). Named by a hash of its SELECT, which has no parameters. */
export interface PreAggregate {
  table: string;
  /** The SELECT that fills the table. */
  select: string;
  /** The query on the table, with the same parameters as the query it stands for. */
  sql: string;
}

/** Numbered parameters (`$1`, `$2`…), so pieces can be built in any order. */
class Params {
  readonly values: unknown[] = [];
  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  list(values: readonly unknown[]): string {
    return values.map((v) => this.bind(v)).join(', ');
  }
}

const col = (alias: string, name: string | null, cast = 'VARCHAR') => (name ? `CAST(${alias}.${ident(name)} AS ${cast})` : `NULL::${cast}`);

/** One row per source row, with the roles under fixed names: year, period, unit_key/unit
 *  (per the view), orig_key/orig_unit (as written), unit_type, category, level_rank/level,
 *  and m0, m1… for the measures. */
function baseSelect(src: FactSource, view: UnitView, measures: (string | null)[]): string {
  const unitText = col('t', src.unit);
  const prefix = view === 'current' ? 'current' : 'unit';
  const fields = [
    `${src.year ? `TRY_CAST(t.${ident(src.year)} AS INTEGER)` : 'NULL::INTEGER'} AS "year"`,
    `${col('t', src.period)} AS "period"`,
    `coalesce(m.${prefix}_id, ${unitText}) AS "unit_key"`,
    `coalesce(m.${prefix}_name, ${unitText}) AS "unit"`,
    `coalesce(m.unit_id, ${unitText}) AS "orig_key"`,
    `coalesce(m.unit_name, ${unitText}) AS "orig_unit"`,
    // A type written in the table describes the unit as it was; today's units take the dictionary's.
    view === 'current' ? `coalesce(m.current_type, ${col('t', src.unitType)}) AS "unit_type"` : `coalesce(${col('t', src.unitType)}, m.unit_type) AS "unit_type"`,
    `${col('t', src.category)} AS "category"`,
    `l.level_rank AS "level_rank"`,
    `coalesce(l.level_name, ${col('t', src.level)}) AS "level"`,
    ...measures.map((m, i) => `${m ? `TRY_CAST(t.${ident(m)} AS DOUBLE)` : 'NULL::DOUBLE'} AS "m${i}"`),
  ];
  const joins = [
    src.unit ? `LEFT JOIN ${ident(UNIT_MAP)} AS m ON m.raw = ${unitText}` : `LEFT JOIN (SELECT NULL::VARCHAR AS unit_id, NULL::VARCHAR AS unit_name, NULL::VARCHAR AS unit_type, NULL::VARCHAR AS current_id, NULL::VARCHAR AS current_name, NULL::VARCHAR AS current_type) AS m ON false`,
    src.level ? `LEFT JOIN ${ident(LEVEL_MAP)} AS l ON l.raw = ${col('t', src.level)}` : `LEFT JOIN (SELECT NULL::INTEGER AS level_rank, NULL::VARCHAR AS level_name) AS l ON false`,
  ];
  return `SELECT ${fields.join(', ')} FROM ${ident(src.table)} AS t ${joins.join(' ')}`;
}

/** Unit type, unit and category filters (the year range is applied after comparing, so the
 *  first year shown can still be compared with the one before it). */
function rowFilters(f: Filters, p: Params): string[] {
  const where: string[] = [];
  if (f.unitTypes.length > 0) where.push(`unit_type IN (${p.list(f.unitTypes)})`);
  if (f.units.length > 0) where.push(`unit_key IN (${p.list(f.units)})`);
  if (f.categories.length > 0) where.push(`category IN (${p.list(f.categories)})`);
  return where;
}

function yearFilters(f: Filters, p: Params, column = 'year'): string[] {
  const where: string[] = [];
  if (f.yearFrom !== null) where.push(`${column} >= ${p.bind(Math.trunc(f.yearFrom))}`);
  if (f.yearTo !== null) where.push(`${column} <= ${p.bind(Math.trunc(f.yearTo))}`);
  return where;
}

const whereClause = (parts: string[]) => (parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '');

/** Columns each dimension groups by (the first one is what it is displayed as). */
const DIM_COLUMNS: Record<Dimension, string[]> = {
  year: ['year'],
  period: ['period'],
  unit: ['unit', 'unit_key'],
  unitType: ['unit_type'],
  category: ['category'],
  level: ['level', 'level_rank'],
};

/** Ordering of each dimension: levels best first, the rest by value. */
const DIM_ORDER: Record<Dimension, string> = {
  year: 'year',
  period: 'period',
  unit: 'unit',
  unitType: 'unit_type',
  category: 'category',
  level: 'level_rank NULLS LAST, level',
};

function aggregate(m: Measure, i: number): string {
  const v = `m${i}`;
  switch (m.aggregate) {
    case 'sum':
      return `sum(${v})`;
    case 'avg':
      return `round(avg(${v}), 2)`;
    case 'min':
      return `min(${v})`;
    case 'max':
      return `max(${v})`;
    case 'count':
      return m.column ? `count(${v})` : 'count(*)';
    case 'countUnits':
      return 'count(DISTINCT unit_key)';
  }
}

function dimLabel(d: Dimension, src: FactSource, labels: Labels): string {
  switch (d) {
    case 'year':
      return labels.year;
    case 'period':
      return src.period ?? 'period';
    case 'unit':
      return labels.unit;
    case 'unitType':
      return labels.unitType;
    case 'category':
      return src.category ?? 'category';
    case 'level':
      return labels.level;
  }
}

/** The dimension a share, rank or average is taken across (the others form the groups). */
function subjectDim(dims: Dimension[]): Dimension | null {
  return (['unit', 'category', 'level', 'unitType', 'period'] as Dimension[]).find((d) => dims.includes(d)) ?? null;
}

/** Measures per group, with an optional comparison. */
export function comparisonQuery(spec: Comparison): BuiltQuery {
  const p = new Params();
  const { source, labels } = spec;
  const dims = spec.dims.filter((d) => d !== 'year' || source.year);
  const measures = spec.measures.length > 0 ? spec.measures : [{ column: null, aggregate: 'count' as const, label: labels.count }];
  const groupCols = dims.flatMap((d) => DIM_COLUMNS[d]);
  const base = baseSelect(source, spec.view, measures.map((m) => m.column));
  const filterWhere = whereClause(rowFilters(spec.filters, p));
  const filtered = `SELECT * FROM base${filterWhere}`;
  const aggs = measures.map((m, i) => `${aggregate(m, i)} AS "v${i}"`);
  const groupClause = (cols: string[]) => (cols.length > 0 ? ` GROUP BY ${cols.join(', ')}` : '');
  const agg = `SELECT ${[...groupCols, ...aggs].join(', ')} FROM filtered${groupClause(groupCols)}`;
  // The pre-aggregate: grouped by the dimensions and every column a filter in use tests.
  const filterCols = [
    ...(spec.filters.unitTypes.length > 0 ? ['unit_type'] : []),
    ...(spec.filters.units.length > 0 || measures.some((m) => m.aggregate === 'countUnits') ? ['unit_key'] : []),
    ...(spec.filters.categories.length > 0 ? ['category'] : []),
  ];
  const preCols = [...new Set([...groupCols, ...filterCols])].sort();
  const stats = measures.flatMap((_, i) => [`sum(m${i}) AS s${i}`, `count(m${i}) AS c${i}`, `min(m${i}) AS lo${i}`, `max(m${i}) AS hi${i}`]);
  const preSelect = `SELECT ${[...preCols, 'count(*) AS n', ...stats].join(', ')} FROM (${base})${groupClause(preCols)}`;
  const preTable = `__preagg_${hashText(preSelect)}`;
  // One row of the pre-aggregate per group already (no filter column beyond the groups): its
  // statistics are the figures, with no second aggregation (a unit × year view: 60,000 rows).
  const oneRowPerGroup = preCols.length === new Set(groupCols).size && measures.every((m) => m.aggregate !== 'countUnits');
  const preAggs = measures.map((m, i) => `${oneRowPerGroup ? groupStats(m, i) : aggregateStats(m, i)} AS "v${i}"`);
  const preAgg = oneRowPerGroup
    ? `SELECT ${[...groupCols, ...preAggs].join(', ')} FROM ${ident(preTable)}${filterWhere}`
    : `SELECT ${[...groupCols, ...preAggs].join(', ')} FROM ${ident(preTable)}${filterWhere}${groupClause(groupCols)}`;

  const select = [
    ...dims.map((d) => `a.${DIM_COLUMNS[d][0]} AS ${ident(dimLabel(d, source, labels))}`),
    ...measures.map((m, i) => `a.v${i} AS ${ident(m.label)}`),
  ];
  let from = 'agg AS a';
  const others = (except: Dimension | null) => dims.filter((d) => d !== except).flatMap((d) => DIM_COLUMNS[d]);
  const subject = subjectDim(dims);
  const groupBy = others(subject);
  const partition = groupBy.length > 0 ? `PARTITION BY ${groupBy.map((c) => `a.${c}`).join(', ')}` : '';

  const compare = spec.compare === 'change' && !dims.includes('year') ? 'none' : spec.compare;
  switch (compare) {
    case 'change': {
      const same = others('year').map((c) => `p.${c} IS NOT DISTINCT FROM a.${c}`);
      from = `agg AS a LEFT JOIN agg AS p ON p.year = a.year - 1${same.map((s) => ` AND ${s}`).join('')}`;
      select.push(`p.v0 AS ${ident(labels.previous)}`, `a.v0 - p.v0 AS ${ident(labels.change)}`, `round(100.0 * (a.v0 - p.v0) / nullif(p.v0, 0), 1) AS ${ident(labels.changePct)}`);
      break;
    }
    case 'share':
      select.push(`round(100.0 * a.v0 / nullif(sum(a.v0) OVER (${partition}), 0), 1) AS ${ident(labels.share)}`);
      break;
    case 'rank':
      select.push(`rank() OVER (${partition} ORDER BY a.v0 DESC NULLS LAST) AS ${ident(labels.rank)}`);
      break;
    case 'vsAverage':
      select.push(`round(avg(a.v0) OVER (${partition}), 2) AS ${ident(labels.average)}`, `round(a.v0 - avg(a.v0) OVER (${partition}), 2) AS ${ident(labels.vsAverage)}`);
      break;
    case 'vsTotal':
      select.push(`sum(a.v0) OVER (${partition}) AS ${ident(labels.total)}`, `round(100.0 * a.v0 / nullif(sum(a.v0) OVER (${partition}), 0), 1) AS ${ident(labels.share)}`);
      break;
    case 'none':
      break;
  }

  const where = dims.includes('year') ? yearFilters(spec.filters, p, 'a.year') : [];
  const order = spec.top
    ? [...groupBy.map((c) => `a.${c}`), 'a.v0 DESC NULLS LAST', ...dims.filter((d) => d === subject).map((d) => `a.${DIM_ORDER[d]}`)]
    : dims.map((d) => DIM_ORDER[d].split(', ').map((part) => `a.${part}`).join(', '));
  // Top N per group: the N-th largest value of each group first (a heap, one pass), so only the
  // rows that can be in the top are ranked (ranking every unit of every year sorted 60,000 rows).
  const top = spec.top ? p.bind(Math.max(1, Math.trunc(spec.top))) : null;
  const cut = top
    ? `cut AS (SELECT ${[...groupBy.map((c) => `a.${c}`), `CASE WHEN len(max(a.v0, ${top}::BIGINT)) < ${top} THEN NULL ELSE list_last(max(a.v0, ${top}::BIGINT)) END AS t`].join(', ')} FROM agg AS a${whereClause(where)}${groupBy.length > 0 ? ` GROUP BY ${groupBy.map((c) => `a.${c}`).join(', ')}` : ''})`
    : null;
  if (top) {
    from += ` JOIN cut AS k ON ${groupBy.map((c) => `k.${c} IS NOT DISTINCT FROM a.${c}`).join(' AND ') || 'true'}`;
    where.push('(k.t IS NULL OR a.v0 >= k.t)');
  }
  const qualify = top ? ` QUALIFY row_number() OVER (${partition} ORDER BY a.v0 DESC NULLS LAST, a.${DIM_COLUMNS[subject ?? 'year'][0]}) <= ${top}` : '';
  const rest = [`SELECT ${select.join(', ')}`, `FROM ${from}${whereClause(where)}${qualify}`, order.length > 0 ? `ORDER BY ${order.join(', ')}` : ''];
  const ctes = (aggSql: string) => (cut ? [`agg AS (${aggSql}),`, cut] : [`agg AS (${aggSql})`]);
  const sql = [`WITH base AS (${base}),`, `filtered AS (${filtered}),`, ...ctes(agg), ...rest].filter(Boolean).join('\n');
  const [firstCte, ...moreCtes] = ctes(preAgg);
  const cachedSql = [`WITH ${firstCte}`, ...moreCtes, ...rest].filter(Boolean).join('\n');
  return { sql, params: p.values, reads: readsOf([source]), preagg: { table: preTable, select: preSelect, sql: cachedSql } };
}

/** A measure's aggregate computed from the pre-aggregate's per-group statistics. */
function aggregateStats(m: Measure, i: number): string {
  switch (m.aggregate) {
    case 'sum':
      return `sum(s${i})`;
    case 'avg':
      return `round(sum(s${i}) / sum(c${i}), 2)`;
    case 'min':
      return `min(lo${i})`;
    case 'max':
      return `max(hi${i})`;
    case 'count':
      return `CAST(coalesce(sum(${m.column ? `c${i}` : 'n'}), 0) AS BIGINT)`;
    case 'countUnits':
      return 'count(DISTINCT unit_key)';
  }
}

/** The same figure from a pre-aggregate row that is its group already. */
function groupStats(m: Measure, i: number): string {
  switch (m.aggregate) {
    case 'sum':
      return `s${i}`;
    case 'avg':
      return `round(s${i} / c${i}, 2)`;
    case 'min':
      return `lo${i}`;
    case 'max':
      return `hi${i}`;
    case 'count':
      return `CAST(coalesce(${m.column ? `c${i}` : 'n'}, 0) AS BIGINT)`;
    case 'countUnits':
      return aggregateStats(m, i);
  }
}

/** The tables a query on these sources reads: theirs and the unit and level maps. */
function readsOf(sources: FactSource[]): string[] {
  return [...new Set(sources.map((s) => s.table)), UNIT_MAP, LEVEL_MAP];
}

/** A short stable hash of a text (two 32-bit FNV-style hashes), for naming derived tables. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Units that existed in a year (they appear in any of `presence`'s tables that year) but
 *  have no row, or only zeros, in `source` for that year. */
export function missingUnitsQuery(spec: { source: FactSource; measure: Measure; presence: FactSource[]; filters: Filters; view: UnitView; labels: Labels }): BuiltQuery {
  const p = new Params();
  const tables = [spec.source, ...spec.presence.filter((s) => s.table !== spec.source.table)].filter((s) => s.year && s.unit);
  const presence = tables.map((s) => `SELECT year, unit_key, unit, unit_type FROM (${baseSelect(s, spec.view, [])})`).join(' UNION ');
  const sql = [
    `WITH base AS (${baseSelect(spec.source, spec.view, [spec.measure.column])}),`,
    `agg AS (SELECT year, unit_key, ${aggregate(spec.measure, 0)} AS v0 FROM base GROUP BY year, unit_key),`,
    `present AS (SELECT year, unit_key, any_value(unit) AS unit, any_value(unit_type) AS unit_type FROM (${presence}) WHERE year IS NOT NULL GROUP BY year, unit_key),`,
    `filtered AS (SELECT * FROM present${whereClause([...rowFilters({ ...spec.filters, categories: [] }, p), ...yearFilters(spec.filters, p)])})`,
    `SELECT f.year AS ${ident(spec.labels.year)}, f.unit AS ${ident(spec.labels.unit)}, f.unit_type AS ${ident(spec.labels.unitType)}, coalesce(a.v0, 0) AS ${ident(spec.measure.label)}`,
    `FROM filtered AS f LEFT JOIN agg AS a ON a.year = f.year AND a.unit_key = f.unit_key`,
    `WHERE coalesce(a.v0, 0) = 0`,
    `ORDER BY f.year, f.unit_type, f.unit`,
  ].join('\n');
  return { sql, params: p.values, reads: readsOf([spec.source, ...spec.presence]) };
}

export interface TransitionSpec {
  source: FactSource;
  from: number;
  to: number;
  filters: Filters;
  view: UnitView;
  labels: Labels;
}

/** One row per unit (or, in the `current` view, per unit and the unit it became), with its
 *  level in `from` and `to` and the ranks `__ra`/`__rb` for ordering. */
function transitionRows(spec: TransitionSpec, p: Params): string {
  const { labels } = spec;
  const filters = whereClause(rowFilters(spec.filters, p));
  const from = p.bind(Math.trunc(spec.from));
  const to = p.bind(Math.trunc(spec.to));
  // A unit merged in between has no row of its own in `to`: it meets the unit it became.
  const join =
    spec.view === 'current'
      ? 'a.unit_key = b.unit_key AND (a.orig_key = b.orig_key OR a.gone)'
      : 'a.orig_key = b.orig_key';
  const movement = `CASE WHEN a.level_rank IS NULL OR b.level_rank IS NULL THEN ${p.bind(labels.notComparable)} WHEN b.level_rank < a.level_rank THEN ${p.bind(labels.up)} WHEN b.level_rank > a.level_rank THEN ${p.bind(labels.down)} ELSE ${p.bind(labels.same)} END`;
  const columns = [
    `coalesce(a.orig_unit, b.orig_unit) AS ${ident(labels.unit)}`,
    ...(spec.view === 'current' ? [`b.orig_unit AS ${ident(`${labels.unit} ${spec.to}`)}`] : []),
    `a.level AS ${ident(`${labels.level} ${spec.from}`)}`,
    `b.level AS ${ident(`${labels.level} ${spec.to}`)}`,
    `${movement} AS ${ident(labels.movement)}`,
    'coalesce(a.level_rank, 9) AS __ra',
    'coalesce(b.level_rank, 9) AS __rb',
  ];
  return [
    `WITH base AS (${baseSelect(spec.source, spec.view, [])}),`,
    `filtered AS (SELECT * FROM base${filters}),`,
    `a AS (SELECT *, orig_key NOT IN (SELECT orig_key FROM filtered WHERE year = ${to}) AS gone FROM filtered WHERE year = ${from}),`,
    `b AS (SELECT * FROM filtered WHERE year = ${to})`,
    `SELECT ${columns.join(', ')} FROM a FULL JOIN b ON ${join}`,
  ].join('\n');
}

/** Each unit's level in year `from` and in year `to`, and whether it moved up or down. */
export function transitionQuery(spec: TransitionSpec): BuiltQuery {
  const p = new Params();
  const sql = `SELECT * EXCLUDE (__ra, __rb) FROM (\n${transitionRows(spec, p)}\n)\nORDER BY __ra, __rb, 1`;
  return { sql, params: p.values, reads: readsOf([spec.source]) };
}

/** How many units went from each level in `from` to each level in `to`. */
export function transitionMatrixQuery(spec: TransitionSpec): BuiltQuery {
  const p = new Params();
  const a = ident(`${spec.labels.level} ${spec.from}`);
  const b = ident(`${spec.labels.level} ${spec.to}`);
  const sql = `SELECT ${a}, ${b}, count(*) AS ${ident(spec.labels.count)} FROM (\n${transitionRows(spec, p)}\n)\nGROUP BY ${a}, ${b}, __ra, __rb\nORDER BY __ra, __rb`;
  return { sql, params: p.values, reads: readsOf([spec.source]) };
}

/** Units rated below `rank` (1 = best) in the years of the filter, worst first. */
export function belowLevelQuery(spec: { source: FactSource; score: string | null; rank: number; filters: Filters; view: UnitView; labels: Labels; scoreLabel: string }): BuiltQuery {
  const p = new Params();
  const where = [...rowFilters(spec.filters, p), ...yearFilters(spec.filters, p), `level_rank > ${p.bind(Math.trunc(spec.rank))}`];
  const { labels } = spec;
  const sql = [
    `WITH base AS (${baseSelect(spec.source, spec.view, [spec.score])})`,
    `SELECT year AS ${ident(labels.year)}, unit AS ${ident(labels.unit)}, unit_type AS ${ident(labels.unitType)}, level AS ${ident(labels.level)}${spec.score ? `, m0 AS ${ident(spec.scoreLabel)}` : ''}`,
    `FROM base${whereClause(where)}`,
    `ORDER BY year, level_rank DESC, unit`,
  ].join('\n');
  return { sql, params: p.values, reads: readsOf([spec.source]) };
}

/** Level values no level matched, with how many rows hold each (shown, never guessed). */
export function unknownLevelsQuery(source: FactSource): string {
  if (!source.level) return 'SELECT NULL::VARCHAR AS v, 0 AS n WHERE false';
  return `SELECT CAST(t.${ident(source.level)} AS VARCHAR) AS v, count(*) AS n FROM ${ident(source.table)} AS t LEFT JOIN ${ident(LEVEL_MAP)} AS l ON l.raw = CAST(t.${ident(source.level)} AS VARCHAR) WHERE l.raw IS NULL AND t.${ident(source.level)} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`;
}

/** The values a table offers to each filter control: one row per (kind, key, label). */
export function filterOptionsQuery(source: FactSource, view: UnitView): BuiltQuery {
  return { sql: filterOptionsSql(source, view), params: [], reads: readsOf([source]) };
}

function filterOptionsSql(source: FactSource, view: UnitView): string {
  const parts = [
    `SELECT DISTINCT 'year' AS kind, CAST(year AS VARCHAR) AS key, CAST(year AS VARCHAR) AS label FROM base WHERE year IS NOT NULL`,
    `SELECT DISTINCT 'unitType', unit_type, unit_type FROM base WHERE unit_type IS NOT NULL`,
    `SELECT DISTINCT 'category', category, category FROM base WHERE category IS NOT NULL`,
    `SELECT DISTINCT 'unit', unit_key, unit FROM base WHERE unit_key IS NOT NULL`,
  ];
  return `WITH base AS (${baseSelect(source, view, [])})\n${parts.join('\nUNION ALL\n')}\nORDER BY kind, label`;
}

/** The query with its parameters written in as literals: what "open in the SQL editor"
 *  shows, so an analyst can read and change it. Never run by the analyses themselves. */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
      continue;
    }
    const m = ch === '$' ? /^\$(\d+)/.exec(sql.slice(i)) : null;
    if (m) {
      out += sqlLiteral(params[Number(m[1]) - 1]);
      i += m[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** Who reported in two years: one row per year, period, unit and unit type with the measure's
 *  sum (`v`, or for `topLevel` the rows at the best level) and the rows (`n`). The KPI compares
 *  the sets of units (not like for like when they differ) and sums the units of both years. */
export function unitYearsQuery(spec: { source: FactSource; measure: string | null; topLevel: boolean; filters: Filters; view: UnitView; years: [number, number] }): BuiltQuery {
  const p = new Params();
  const where = whereClause([...rowFilters({ ...spec.filters, units: spec.filters.units }, p), `year IN (${p.list(spec.years.map((y) => Math.trunc(y)))})`, 'unit_key IS NOT NULL']);
  const value = spec.topLevel ? 'count(*) FILTER (WHERE level_rank = 1)' : spec.measure ? 'sum(m0)' : 'count(*)';
  const base = baseSelect(spec.source, spec.view, [spec.topLevel ? null : spec.measure]);
  const sql = [`WITH base AS (${base})`, `SELECT year, period, unit_key, any_value(unit_type) AS unit_type, ${value} AS v, count(*) AS n`, `FROM base${where}`, 'GROUP BY year, period, unit_key'].join('\n');
  // The pre-aggregate keeps every year, unit type and category, so a change of years or
  // filters (a KPI's or a change view's "who reported") reads it instead of the table.
  const preCols = ['year', 'period', 'unit_key', 'unit_type', ...(spec.filters.categories.length > 0 ? ['category'] : [])];
  const preSelect = `SELECT ${[...preCols, `${value} AS v`, 'count(*) AS n'].join(', ')} FROM (${base}) GROUP BY ${preCols.join(', ')}`;
  const preTable = `__preagg_${hashText(preSelect)}`;
  // Sums of counts are cast back to counts' own type (a sum of BIGINT is HUGEINT).
  const sumOf = (c: string) => (spec.topLevel || !spec.measure ? `sum(${c})::BIGINT` : `sum(${c})`);
  const cachedSql = [`SELECT year, period, unit_key, any_value(unit_type) AS unit_type, ${sumOf('v')} AS v, sum(n)::BIGINT AS n`, `FROM ${ident(preTable)}${where}`, 'GROUP BY year, period, unit_key'].join('\n');
  return { sql, params: p.values, reads: readsOf([spec.source]), preagg: { table: preTable, select: preSelect, sql: cachedSql } };
}

/** Who reported in a year and the year before, summed up by the engine (a million rows are
 *  ~70,000 unit-period rows: too many to count on the page at every filter change). Rows by
 *  `kind`: `type` (per unit type: units before and now, and how many are in one year only),
 *  `partial` (per type: units of both years reporting fewer periods now, and the periods they
 *  reported), `lfl` (the units of both years and their sums over the periods of both years).
 *  `samePeriods`: the year before counted over these periods only. `analyses/kpi.ts`
 *  `kpiCoverage` reads it; its row-by-row twin there is the reference the tests compare with. */
export function unitCoverageQuery(spec: Parameters<typeof unitYearsQuery>[0] & { samePeriods: readonly number[] | null }): BuiltQuery {
  const rows = unitYearsQuery(spec);
  const p = new Params();
  p.values.push(...rows.params);
  const [before, now] = spec.years.map((y) => p.bind(Math.trunc(y)));
  const same = spec.samePeriods ? `OR coalesce(TRY_CAST(period AS DOUBLE) IN (${p.list(spec.samePeriods)}), false)` : 'OR true';
  const asNumber = "CASE WHEN trim(period) = '' THEN 0 ELSE TRY_CAST(period AS DOUBLE) END";
  const sql = (inner: string) => [
    `WITH r AS (${inner}),`,
    `f AS (SELECT year, coalesce(period, '') AS period, unit_key, coalesce(unit_type, '') AS unit_type, coalesce(v, 0)::DOUBLE AS v FROM r`,
    `  WHERE year <> ${before} OR period IS NULL ${same}),`,
    'units AS (SELECT year, unit_key, any_value(unit_type) AS unit_type FROM f GROUP BY year, unit_key),',
    `b AS (SELECT unit_key, unit_type FROM units WHERE year = ${before}),`,
    `nw AS (SELECT unit_key, unit_type FROM units WHERE year = ${now}),`,
    'pv AS (SELECT year, unit_key, period, sum(v) AS v FROM f GROUP BY year, unit_key, period),',
    'both_years AS (SELECT nw.unit_key, nw.unit_type FROM nw JOIN b ON b.unit_key = nw.unit_key),',
    `short AS (SELECT DISTINCT o.unit_key, u.unit_type FROM pv AS o JOIN both_years AS u ON u.unit_key = o.unit_key`,
    `  LEFT JOIN pv AS c ON c.unit_key = o.unit_key AND c.period = o.period AND c.year = ${now}`,
    `  WHERE o.year = ${before} AND c.unit_key IS NULL),`,
    `reported AS (SELECT unit_key, ${asNumber} AS p FROM pv WHERE year = ${now})`,
    "SELECT 'type' AS kind, coalesce(b.unit_type, nw.unit_type) AS unit_type, count(b.unit_key) AS before, count(nw.unit_key) AS now,",
    '  count(*) FILTER (WHERE b.unit_key IS NULL OR nw.unit_key IS NULL) AS differ, NULL::BIGINT AS units, NULL::DOUBLE[] AS periods, NULL::DOUBLE AS value, NULL::DOUBLE AS previous',
    'FROM b FULL OUTER JOIN nw ON b.unit_key = nw.unit_key AND b.unit_type = nw.unit_type GROUP BY 2',
    "UNION ALL SELECT 'partial', s.unit_type, NULL, NULL, NULL, count(DISTINCT s.unit_key), list_sort(list(DISTINCT r.p) FILTER (WHERE r.p IS NOT NULL)), NULL, NULL",
    'FROM short AS s LEFT JOIN reported AS r ON r.unit_key = s.unit_key GROUP BY s.unit_type',
    "UNION ALL SELECT 'lfl', NULL, NULL, NULL, NULL, (SELECT count(*) FROM both_years), NULL,",
    `  (SELECT coalesce(sum(c.v), 0) FROM pv AS c JOIN pv AS o ON o.unit_key = c.unit_key AND o.period = c.period AND o.year = ${before} WHERE c.year = ${now}),`,
    `  (SELECT coalesce(sum(o.v), 0) FROM pv AS c JOIN pv AS o ON o.unit_key = c.unit_key AND o.period = c.period AND o.year = ${before} WHERE c.year = ${now})`,
  ].join('\n');
  const preagg = rows.preagg ? { ...rows.preagg, sql: sql(rows.preagg.sql) } : undefined;
  return { sql: sql(rows.sql), params: p.values, reads: rows.reads, preagg };
}

/** Fills a pre-aggregate (a temporary table: only the analyses' connection sees it). */
export function createPreAggregate(p: PreAggregate): string {
  return `CREATE OR REPLACE TEMP TABLE ${ident(p.table)} AS ${p.select}`;
}

export function dropPreAggregate(table: string): string {
  return `DROP TABLE IF EXISTS temp.${ident(table)}`;
}
