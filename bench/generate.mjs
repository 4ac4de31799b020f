// Deterministic benchmark data in the domain's shape: one consolidated report row per commune,
// year, quarter and subject, with the unit's classification and score for that year. Written
// once per size as CSV (what analysts drop) and Parquet (via native DuckDB), and reused.
// The big sizes (PARQUET_ONLY) are written as Parquet only, straight from the same rows through
// DuckDB's appender: a CSV of 10 M rows is over a gigabyte and the bench does not read it.
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng } from '../scripts/rng.mjs';

export const SIZES = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000, '10m': 10_000_000 };
/** Sizes measured from Parquet only (no CSV written, no CSV ingest). */
export const PARQUET_ONLY = new Set(['5m', '10m']);
/** The column types DuckDB's read_csv detects in the CSV, kept by the Parquet-only sizes. */
const TYPES_SQL = ['BIGINT', 'BIGINT', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'DOUBLE', 'BIGINT', 'BIGINT', 'BIGINT'];
export const HEADER = ['Năm', 'Quý', 'Mã đơn vị', 'Đơn vị', 'Loại đơn vị', 'Nội dung', 'Xếp loại', 'Điểm', 'Số mô hình', 'Lượt tiếp', 'Số người'];
const LEVELS = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
const SUBJECTS = ['Đất đai', 'Đền bù, giải phóng mặt bằng, tái định cư', 'Chế độ chính sách', 'Khác'];
const TYPES = ['UBND cấp xã', 'UBND cấp huyện', 'Sở, ban, ngành tỉnh'];


/** Rows come in blocks of 16 (4 quarters × 4 subjects) per unit and year; years 2019–2025. */
function* rows(n) {
  const random = rng(5_000_000 + n);
  const units = Math.max(1, Math.ceil(n / (16 * 7)));
  let written = 0;
  for (let u = 0; u < units && written < n; u++) {
    const type = u % 40 === 0 ? TYPES[1] : u % 13 === 0 ? TYPES[2] : TYPES[0];
    const code = `X${String(u + 1).padStart(5, '0')}`;
    const name = type === TYPES[0] ? `Xã Bình ${u + 1}` : type === TYPES[1] ? `Huyện Sơn ${u + 1}` : `Sở số ${u + 1}`;
    for (let year = 2019; year <= 2025 && written < n; year++) {
      const score = Math.round((60 + random() * 39) * 2) / 2;
      const level = LEVELS[score >= 90 ? 0 : score >= 75 ? 1 : score >= 62 ? 2 : 3];
      const models = Math.floor(random() * 6);
      for (let q = 1; q <= 4; q++)
        for (const subject of SUBJECTS) {
          if (written++ >= n) return;
          const turns = Math.floor(random() * 12);
          yield [year, q, code, name, type, subject, level, score, models, turns, turns + Math.floor(random() * 4)];
        }
    }
  }
}

const cell = (v) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

async function writeCsv(file, n) {
  const tmp = `${file}.part`;
  const out = createWriteStream(tmp);
  let buffer = HEADER.join(',') + '\n';
  for (const r of rows(n)) {
    buffer += r.map(cell).join(',') + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  await rename(tmp, file);
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s) => `"${s.replaceAll('"', '""')}"`;

/** The same rows as the CSV would hold, appended to a native DuckDB table and written out as
 *  Parquet (no text in between). */
async function writeParquetDirect(db, file, n) {
  await db.run(`CREATE OR REPLACE TABLE gen (${HEADER.map((h, i) => `${sqlName(h)} ${TYPES_SQL[i]}`).join(', ')})`);
  const appender = await db.createAppender('gen');
  let pending = 0;
  for (const r of rows(n)) {
    for (let i = 0; i < r.length; i++) {
      if (TYPES_SQL[i] === 'BIGINT') appender.appendBigInt(BigInt(r[i]));
      else if (TYPES_SQL[i] === 'DOUBLE') appender.appendDouble(r[i]);
      else appender.appendVarchar(r[i]);
    }
    appender.endRow();
    if (++pending === 1 << 16) {
      appender.flushSync();
      pending = 0;
    }
  }
  appender.closeSync();
  await db.run(`COPY gen TO ${sqlString(`${file}.part`)} (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
  await db.run('DROP TABLE gen');
  await rename(`${file}.part`, file);
}

/** The files for each size, generated when missing (`csv` null for the Parquet-only sizes). */
export async function ensureData(dir, sizes) {
  await mkdir(dir, { recursive: true });
  const out = {};
  let db;
  for (const size of sizes) {
    const parquetOnly = PARQUET_ONLY.has(size);
    const csv = parquetOnly ? null : path.join(dir, `bao-cao-${size}.csv`);
    const parquet = path.join(dir, `bao-cao-${size}.parquet`);
    if (csv && !existsSync(csv)) await writeCsv(csv, SIZES[size]);
    if (!existsSync(parquet)) {
      db ??= await (await DuckDBInstance.create(':memory:')).connect();
      if (csv) {
        await db.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true)) TO ${sqlString(`${parquet}.part`)} (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
        await rename(`${parquet}.part`, parquet);
      } else {
        await writeParquetDirect(db, parquet, SIZES[size]);
      }
    }
    out[size] = { csv, parquet, rows: SIZES[size], csvBytes: csv ? (await stat(csv)).size : null, parquetBytes: (await stat(parquet)).size };
  }
  return out;
}
