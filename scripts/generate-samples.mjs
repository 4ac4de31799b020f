#!/usr/bin/env node
// Regenerates the illustrative sample workbook in data-samples/ (CSV and Parquet).
// Deterministic: a seeded generator, so the same script always writes the same figures.
// The province "An Hòa" and every figure are invented; shapes follow docs/domain.md.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng } from './rng.mjs';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data-samples');
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
/** The 2025 reform: departments merged on 1 March 2025, districts dissolved on 1 July 2025. */
const REFORM_YEAR = 2025;

const random = rng(20250701);
const poisson = (mean) => {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
};
const between = (lo, hi) => lo + random() * (hi - lo);

const DEPARTMENT = 'Sở, ban, ngành tỉnh';
const DISTRICT = 'UBND cấp huyện';
const departments = [
  'Sở Nội vụ', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'Sở Xây dựng', 'Sở Giao thông vận tải',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Tài nguyên và Môi trường', 'Sở Công Thương',
  'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Lao động - Thương binh và Xã hội',
  'Sở Văn hóa, Thể thao và Du lịch', 'Sở Tư pháp', 'Sở Khoa học và Công nghệ',
  'Sở Thông tin và Truyền thông', 'Thanh tra tỉnh', 'Ban Dân tộc tỉnh', 'Văn phòng UBND tỉnh',
  'Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh',
];
const districts = [
  'Thành phố An Hòa', 'Thị xã Bình Sơn', 'Huyện Tân Phú', 'Huyện Sơn Lâm', 'Huyện Mường Khoa',
  'Huyện Nậm Ty', 'Huyện Hòa Bình Đông', 'Huyện Phước Long Tây', 'Huyện Vĩnh An', 'Huyện Đồng Xuân Bắc',
];
const units = [
  ...departments.map((name, i) => ({ code: `S${String(i + 1).padStart(2, '0')}`, name, type: DEPARTMENT })),
  ...districts.map((name, i) => ({ code: `H${String(i + 1).padStart(2, '0')}`, name, type: DISTRICT })),
  { code: 'S21', name: 'Sở Nông nghiệp và Môi trường', type: DEPARTMENT, from: REFORM_YEAR },
];
/** Old department → the department it merged into (effective 01/03/2025). */
const MERGERS = [
  ['Sở Kế hoạch và Đầu tư', 'Sở Tài chính'],
  ['Sở Giao thông vận tải', 'Sở Xây dựng'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở Nông nghiệp và Môi trường'],
  ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường'],
  ['Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ'],
  ['Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ'],
];
const merged = new Set(MERGERS.map(([old]) => old));
/** Which units report in a year: merged departments stop in 2025, districts reported until
 *  1 July 2025 (only quarterly figures exist for that year), the new department starts. */
const activeIn = (u, year, quarter = 4) => {
  if (u.from && year < u.from) return false;
  if (year < REFORM_YEAR) return true;
  if (merged.has(u.name)) return false;
  if (u.type === DISTRICT) return quarter <= 2;
  return true;
};
/** The name as a report of that year writes it: Bình Sơn was a district until it became a
 *  town in 2021; district reports wrote "UBND huyện …" before 2021 and "H. …" in 2022. */
const writtenName = (u, year) => {
  let name = u.code === 'H02' && year < 2021 ? 'Huyện Bình Sơn' : u.name;
  if (u.type === DISTRICT && year < 2021) name = `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  if (u.type === DISTRICT && year === 2022 && name.startsWith('Huyện ')) name = `H. ${name.slice(6)}`;
  return name;
};
for (const u of units) {
  u.strength = between(0.7, 1.3); // some units are simply more active than others
  u.baseScore = between(72, 93);
}

const FIELDS = ['Kinh tế', 'Văn hóa - xã hội', 'Quốc phòng - an ninh', 'Xây dựng hệ thống chính trị'];
const FIELD_WEIGHT = [1.3, 1.1, 0.6, 1.0];
const LEVELS = [
  [90, 'Hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
  [75, 'Hoàn thành tốt nhiệm vụ', 'HTTNV'],
  [50, 'Hoàn thành nhiệm vụ', 'HTNV'],
  [0, 'Không hoàn thành nhiệm vụ', 'KHTNV'],
];
const SUBJECTS = ['Đất đai', 'Đền bù, giải phóng mặt bằng, tái định cư', 'Chế độ chính sách', 'Khác'];
const SUBJECT_WEIGHT = [2.2, 1.4, 0.9, 0.6];
const receptionUnits = units.filter(
  (u) => u.type === DISTRICT || ['Sở Tài nguyên và Môi trường', 'Thanh tra tỉnh', 'Sở Xây dựng', 'Sở Lao động - Thương binh và Xã hội', 'Sở Nông nghiệp và Môi trường', 'Sở Nội vụ'].includes(u.name),
);

function csv(header, rows) {
  const cell = (v) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const unitRows = units.map((u) => [u.code, u.name, u.type]);

const modelRows = [];
for (const [y, year] of YEARS.entries()) {
  for (const u of units) {
    if (!activeIn(u, year)) continue;
    for (const [f, field] of FIELDS.entries()) {
      const mean = (u.type === DISTRICT ? 3.4 : 1.6) * u.strength * FIELD_WEIGHT[f] * (1 + 0.06 * y);
      modelRows.push([year, u.code, writtenName(u, year), field, poisson(mean)]);
    }
  }
}

const classificationRows = [];
for (const [y, year] of YEARS.entries()) {
  for (const u of units) {
    if (!activeIn(u, year)) continue;
    let score = u.baseScore + 0.9 * y + between(-4, 4);
    if (year === 2019 && u.code === 'H06') score = 48.5; // one unit not complete, early on
    score = Math.min(99, Math.round(score * 2) / 2);
    const [, name, short] = LEVELS.find(([min]) => score >= min);
    const level = year === 2021 ? short : name; // the 2021 report wrote the short forms
    classificationRows.push([year, u.code, writtenName(u, year), score, level]);
  }
}

const receptionRows = [];
for (const [y, year] of YEARS.entries()) {
  for (let quarter = 1; quarter <= 4; quarter++) {
    for (const u of receptionUnits) {
      if (!activeIn(u, year, quarter)) continue;
      for (const [s, subject] of SUBJECTS.entries()) {
        const turns = poisson((u.type === DISTRICT ? 5.2 : 2.5) * u.strength * SUBJECT_WEIGHT[s] * (1 + 0.04 * y) * 0.55);
        const people = turns + poisson(turns * 0.25);
        const delegations = s < 2 && random() < 0.05 ? 1 : 0;
        const delegationPeople = delegations ? Math.round(between(10, 30)) : 0;
        const petitions = poisson(turns * 0.45 + 0.3);
        const resolved = Math.min(petitions, Math.round(petitions * between(0.7, 1)));
        receptionRows.push([year, quarter, u.code, writtenName(u, year), subject, turns, people, delegations, delegationPeople, petitions, resolved]);
      }
    }
  }
}

const crosswalkRows = MERGERS.map(([old, now]) => [old, now, '01/03/2025']);

const tables = [
  ['sap-xep-don-vi-2025', ['Đơn vị cũ', 'Đơn vị mới', 'Ngày hiệu lực'], crosswalkRows],
  ['don-vi', ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị'], unitRows],
  ['mo-hinh-dan-van-kheo', ['Năm', 'Mã đơn vị', 'Đơn vị', 'Lĩnh vực', 'Số mô hình'], modelRows],
  ['xep-loai-dan-van', ['Năm', 'Mã đơn vị', 'Đơn vị', 'Điểm', 'Xếp loại'], classificationRows],
  [
    'tiep-cong-dan',
    ['Năm', 'Quý', 'Mã đơn vị', 'Đơn vị', 'Nội dung', 'Lượt tiếp', 'Số người', 'Đoàn đông người', 'Số người trong đoàn', 'Đơn thư nhận', 'Đơn thư đã giải quyết'],
    receptionRows,
  ],
];

await mkdir(OUT, { recursive: true });
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
for (const [name, header, rows] of tables) {
  const csvPath = path.join(OUT, `${name}.csv`);
  await writeFile(csvPath, csv(header, rows));
  const parquetPath = path.join(OUT, `${name}.parquet`);
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  await conn.run(`COPY (SELECT * FROM read_csv(${quote(csvPath)}, header = true)) TO ${quote(parquetPath)} (FORMAT parquet)`);
  console.log(`${name}: ${rows.length} rows`);
}
