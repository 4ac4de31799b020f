/** Which statements a person's SQL (the editor, a dashboard's SQL block, a shared workbook) may
 *  not run: those that reach outside the page or change the engine's settings. The engine is
 *  locked as well (see engine.ts); this check says so clearly before the engine is asked.
 *
 *  The text is split into statements the way DuckDB's parser reads it: `--` and (nested)
 *  `/* *\/` comments, '…' and E'…' strings, "…" identifiers and $tag$…$tag$ strings are skipped,
 *  so a keyword inside them counts for nothing and a `;` inside them splits nothing. */

export interface Refusal {
  /** The statement's kind as written, upper case: `COPY`, `ATTACH`, `SET`, `PRAGMA threads`… */
  keyword: string;
  /** Where that keyword is in the text (for marking it in the editor). */
  from: number;
  to: number;
}

/** Statement kinds that are never run from a person's SQL. */
const REFUSED = new Set(['INSTALL', 'FORCE', 'LOAD', 'ATTACH', 'DETACH', 'COPY', 'EXPORT', 'IMPORT', 'SET', 'RESET', 'CALL', 'PRAGMA']);

/** PRAGMAs (and their CALL pragma_… forms) that only read. */
const READING_PRAGMAS = new Set([
  'table_info',
  'show',
  'show_tables',
  'show_tables_expanded',
  'show_databases',
  'database_list',
  'database_size',
  'storage_info',
  'metadata_info',
  'version',
  'platform',
  'functions',
  'collations',
  'user_agent',
]);

interface Word {
  text: string;
  from: number;
  to: number;
}

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;

/** The statements of `sql`, each as the list of its bare words and symbols (strings, quoted
 *  names and comments left out; a quoted name is kept as one word `"…"`). */
export function statementsOf(sql: string): Word[][] {
  const statements: Word[][] = [];
  let current: Word[] = [];
  let i = 0;
  const n = sql.length;
  const endOfQuoted = (from: number, quote: string, backslash: boolean): number => {
    let j = from + 1;
    while (j < n) {
      const c = sql[j]!;
      if (backslash && c === '\\') j += 2;
      else if (c === quote) {
        if (sql[j + 1] === quote) j += 2;
        else return j + 1;
      } else j++;
    }
    return n;
  };
  while (i < n) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') (depth++, (i += 2));
        else if (sql[i] === '*' && sql[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
    } else if (c === "'") {
      i = endOfQuoted(i, "'", false);
    } else if (c === '"') {
      const to = endOfQuoted(i, '"', false);
      current.push({ text: sql.slice(i, to), from: i, to });
      i = to;
    } else if (c === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i, i + 64))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64))![0];
      const close = sql.indexOf(tag, i + tag.length);
      i = close < 0 ? n : close + tag.length;
    } else if (c === ';') {
      if (current.length > 0) statements.push(current);
      current = [];
      i++;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j]!)) j++;
      const text = sql.slice(i, j);
      // E'…' (and e'…'): a string with backslash escapes.
      if ((text === 'E' || text === 'e') && sql[j] === "'") i = endOfQuoted(j, "'", true);
      else {
        current.push({ text, from: i, to: j });
        i = j;
      }
    } else if (/\s/.test(c)) {
      i++;
    } else {
      current.push({ text: c, from: i, to: i + 1 });
      i++;
    }
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

const bare = (w: Word | undefined) => (w && !w.text.startsWith('"') ? w.text.toUpperCase() : '');

/** The first statement of `sql` that may not run, or null when every one may. */
export function refusedStatement(sql: string): Refusal | null {
  for (const words of statementsOf(sql)) {
    let k = 0;
    // `(SELECT …)`, and EXPLAIN [ANALYZE] in front of any statement (ANALYZE runs it).
    while (words[k]?.text === '(') k++;
    if (bare(words[k]) === 'EXPLAIN') {
      k++;
      if (bare(words[k]) === 'ANALYZE' || bare(words[k]) === 'ANALYSE') k++;
      while (words[k]?.text === '(') k++;
    }
    const first = words[k];
    const kind = bare(first);
    // Secrets hold credentials for other hosts: `CREATE [OR REPLACE] [PERSISTENT|TEMPORARY] SECRET`, `DROP … SECRET`.
    if (first && (kind === 'CREATE' || kind === 'DROP')) {
      const secret = words.slice(k + 1, k + 5).find((w) => bare(w) === 'SECRET');
      if (secret && words.slice(k + 1, words.indexOf(secret)).every((w) => ['OR', 'REPLACE', 'PERSISTENT', 'TEMPORARY', 'TEMP'].includes(bare(w))))
        return { keyword: `${kind} SECRET`, from: first.from, to: secret.to };
    }
    if (!first || !REFUSED.has(kind)) continue;
    if (kind === 'PRAGMA' || kind === 'CALL') {
      // `PRAGMA table_info('t')` reads; `PRAGMA threads = 1`, `PRAGMA enable_profiling` do not.
      const name = bare(words[k + 1]).toLowerCase().replace(/^pragma_/, '');
      const assigns = words.slice(k + 2).some((w) => w.text === '=');
      if (READING_PRAGMAS.has(name) && !assigns) continue;
      const to = words[k + 1]?.to ?? first.to;
      return { keyword: `${kind}${words[k + 1] ? ` ${words[k + 1]!.text}` : ''}`, from: first.from, to };
    }
    return { keyword: kind === 'FORCE' ? 'FORCE INSTALL' : kind, from: first.from, to: first.to };
  }
  return null;
}
