// SQL errors people can act on: the real engine's error texts (both its JSON and its plain-text
// shape), read into a structured error and explained with a hint. No engine text is written
// here by hand except the one quoted in issue #16, to pin the JSON shape.
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngine } from '../helpers/engine';
import { listTables, type TableInfo } from '../../src/engine/catalog';
import { isOutOfMemory, parseEngineError, type EngineError } from '../../src/sql/engine-error';
import { editDistance, explainQueryError, sqlNameOf, tokenAt } from '../../src/sql/error-hint';

const engine = useEngine();
let catalog: TableInfo[] = [];

beforeAll(async () => {
  await engine().run(`CREATE TABLE tiep_cong_dan_2022 AS SELECT 2022 AS "Năm", 'UBND huyện A' AS "Đơn vị", 5 AS "Số lượt", 3 AS "Số người"`);
  await engine().run(`CREATE TABLE mo_hinh AS SELECT 2023 AS "Năm", 'Kinh tế' AS "Lĩnh vực", 2 AS "Số mô hình"`);
  catalog = await listTables(engine());
});

/** The engine's own error text for a query that must fail. */
async function failureOf(sql: string): Promise<string> {
  try {
    await engine().query(sql);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`the query ran: ${sql}`);
}

async function explain(sql: string) {
  const raw = await failureOf(sql);
  const error = parseEngineError(raw, sql);
  return { raw, error, report: explainQueryError(error, sql, catalog) };
}

const marked = (sql: string, span: { from: number; to: number } | null) => (span ? sql.slice(span.from, span.to) : null);

describe('reading the engine error', () => {
  it('reads the JSON shape: type, message without the excerpt, position in characters', async () => {
    const sql = 'SELECT "Số lượt" FROM Tiếp công dân 2022';
    const { raw, error } = await explain(sql);
    expect(raw.startsWith('{')).toBe(true); // the engine really answers in JSON here
    expect(error.type).toBe('Parser');
    expect(error.message).toBe('syntax error at or near "dân"');
    // Characters, not UTF-8 bytes: Vietnamese letters before it count once.
    expect(sql.slice(error.position!, error.position! + 3)).toBe('dân');
  });

  it('reads the plain-text shape and finds the caret on a later line', async () => {
    const sql = 'SELECT\n  "Năm",\n  Số người\nFROM tiep_cong_dan_2022';
    const { raw, error } = await explain(sql);
    expect(raw).toMatch(/^Binder Error:/);
    expect(error.type).toBe('Binder');
    expect(error.missing).toEqual({ what: 'column', name: 'Số' });
    expect(error.candidates).toEqual(['Số lượt', 'Số người']);
    expect(error.message).toBe('Referenced column "Số" not found in FROM clause!');
    expect(sql.slice(error.position!, error.position! + 8)).toBe('Số người');
  });

  it('finds the caret after Vietnamese letters on the same line', async () => {
    const sql = 'SELECT "Đơn vị", "Năm", Số lượt FROM tiep_cong_dan_2022';
    const { error } = await explain(sql);
    expect(sql.slice(error.position!, error.position! + 7)).toBe('Số lượt');
  });

  it('marks a missing name in the second statement of a script, where the engine’s caret is off', async () => {
    for (const sql of ['SELECT 1 AS a;\nSELECT "Năm", "Số lượtt" FROM tiep_cong_dan_2022', 'SELECT 1 AS a; SELECT "Năm", "Số lượtt" FROM tiep_cong_dan_2022']) {
      const { report } = await explain(sql);
      expect(marked(sql, report.span)).toBe('"Số lượtt"');
    }
    const sql = 'SELECT 1 AS a;\nSELECT Số lượt FROM tiep_cong_dan_2022';
    expect(marked(sql, (await explain(sql)).report.span)).toBe('Số lượt');
  });

  it('reads a missing table and the engine’s proposal', async () => {
    const { error } = await explain('SELECT * FROM tiep_cong_dan');
    expect(error.type).toBe('Catalog');
    expect(error.missing).toEqual({ what: 'table', name: 'tiep_cong_dan' });
    expect(error.candidates).toEqual(['tiep_cong_dan_2022']);
    expect(error.position).toBe(14);
  });

  it('reads a syntax error at the end of the text, which has no excerpt', async () => {
    const sql = 'SELECT * FROM tiep_cong_dan_2022 WHERE';
    const { error } = await explain(sql);
    expect(error).toMatchObject({ type: 'Parser', message: 'syntax error at end of input', position: sql.length });
    expect(tokenAt(sql, error.position!)).toEqual({ from: sql.length - 5, to: sql.length });
    expect(tokenAt('SELECT (1 + ', 12)).toEqual({ from: 10, to: 11 });
  });

  it('pins the JSON quoted in issue #16 and tolerates text that is not the engine’s', () => {
    const quoted = '{"exception_type":"Parser","exception_message":"syntax error at or near \\"lượt\\"","error_subtype":"SYNTAX_ERROR","position":"12"}';
    expect(parseEngineError(quoted, 'SELECT Số lượt FROM t')).toMatchObject({ type: 'Parser', message: 'syntax error at or near "lượt"', position: 12 });
    expect(parseEngineError('worker went away')).toEqual<EngineError>({ type: '', message: 'worker went away', position: null, candidates: [], missing: null });
  });
});

describe('explaining it with a hint', () => {
  it('an unquoted Vietnamese column with a space → its quoted name, at the name', async () => {
    const sql = 'SELECT Số lượt FROM tiep_cong_dan_2022';
    const { report } = await explain(sql);
    expect(report.problem).toBe('column');
    expect(report.hint).toEqual({ kind: 'quote', typed: 'Số lượt', suggestion: '"Số lượt"', from: 7, to: 14 });
    expect(marked(sql, report.span)).toBe('Số lượt');
    expect(report.line).toBe(1);
  });

  it('the same name typed without diacritics → the real name, quoted', async () => {
    const sql = 'SELECT Năm, So nguoi FROM tiep_cong_dan_2022';
    const { report } = await explain(sql);
    expect(report.hint).toMatchObject({ kind: 'quote', typed: 'So nguoi', suggestion: '"Số người"' });
  });

  it('an unquoted name of three words (a syntax error on the third) → quoted', async () => {
    const sql = 'SELECT "Năm", Số mô hình FROM mo_hinh';
    const { error, report } = await explain(sql);
    expect(error.type).toBe('Parser');
    expect(report.hint).toMatchObject({ kind: 'quote', typed: 'Số mô hình', suggestion: '"Số mô hình"' });
    expect(marked(sql, report.span)).toBe('Số mô hình');
  });

  it('a column that does not exist → the closest names, nearest first', async () => {
    const { report } = await explain('SELECT "Số lượtt" FROM tiep_cong_dan_2022');
    expect(report).toMatchObject({ problem: 'column', name: 'Số lượtt' });
    expect(report.hint).toEqual({ kind: 'closest', what: 'column', names: ['Số lượt'] });
    const other = await explain('SELECT "Linh vuc" FROM mo_hinh');
    expect(other.report.hint).toEqual({ kind: 'closest', what: 'column', names: ['Lĩnh vực'] });
  });

  it('closest names come from the catalog when the engine proposes none', () => {
    const sql = 'SELECT "Don vi" FROM tiep_cong_dan_2022';
    const error: EngineError = { type: 'Binder', message: 'Referenced column "Don vi" not found', position: 7, candidates: [], missing: { what: 'column', name: 'Don vi' } };
    expect(explainQueryError(error, sql, catalog).hint).toEqual({ kind: 'closest', what: 'column', names: ['Đơn vị'] });
  });

  it('a table typed as its file name, unquoted → its SQL name', async () => {
    const sql = 'SELECT "Số lượt" FROM Tiếp công dân 2022';
    const { report } = await explain(sql);
    expect(report.problem).toBe('syntax');
    expect(report.hint).toEqual({ kind: 'sqlName', typed: 'Tiếp công dân 2022', suggestion: 'tiep_cong_dan_2022', from: 22, to: 40 });
    expect(marked(sql, report.span)).toBe('Tiếp công dân 2022');
  });

  it('a table typed as its file name in quotes, or followed by a clause → its SQL name', async () => {
    const quoted = await explain('SELECT * FROM "Tiếp công dân 2022" LIMIT 5');
    expect(quoted.report).toMatchObject({ problem: 'table', name: 'Tiếp công dân 2022' });
    expect(quoted.report.hint).toMatchObject({ kind: 'sqlName', typed: '"Tiếp công dân 2022"', suggestion: 'tiep_cong_dan_2022' });
    const clause = await explain('SELECT count(*) FROM Mo hinh WHERE "Năm" = 2023');
    expect(clause.report.hint).toMatchObject({ kind: 'sqlName', typed: 'Mo hinh', suggestion: 'mo_hinh' });
  });

  it('a table that does not exist → the closest tables', async () => {
    const { report } = await explain('SELECT * FROM tiep_cong_dan');
    expect(report.hint).toEqual({ kind: 'closest', what: 'table', names: ['tiep_cong_dan_2022'] });
  });

  it('names the kind of problem for the other usual mistakes', async () => {
    expect((await explain('SELECT "Năm", count(*) FROM tiep_cong_dan_2022')).report).toMatchObject({ problem: 'groupBy', name: 'Năm', hint: null });
    expect((await explain('SELECT sum("Đơn vị") FROM tiep_cong_dan_2022')).report.problem).toBe('type');
    expect((await explain("SELECT CAST('x' AS INT)")).report.problem).toBe('type');
    expect((await explain('SELECT foo(1)')).report).toMatchObject({ problem: 'function', name: 'foo', hint: { kind: 'closest', what: 'function', names: ['floor'] } });
    const ambiguous = await explain('SELECT "Năm" FROM tiep_cong_dan_2022 a JOIN mo_hinh b ON true');
    expect(ambiguous.report).toMatchObject({ problem: 'ambiguous', name: 'Năm' });
    const syntax = await explain('SELEC 1');
    expect(syntax.report).toMatchObject({ problem: 'syntax', name: 'SELEC', span: { from: 0, to: 5 }, hint: null });
  });
});

describe('helpers', () => {
  it('knows the engine’s out-of-memory failures, and nothing else, as such', () => {
    // As the engine said them in the bench's 10 M-row runs.
    expect(isOutOfMemory(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)'))).toBe(true);
    expect(isOutOfMemory('Out of Memory Error: Allocation failure')).toBe(true);
    expect(isOutOfMemory(new Error('Binder Error: Referenced column "memory" not found'))).toBe(false);
    expect(isOutOfMemory('Catalog Error: Table with name out_of_stock does not exist!')).toBe(false);
  });
  it('folds a typed table name by the file-naming rule', () => {
    expect(sqlNameOf('Tiếp công dân 2022')).toBe('tiep_cong_dan_2022');
    expect(sqlNameOf('"Đóng góp  đường"')).toBe('dong_gop_duong');
    expect(sqlNameOf('Tiếp công dân 2022.csv')).toBe('tiep_cong_dan_2022');
    expect(sqlNameOf('2023 báo cáo')).toBe('t_2023_bao_cao');
  });
  it('counts edits', () => {
    expect(editDistance('so luot', 'so luott')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
