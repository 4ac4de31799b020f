/** The semantic layer: what each column of a table means. Proposed from header names
 *  (Vietnamese synonyms and abbreviations, with or without diacritics) and from values; the
 *  user confirms or edits the proposal once and it is saved with the workbook. */
import { levelOf } from './classification';
import { wordsKey } from './text-key';

export type ColumnRole =
  | 'year'
  | 'quarter'
  | 'month'
  | 'unit'
  | 'unitCode'
  | 'unitType'
  | 'category'
  | 'measure'
  | 'score'
  | 'level'
  | 'oldUnit'
  | 'newUnit'
  | 'effectiveDate'
  | 'none';

export const COLUMN_ROLES: readonly ColumnRole[] = [
  'year',
  'quarter',
  'month',
  'unit',
  'unitCode',
  'unitType',
  'category',
  'measure',
  'score',
  'level',
  'oldUnit',
  'newUnit',
  'effectiveDate',
  'none',
];

/** Roles a table may have only once (the rest, measures, may repeat). */
const SINGLE: ReadonlySet<ColumnRole> = new Set(['year', 'quarter', 'month', 'unit', 'unitCode', 'unitType', 'category', 'level', 'score', 'oldUnit', 'newUnit', 'effectiveDate']);

export interface ColumnFacts {
  name: string;
  /** DuckDB type. */
  type: string;
  /** A few distinct values (as text), to recognise years and levels. */
  samples?: string[];
}

export type TableRoles = Record<string, ColumnRole>;

const isNumeric = (type: string) => /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC|HUGEINT/i.test(type);

/** Header patterns, tested on the folded header (`Năm báo cáo` → `nam bao cao`). */
const BY_NAME: [ColumnRole, RegExp][] = [
  ['oldUnit', /^(ten )?(don vi|co quan|dia phuong|dv)( hanh chinh)? (cu|truoc sap xep|truoc)$/],
  ['newUnit', /^(ten )?(don vi|co quan|dia phuong|dv)( hanh chinh)? (moi|sau sap xep|sau|hien nay)$/],
  ['effectiveDate', /^(ngay )?(co )?hieu luc( tu ngay)?$|^ngay (ap dung|sap xep)$|^effective/],
  ['year', /^(nam|year|nam bao cao|nam danh gia|nam xep loai)$/],
  ['quarter', /^(quy|quarter|ky bao cao)$/],
  ['month', /^(thang|month)$/],
  ['unitCode', /^(ma|ma so) (don vi|dv|co quan)$|^unit code$/],
  ['unitType', /^(loai|cap|khoi|nhom) (don vi|dv|co quan)$|^(cap|khoi)$|^unit type$/],
  ['unit', /^(ten )?(don vi|dv|co quan|dia phuong|unit|so nganh|co quan don vi)$/],
  ['level', /^(ket qua |muc )?xep loai( dan van| cong tac dan van)?$|^classification$|^muc do hoan thanh/],
  ['score', /^(tong )?diem( so| danh gia| cham)?$|^score$/],
  ['category', /^(linh vuc|noi dung|chu de|nhom noi dung|loai mo hinh|field|subject|phan loai)$/],
];

function byValues(facts: ColumnFacts): ColumnRole | null {
  const samples = (facts.samples ?? []).filter((s) => s.trim() !== '');
  if (samples.length === 0) return null;
  if (!isNumeric(facts.type) && samples.every((s) => levelOf(s) !== null)) return 'level';
  return null;
}

function proposeOne(facts: ColumnFacts): ColumnRole {
  const key = wordsKey(facts.name);
  for (const [role, pattern] of BY_NAME) {
    if (!pattern.test(key)) continue;
    // A year, quarter or score must hold numbers; a text `Năm` column is not a year.
    if ((role === 'year' || role === 'quarter' || role === 'month' || role === 'score') && !isNumeric(facts.type)) continue;
    return role;
  }
  const fromValues = byValues(facts);
  if (fromValues) return fromValues;
  if (isNumeric(facts.type)) return /^(stt|tt|so tt|so thu tu)$/.test(key) ? 'none' : 'measure';
  return 'none';
}

/** One role per column; a single-use role proposed twice is kept on the first column only. */
export function proposeRoles(columns: ColumnFacts[]): TableRoles {
  const roles: TableRoles = {};
  const used = new Set<ColumnRole>();
  for (const c of columns) {
    let role = proposeOne(c);
    if (SINGLE.has(role) && used.has(role)) role = isNumeric(c.type) ? 'measure' : 'none';
    used.add(role);
    roles[c.name] = role;
  }
  return roles;
}

export function columnWith(roles: TableRoles, role: ColumnRole): string | null {
  return Object.entries(roles).find(([, r]) => r === role)?.[0] ?? null;
}

export function columnsWith(roles: TableRoles, role: ColumnRole): string[] {
  return Object.entries(roles)
    .filter(([, r]) => r === role)
    .map(([c]) => c);
}

/** What a table is, from its roles: a list of units, a crosswalk, or facts to analyse. */
export type TableKind = 'units' | 'crosswalk' | 'facts' | 'other';

export function tableKind(roles: TableRoles): TableKind {
  const has = (r: ColumnRole) => Object.values(roles).includes(r);
  if (has('oldUnit') && has('newUnit')) return 'crosswalk';
  if (has('unit') && !has('year') && !has('measure') && !has('level') && !has('score')) return 'units';
  if (has('unit') || has('year')) return 'facts';
  return 'other';
}
