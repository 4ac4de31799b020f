/** Table and column naming rules of CONTRACT.md. */

/** Folds Vietnamese letters to ASCII: đ→d and every diacritic dropped. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function stripExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `Tiếp công dân 2022.csv` → `tiep_cong_dan_2022`; `_2`, `_3`… when the name is taken. */
export function tableNameFor(fileName: string, taken: Iterable<string>): string {
  let base = foldVietnamese(stripExtension(fileName))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') base = 'table';
  if (/^[0-9]/.test(base)) base = `t_${base}`;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Header text as written: NFC, trimmed, inner whitespace collapsed; empty → `column_N`
 *  (N = position from 1); a repeat gets ` (2)`, ` (3)`…. */
export function columnNamesFor(headers: readonly (string | null | undefined)[]): string[] {
  const seen = new Map<string, number>();
  const used = new Set<string>();
  return headers.map((raw, i) => {
    const cleaned = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    const base = cleaned === '' ? `column_${i + 1}` : cleaned;
    let name = base;
    let n = seen.get(base) ?? 1;
    while (used.has(name)) {
      n += 1;
      name = `${base} (${n})`;
    }
    seen.set(base, n);
    used.add(name);
    return name;
  });
}
