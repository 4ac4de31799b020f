#!/usr/bin/env node
// Writes the messy-export fixtures in tests/fixtures/ the way Excel and reporting systems save
// them: Windows-1258 with combining tones, UTF-8 with BOM, UTF-16 "Unicode text". Deterministic.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures');

// Windows-1258 encoder: precomposed base letters from the code page, tones as combining bytes.
const TONES = { '\u0300': 0xcc, '\u0301': 0xec, '\u0303': 0xde, '\u0309': 0xd2, '\u0323': 0xf2 };
const table = new Map();
const decoder = new TextDecoder('windows-1258');
for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(new Uint8Array([b])), b);
function encode1258(text) {
  const out = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else if (table.has(ch)) out.push(table.get(ch));
    else {
      const parts = [...ch.normalize('NFD')];
      const tones = parts.filter((p) => p in TONES);
      const base = parts.filter((p) => !(p in TONES)).join('').normalize('NFC');
      for (const c of base) out.push(c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : table.get(c) ?? 0x3f);
      for (const t of tones) out.push(TONES[t]);
    }
  }
  return Uint8Array.from(out);
}
function utf16le(text) {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}
const crlf = (lines) => lines.join('\r\n') + '\r\n';

// 1. A reception report saved by Excel on a Vietnamese Windows: title block, `;`, 1.053 style.
const reception = crlf([
  'ỦY BAN NHÂN DÂN TỈNH AN HÒA;;;;',
  'BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2022;;;;',
  ';;;;',
  'STT;Đơn vị;Lượt tiếp;Số người;Tỷ lệ giải quyết',
  '1;UBND huyện Điện Biên Đông;1.053;1.345;44,5%',
  '2;Huyện Mường Ảng;87;120;100%',
  '3;TP. Điện Biên Phủ;2.100;2.400;12,25%',
  ';Tổng cộng;3.240;3.865;',
]);
await writeFile(path.join(OUT, 'Báo cáo tiếp công dân 2022 (Windows-1258).csv'), encode1258(reception));

// 2. Models per field: merged header cells flattened to two lines, STT, an empty line and
//    column, and a `Cộng` line. UTF-8 with BOM, comma-separated.
const models = crlf([
  'BAN DÂN VẬN TỈNH ỦY,,,,,,',
  '"KẾT QUẢ XÂY DỰNG MÔ HÌNH ""DÂN VẬN KHÉO"" NĂM 2023",,,,,,',
  'STT,Tên đơn vị,Số mô hình,,,,',
  ',,Kinh tế,Văn hóa - xã hội,Quốc phòng - an ninh,Xây dựng hệ thống chính trị,',
  '1,Sở Nội vụ,2,1,0,3,',
  '2,Huyện Tân Phú,12,8,3,5,',
  ',,,,,,',
  '3,Thị xã Bình Sơn,"1.020",4,2,6,',
  ',Cộng,"1.034",13,5,14,',
]);
await writeFile(path.join(OUT, 'Mô hình dân vận khéo 2023.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(models, 'utf8')]));

// 3. Excel "Unicode text": UTF-16 LE with BOM, tab-separated; amounts in tỷ, dates dd/mm/yyyy.
const roads = crlf([
  'Xã\tNgày ký\tNhân dân đóng góp\tTỷ lệ',
  'Xã Mường Pồn\t05/03/2024\t3,1 tỷ\t12,5%',
  'Xã Nà Tấu\t28/11/2024\t850 triệu\t7%',
  'Xã Thanh Nưa\t01/12/2024\t1.200 triệu\t9,75%',
]);
await writeFile(path.join(OUT, 'Đóng góp đường giao thông (Unicode text).txt'), utf16le(roads));
console.log('fixtures written to', OUT);

// 4. An Excel workbook: a notes sheet first, the report on the second sheet (title block,
//    header, a total line). Written by hand as the minimal OOXML parts, with inline strings.
const { zipSync, strToU8 } = await import('fflate');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (i) => String.fromCharCode(65 + i);
function sheetXml(rows) {
  const body = rows
    .map((r, ri) => {
      const cells = r
        .map((v, ci) => {
          if (v === null || v === '') return '';
          const ref = `${col(ci)}${ri + 1}`;
          return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}
const sheets = [
  ['Ghi chú', [['Số liệu minh họa, không phải số liệu thật']]],
  [
    'Xếp loại 2024',
    [
      ['ỦY BAN NHÂN DÂN TỈNH AN HÒA', null, null, null],
      ['KẾT QUẢ XẾP LOẠI CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2024', null, null, null],
      ['STT', 'Đơn vị', 'Điểm', 'Xếp loại'],
      [1, 'Sở Nội vụ', 92.5, 'Hoàn thành xuất sắc nhiệm vụ'],
      [2, 'Huyện Tân Phú', 81, 'Hoàn thành tốt nhiệm vụ'],
      [3, 'Huyện Sơn Lâm', 68.25, 'Hoàn thành nhiệm vụ'],
    ],
  ],
];
const xlsx = zipSync({
  '[Content_Types].xml': strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('')}</Types>`,
  ),
  '_rels/.rels': strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ),
  'xl/workbook.xml': strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map(([name], i) => `<sheet name="${esc(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  ),
  'xl/_rels/workbook.xml.rels': strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}</Relationships>`,
  ),
  ...Object.fromEntries(sheets.map(([, rows], i) => [`xl/worksheets/sheet${i + 1}.xml`, strToU8(sheetXml(rows))])),
}, { mtime: new Date('2025-01-01T00:00:00Z') });
await writeFile(path.join(OUT, 'Xếp loại dân vận 2024.xlsx'), xlsx);

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Office report fixtures in tests/fixtures/reports/ and their expected import, expected.json.
// Every line of every readable fixture is built through `sheet.add(kind, cells)`, so the
// expectations (unit rows, sums, sections, lines to leave out) come from the same list as the
// file, not from any import code. Conventions of expected.json:
//  - "rows" is the number of unit rows; "units" lists them in file order as objects keyed by the
//    file's own header names (the STT column left out), plus "Nhóm" / "Nhóm cấp 2" for sections.
//    Names are NFC and trimmed; numbers are plain numbers (1.053 → 1053, 44,5 → 44.5).
//  - "sums" are sums of the unit rows, computed here; totals/subtotals in the files are written
//    from them, except where a fixture deliberately disagrees ("mismatch").
//  - "leftOut" counts lines kept out of the table, by kind; fully empty lines are never counted.
//  - "headerLine" is the 1-based line (CSV) or sheet row (spreadsheets) of the header.
const XLSX = await import('@e965/xlsx');
const { unzipSync, strFromU8 } = await import('fflate');
const { mkdir } = await import('node:fs/promises');
const REPORTS = path.join(OUT, 'reports');
await mkdir(REPORTS, { recursive: true });
const MTIME = new Date('2025-01-01T00:00:00Z');
const expected = {};
const written = []; // what each readable fixture should read back as, checked at the end

// Vietnamese number style: `.` groups thousands, `,` marks decimals.
function vn(n) {
  const [int, dec] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (n < 0 ? '-' : '') + grouped + (dec ? ',' + dec : '');
}
const sumOf = (values) => Math.round(values.reduce((a, v) => a + Math.round(v * 100), 0)) / 100;

// A report as a list of lines, each with its kind: title, header, section, unit, subtotal,
// total, footer, blank. `unit` lines carry the expected row object.
function reportSheet() {
  const lines = [];
  return {
    lines,
    add(kind, cells, row) {
      const empty = cells.every((c) => c === null || c === undefined || c === '');
      if ((kind === 'blank') !== empty) throw new Error(`line kind ${kind} does not match ${JSON.stringify(cells)}`);
      lines.push({ kind, cells, row });
    },
    units: () => lines.filter((l) => l.kind === 'unit').map((l) => l.row),
    leftOut() {
      const out = { title: 0, section: 0, subtotal: 0, total: 0, footer: 0 };
      for (const l of lines) if (l.kind in out) out[l.kind]++;
      return out;
    },
    headerLine: () => lines.findIndex((l) => l.kind === 'header') + 1,
  };
}
function sumsOf(units, measures) {
  return Object.fromEntries(measures.map((m) => [m, sumOf(units.map((u) => u[m]))]));
}
function distinct(units, key) {
  return [...new Set(units.map((u) => u[key]).filter((v) => v != null))];
}
function csvText(sheet, sep, eol) {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? vn(v) : String(v);
    return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return sheet.lines.map((l) => l.cells.map(cell).join(sep)).join(eol) + eol;
}
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
function expect(file, sheet, { measures, unitColumn, sectionKeys = [], reconciliation, mismatch, notes, extra = {} }) {
  const units = sheet.units();
  for (const u of units) if (!(unitColumn in u)) throw new Error(`${file}: unit row without ${unitColumn}`);
  expected[file] = {
    rows: units.length,
    headerLine: sheet.headerLine(),
    units,
    sums: sumsOf(units, measures),
    sections: Object.fromEntries(sectionKeys.map((k) => [k, distinct(units, k)])),
    leftOut: sheet.leftOut(),
    reconciliation,
    ...(mismatch ? { mismatch } : {}),
    ...extra,
    notes,
  };
}

// The reception report of 2025, by block. Công an tỉnh is split over two lines in the
// spreadsheets (vertical merge of its name); the CSVs carry the line sums.
const REC_MEASURES = ['Số lượt', 'Số người', 'Số vụ việc'];
const REC_HEADER = ['STT', 'Cơ quan, đơn vị', ...REC_MEASURES];
const REC_TINH = [
  ['Sở Nội vụ', 48, 52, 31],
  ['Sở Tài chính', 12, 12, 9],
  ['Sở Nông nghiệp và Môi trường', 326, 401, 187],
  ['Công an tỉnh', 215, 240, 132],
  ['Thanh tra tỉnh', 96, 118, 64],
  ['Tổng công ty Cấp nước An Hòa', 7, 7, 5],
];
const REC_HUYEN = [
  ['Thành phố An Hòa', 1631, 1845, 402],
  ['Thị xã Bình Sơn', 388, 415, 126],
  ['Huyện Tân Phú', 912, 1053, 241],
  ['Huyện Sơn Lâm', 274, 290, 98],
  ['Huyện Đồng Xuân', 157, 163, 12],
  ['Huyện Phú Lộc', 203, 219, 85],
];
const CONG_AN_LINES = [
  ['Tiếp thường xuyên', 173, 195, 104],
  ['Lãnh đạo tiếp định kỳ', 42, 45, 28],
];
{
  const ca = REC_TINH.find((u) => u[0] === 'Công an tỉnh');
  for (let m = 1; m <= 3; m++) if (CONG_AN_LINES[0][m] + CONG_AN_LINES[1][m] !== ca[m]) throw new Error('Công an tỉnh split');
}
const recRow = (group, [name, ...figs], extra = {}) => ({
  'Cơ quan, đơn vị': name,
  Nhóm: group,
  ...Object.fromEntries(REC_MEASURES.map((m, i) => [m, figs[i]])),
  ...extra,
});
const figs = (sums, measures) => measures.map((m) => sums[m]);
const REC_TITLE = ['ỦY BAN NHÂN DÂN TỈNH AN HÒA', 'BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2025'];

// 1. Sections A / B in the STT column, UTF-8 with BOM, `;`, CRLF.
{
  const file = 'Tiếp công dân 2025 - theo khối (UTF-8 BOM).csv';
  const s = reportSheet();
  for (const t of REC_TITLE) s.add('title', [t, '', '', '', '']);
  s.add('blank', ['', '', '', '', '']);
  s.add('header', REC_HEADER);
  const blocks = [
    ['A', 'CẤP TỈNH', REC_TINH],
    ['B', 'CẤP HUYỆN', REC_HUYEN],
  ];
  for (const [code, label, units] of blocks) {
    s.add('section', [code, label, '', '', '']);
    const rows = units.map((u) => recRow(label, u));
    units.forEach((u, i) => s.add('unit', [i + 1, u[0], u[1], u[2], u[3]], rows[i]));
    s.add('subtotal', ['', `Cộng ${code}`, ...figs(sumsOf(rows, REC_MEASURES), REC_MEASURES)]);
  }
  s.add('total', ['', 'Tổng cộng (A+B)', ...figs(sumsOf(s.units(), REC_MEASURES), REC_MEASURES)]);
  s.add('blank', ['', '', '', '', '']);
  for (const f of ['Nơi nhận:', '- Thường trực Tỉnh ủy', '- Ban Dân vận Tỉnh ủy', '- Lưu: VT.']) s.add('footer', [f, '', '', '', '']);
  for (const f of ['An Hòa, ngày 15 tháng 01 năm 2026', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(Đã ký)', 'Nguyễn Văn An'])
    s.add('footer', ['', '', f, '', '']);
  await writeFile(path.join(REPORTS, file), Buffer.concat([BOM, Buffer.from(csvText(s, ';', '\r\n'), 'utf8')]));
  written.push({ file, lines: s.lines, encoding: 'utf-8 BOM', sep: ';', eol: '\r\n' });
  expect(file, s, {
    measures: REC_MEASURES,
    unitColumn: 'Cơ quan, đơn vị',
    sectionKeys: ['Nhóm'],
    reconciliation: 'ok',
    notes:
      'Sections are A / B in the STT column with the label beside it; subtotals "Cộng A", "Cộng B" and the total "Tổng cộng (A+B)" have an empty STT. "Tổng công ty Cấp nước An Hòa" is a unit (STT 6, figures), not a total, though its name starts like one ("Tong cong…" without diacritics). Footer: Nơi nhận with its "- …" lines, then the date and signature block in the third column. Numbers: 1.631 = 1631. Subtotals and total agree with the units.',
  });
}

// 2. The same report in Windows-1258, sections numbered in the label column, `Toàn tỉnh`.
{
  const file = 'Tiếp công dân 2025 - theo khối (Windows-1258).csv';
  const s = reportSheet();
  for (const t of REC_TITLE) s.add('title', [t, '', '', '', '']);
  s.add('blank', ['', '', '', '', '']);
  s.add('header', REC_HEADER);
  const blocks = [
    ['I', 'KHỐI SỞ, BAN, NGÀNH', REC_TINH],
    ['II', 'UBND CẤP HUYỆN', REC_HUYEN],
  ];
  for (const [code, label, units] of blocks) {
    s.add('section', ['', `${code}. ${label}`, '', '', '']);
    const rows = units.map((u) => recRow(label, u));
    units.forEach((u, i) => s.add('unit', [i + 1, u[0], u[1], u[2], u[3]], rows[i]));
    s.add('subtotal', ['', `Cộng ${code}`, ...figs(sumsOf(rows, REC_MEASURES), REC_MEASURES)]);
  }
  s.add('total', ['', 'Toàn tỉnh', ...figs(sumsOf(s.units(), REC_MEASURES), REC_MEASURES)]);
  s.add('blank', ['', '', '', '', '']);
  s.add('footer', ['Ghi chú: Số liệu tính từ ngày 15/12/2024 đến ngày 14/12/2025.', '', '', '', '']);
  s.add('blank', ['', '', '', '', '']);
  s.add('footer', ['', 'NGƯỜI LẬP BIỂU', '', 'KT. CHỦ TỊCH', '']);
  s.add('footer', ['', '(Ký, ghi rõ họ tên)', '', 'PHÓ CHỦ TỊCH', '']);
  s.add('blank', ['', '', '', '', '']);
  s.add('footer', ['', 'Trần Thị Bích', '', 'Nguyễn Văn An', '']);
  await writeFile(path.join(REPORTS, file), encode1258(csvText(s, ';', '\r\n')));
  written.push({ file, lines: s.lines, encoding: 'windows-1258', sep: ';', eol: '\r\n' });
  expect(file, s, {
    measures: REC_MEASURES,
    unitColumn: 'Cơ quan, đơn vị',
    sectionKeys: ['Nhóm'],
    reconciliation: 'ok',
    notes:
      'Windows-1258: base letters from the code page, tones as combining bytes (decode, then NFC). Section lines "I. KHỐI SỞ, BAN, NGÀNH" / "II. UBND CẤP HUYỆN" have an empty STT and the Roman code in the label; the label without its code goes to Nhóm. Subtotals "Cộng I", "Cộng II", grand total "Toàn tỉnh". Footer: a "Ghi chú:" line and a two-column signature block (NGƯỜI LẬP BIỂU / KT. CHỦ TỊCH on the same lines). Same units and figures as the UTF-8 BOM file.',
  });
}

// 3. Two-level sections (I → 1 → units), comma-separated UTF-8 without BOM, LF, total FIRST.
{
  const file = 'Mô hình dân vận khéo 2025 - hai cấp.csv';
  const M = ['Kinh tế', 'Văn hóa - xã hội', 'Quốc phòng - an ninh', 'Xây dựng hệ thống chính trị'];
  const groups = [
    ['I', 'KHỐI CHÍNH QUYỀN', [
      ['1', 'Các sở ngành', [
        ['1.1', 'Sở Nội vụ', 2, 3, 1, 4],
        ['1.2', 'Sở Tài chính', 3, 1, 0, 2],
        ['1.3', 'Sở Văn hóa, Thể thao và Du lịch', 1, 6, 0, 2],
        ['-', 'Sở Y tế', 0, 4, 0, 1],
        ['-', 'Công an tỉnh', 1, 2, 7, 3],
      ]],
      ['2', 'Các địa phương', [
        ['2.1', 'Thành phố An Hòa', 14, 11, 5, 9],
        ['2.2', 'Thị xã Bình Sơn', 8, 6, 3, 4],
        ['2.3', 'Huyện Tân Phú', 12, 8, 3, 5],
        ['-', 'Xã Mường Pồn', 3, 2, 1, 1],
        ['-', 'Xã Cộng Hòa', 2, 1, 0, 2],
      ]],
    ]],
    ['II', 'KHỐI ĐOÀN THỂ', [
      [null, null, [
        ['1', 'Ủy ban MTTQ Việt Nam tỉnh', 2, 5, 1, 6],
        ['2', 'Hội Liên hiệp Phụ nữ tỉnh', 6, 4, 0, 3],
        ['3', 'Hội Nông dân tỉnh', 9, 2, 0, 2],
        ['4', 'Tỉnh đoàn', 3, 5, 2, 4],
        ['5', 'Hội Cựu chiến binh tỉnh', 1, 1, 4, 2],
        ['6', 'Liên đoàn Lao động tỉnh', 2, 3, 0, 3],
      ]],
    ]],
  ];
  const rowOf = (g1, g2, [, name, ...f]) => ({ 'Đơn vị': name, Nhóm: g1, 'Nhóm cấp 2': g2, ...Object.fromEntries(M.map((m, i) => [m, f[i]])) });
  const allRows = groups.flatMap(([, g1, subs]) => subs.flatMap(([, g2, units]) => units.map((u) => rowOf(g1, g2, u))));
  const s = reportSheet();
  const e6 = ['', '', '', '', '', ''];
  s.add('title', ['BAN DÂN VẬN TỈNH ỦY AN HÒA', '', '', '', '', '']);
  s.add('title', ['KẾT QUẢ XÂY DỰNG MÔ HÌNH "DÂN VẬN KHÉO" NĂM 2025', '', '', '', '', '']);
  s.add('title', ['(Kèm theo Báo cáo số 125-BC/BDVTU ngày 20/12/2025 của Ban Dân vận Tỉnh ủy)', '', '', '', '', '']);
  s.add('blank', e6);
  s.add('header', ['STT', 'Đơn vị', ...M]);
  s.add('total', ['', 'TỔNG CỘNG', ...figs(sumsOf(allRows, M), M)]);
  for (const [code, g1, subs] of groups) {
    s.add('section', [code, g1, '', '', '', '']);
    for (const [code2, g2, units] of subs) {
      if (code2) s.add('section', [code2, g2, '', '', '', '']);
      for (const u of units) s.add('unit', [u[0], u[1], ...u.slice(2)], rowOf(g1, g2, u));
    }
    const blockRows = allRows.filter((r) => r.Nhóm === g1);
    s.add('subtotal', ['', code === 'II' ? 'Cong II' : `Cộng ${code}`, ...figs(sumsOf(blockRows, M), M)]);
  }
  s.add('blank', e6);
  s.add('footer', ['', '', '', 'An Hòa, ngày 20 tháng 12 năm 2025', '', '']);
  s.add('footer', ['', '', '', 'K/T TRƯỞNG BAN', '', '']);
  s.add('footer', ['', '', '', 'PHÓ TRƯỞNG BAN', '', '']);
  s.add('footer', ['', '', '', 'Lò Thị Hương', '', '']);
  await writeFile(path.join(REPORTS, file), csvText(s, ',', '\n'));
  written.push({ file, lines: s.lines, encoding: 'utf-8', sep: ',', eol: '\n' });
  expect(file, s, {
    measures: M,
    unitColumn: 'Đơn vị',
    sectionKeys: ['Nhóm', 'Nhóm cấp 2'],
    reconciliation: 'ok',
    notes:
      'The grand total "TỔNG CỘNG" sits FIRST, right under the header. Two levels: I / II (Nhóm) and 1 / 2 (Nhóm cấp 2) under I; block II has no second level, so its units have "Nhóm cấp 2": null. Units in I are numbered 1.1, 1.2 … or "-"; units in II are numbered 1…6 like the level-2 lines of I: a line is a section because it has no figures, not because of its STT. "Cộng I" sums both subgroups (no subgroup subtotals); "Cong II" is written without diacritics. "Sở Văn hóa, Thể thao và Du lịch" and the date line are quoted because they contain commas. "Xã Cộng Hòa" is a unit whose name starts with "Cộng". Title has three lines.',
  });
}

// 4. Petitions by commune; the grand total is one too high in one measure.
{
  const file = 'Đơn thư khiếu nại tố cáo 2025 - lệch 1.csv';
  const M = ['Tổng số đơn', 'Khiếu nại', 'Tố cáo', 'Kiến nghị, phản ánh', 'Đã giải quyết'];
  const data = [
    ['Phường An Hòa', 214, 31, 152, 187],
    ['Phường Bình Sơn', 96, 14, 71, 80],
    ['Xã Tân Phú', 58, 6, 40, 51],
    ['Xã Cộng Hòa', 23, 2, 17, 22],
    ['Xã Mường Pồn', 11, 0, 9, 11],
    ['Xã Sơn Lâm', 37, 5, 28, 30],
    ['Xã Đồng Xuân', 19, 1, 12, 18],
    ['Xã Phú Lộc', 42, 3, 30, 39],
  ];
  const rows = data.map(([name, kn, tc, pa, gq]) => ({ 'Đơn vị': name, 'Tổng số đơn': kn + tc + pa, 'Khiếu nại': kn, 'Tố cáo': tc, 'Kiến nghị, phản ánh': pa, 'Đã giải quyết': gq }));
  const sums = sumsOf(rows, M);
  const wrong = { ...sums, 'Tố cáo': sums['Tố cáo'] + 1 };
  const s = reportSheet();
  const e7 = ['', '', '', '', '', '', ''];
  s.add('title', ['ỦY BAN NHÂN DÂN TỈNH AN HÒA', '', '', '', '', '', '']);
  s.add('title', ['TỔNG HỢP ĐƠN THƯ KHIẾU NẠI, TỐ CÁO, KIẾN NGHỊ, PHẢN ÁNH NĂM 2025', '', '', '', '', '', '']);
  s.add('blank', e7);
  s.add('header', ['STT', 'Đơn vị', ...M]);
  rows.forEach((r, i) => s.add('unit', [i + 1, r['Đơn vị'], ...M.map((m) => r[m])], r));
  s.add('total', ['', 'Tổng cộng', ...figs(wrong, M)]);
  s.add('blank', e7);
  s.add('footer', ['Nơi nhận:', '', '', '', 'TM. ỦY BAN NHÂN DÂN', '', '']);
  s.add('footer', ['- Thanh tra Chính phủ;', '', '', '', 'CHỦ TỊCH', '', '']);
  s.add('footer', ['- Lưu: VT, NC.', '', '', '', '', '', '']);
  s.add('footer', ['', '', '', '', 'Phạm Quốc Dũng', '', '']);
  await writeFile(path.join(REPORTS, file), Buffer.concat([BOM, Buffer.from(csvText(s, ';', '\r\n'), 'utf8')]));
  written.push({ file, lines: s.lines, encoding: 'utf-8 BOM', sep: ';', eol: '\r\n' });
  expect(file, s, {
    measures: M,
    unitColumn: 'Đơn vị',
    reconciliation: 'mismatch',
    mismatch: { measure: 'Tố cáo', file: wrong['Tố cáo'], units: sums['Tố cáo'] },
    notes: `The "Tổng cộng" line says ${wrong['Tố cáo']} for "Tố cáo" where the units add up to ${sums['Tố cáo']}; every other measure agrees. (The total line is then also inconsistent with its own "Tổng số đơn", which is right.) No sections. UTF-8 with BOM, ";", CRLF; the header "Kiến nghị, phản ánh" contains a comma; the footer cell "- Thanh tra Chính phủ;" contains the separator and is quoted. "Xã Cộng Hòa" is a unit whose name starts with "Cộng".`,
  });
}

// 5. Total only, no sections, the total as "Tổng số" in the STT column; decimals; LF.
{
  const file = 'Đóng góp nông thôn mới 2025 - tổng số.csv';
  const M = ['Số công trình', 'Ngày công', 'Kinh phí (triệu đồng)'];
  const data = [
    ['Xã Mường Pồn', 3, 1240, 44.5],
    ['Xã Nà Tấu', 5, 2318, 612.25],
    ['Xã Thanh Nưa', 2, 860, 120],
    ['Xã Cộng Hòa', 4, 1505, 1234.5],
    ['Phường Bình Sơn', 1, 312, 85.75],
    ['Xã Tân Phú', 6, 3020, 2105],
    ['Xã Sơn Lâm', 2, 758, 96.5],
  ];
  const rows = data.map(([name, ...f]) => ({ 'Xã, phường': name, ...Object.fromEntries(M.map((m, i) => [m, f[i]])) }));
  const s = reportSheet();
  const e5 = ['', '', '', '', ''];
  s.add('title', ['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH AN HÒA', '', '', '', '']);
  s.add('title', ['KẾT QUẢ HUY ĐỘNG NHÂN DÂN ĐÓNG GÓP XÂY DỰNG NÔNG THÔN MỚI NĂM 2025', '', '', '', '']);
  s.add('title', ['(Số liệu đến ngày 30/11/2025)', '', '', '', '']);
  s.add('blank', e5);
  s.add('header', ['STT', 'Xã, phường', ...M]);
  rows.forEach((r, i) => s.add('unit', [i + 1, r['Xã, phường'], ...M.map((m) => r[m])], r));
  s.add('total', ['Tổng số', '', ...figs(sumsOf(rows, M), M)]);
  s.add('blank', e5);
  s.add('footer', ['Ghi chú: Ngày công quy đổi theo đơn giá 200.000 đồng/ngày.', '', '', '', '']);
  s.add('footer', ['', '', '', 'An Hòa, ngày 05 tháng 12 năm 2025', '']);
  s.add('footer', ['', '', '', 'NGƯỜI TỔNG HỢP', '']);
  s.add('footer', ['', '', '', '(Ký, ghi rõ họ tên)', '']);
  s.add('footer', ['', '', '', 'Lò Văn Minh', '']);
  await writeFile(path.join(REPORTS, file), Buffer.concat([BOM, Buffer.from(csvText(s, ';', '\n'), 'utf8')]));
  written.push({ file, lines: s.lines, encoding: 'utf-8 BOM', sep: ';', eol: '\n' });
  expect(file, s, {
    measures: M,
    unitColumn: 'Xã, phường',
    reconciliation: 'ok',
    notes:
      'No sections. The total is "Tổng số" in the STT column with the unit column empty (merged-style), followed by a footer. Decimals with a comma: 44,5 = 44.5, 612,25 = 612.25, 1.234,5 = 1234.5; the total "4.298,5" = 4298.5. Trap: in the same decimal column Xã Tân Phú has "2.105", which is 2105 (thousands dot), not 2.105. UTF-8 with BOM, ";", LF line ends (a reporting system, not Excel). Three title lines.',
  });
}

// 6. The sectioned report as XLSX, XLS (BIFF8) and ODS, written with SheetJS.
const junkSheet = () => {
  let x = 20250115;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) % 5000;
  return XLSX.utils.aoa_to_sheet(Array.from({ length: 14 }, () => Array.from({ length: 5 }, rnd)));
};
function receptionWorkbook() {
  const HEADER = [...REC_HEADER, 'Ghi chú'];
  const s = reportSheet();
  const e6 = () => [null, null, null, null, null, null];
  const merges = [];
  const r = () => s.lines.length; // 0-based index of the next row
  merges.push({ s: { r: r(), c: 0 }, e: { r: r(), c: 5 } });
  s.add('title', [REC_TITLE[0], null, null, null, null, null]);
  merges.push({ s: { r: r(), c: 0 }, e: { r: r(), c: 5 } });
  s.add('title', [REC_TITLE[1], null, null, null, null, null]);
  s.add('blank', e6());
  s.add('header', HEADER);
  const cellRef = (c, row0) => XLSX.utils.encode_cell({ c, r: row0 });
  const subtotalRows = [];
  const blocks = [
    ['A', 'CẤP TỈNH', REC_TINH],
    ['B', 'CẤP HUYỆN', REC_HUYEN],
  ];
  for (const [code, label, units] of blocks) {
    merges.push({ s: { r: r(), c: 1 }, e: { r: r(), c: 5 } });
    s.add('section', [code, label, null, null, null, null]);
    const first = r();
    const rows = [];
    units.forEach((u, i) => {
      if (u[0] === 'Công an tỉnh') {
        // One unit on two lines, name and STT merged vertically, each line with its figures.
        merges.push({ s: { r: r(), c: 0 }, e: { r: r() + 1, c: 0 } }, { s: { r: r(), c: 1 }, e: { r: r() + 1, c: 1 } });
        CONG_AN_LINES.forEach(([kind, ...f], k) => {
          const row = recRow(label, [u[0], ...f], { 'Ghi chú': kind });
          rows.push(row);
          s.add('unit', [k === 0 ? i + 1 : null, k === 0 ? u[0] : null, ...f, kind], row);
        });
        return;
      }
      const row = recRow(label, u, { 'Ghi chú': null });
      rows.push(row);
      const cells = [i + 1, u[0], u[1], u[2], u[3], null];
      // Numbers stored as text cells, the way clerks paste them.
      if (u[0] === 'Huyện Tân Phú') cells[3] = { t: 's', v: vn(u[2]) }; // "1.053"
      if (u[0] === 'Huyện Đồng Xuân') cells[4] = { t: 's', v: String(u[3]) }; // "12"
      if (u[0] === 'Huyện Sơn Lâm') cells[0] = { t: 's', v: String(i + 1) }; // STT as text too
      s.add('unit', cells, row);
    });
    const last = r() - 1;
    const sums = sumsOf(rows, REC_MEASURES);
    // Block A: SUM formulas with their cached values. Block B holds text numbers, which Excel's
    // SUM would skip, so the clerk typed block B's subtotal by hand.
    const sub = REC_MEASURES.map((m, k) =>
      code === 'A' ? { t: 'n', v: sums[m], f: `SUM(${cellRef(2 + k, first)}:${cellRef(2 + k, last)})` } : sums[m],
    );
    subtotalRows.push(r());
    s.add('subtotal', [null, `Cộng ${code}`, ...sub, null]);
  }
  const total = sumsOf(s.units(), REC_MEASURES);
  merges.push({ s: { r: r(), c: 0 }, e: { r: r(), c: 1 } });
  s.add('total', [
    'Tổng cộng (A+B)',
    null,
    ...REC_MEASURES.map((m, k) => ({ t: 'n', v: total[m], f: subtotalRows.map((sr) => cellRef(2 + k, sr)).join('+') })),
    null,
  ]);
  s.add('blank', e6());
  s.add('footer', [null, null, null, 'An Hòa, ngày 15 tháng 01 năm 2026', null, null]);
  s.add('footer', ['Nơi nhận:', null, null, 'TM. ỦY BAN NHÂN DÂN', null, null]);
  s.add('footer', ['- Thường trực Tỉnh ủy;', null, null, 'KT. CHỦ TỊCH', null, null]);
  s.add('footer', ['- Lưu: VT.', null, null, 'PHÓ CHỦ TỊCH', null, null]);
  s.add('footer', [null, null, null, '(Đã ký)', null, null]);
  s.add('footer', [null, null, null, 'Nguyễn Văn An', null, null]);
  const ws = XLSX.utils.aoa_to_sheet(s.lines.map((l) => l.cells));
  ws['!merges'] = merges;
  ws['!cols'] = [{ wch: 6 }, { wch: 34 }, { wch: 10 }, { wch: 10 }, { wch: 12 }, { wch: 22 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, junkSheet(), 'Sheet1');
  XLSX.utils.book_append_sheet(wb, ws, 'TCD 2025');
  wb.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }] };
  return { wb, s };
}
// SheetJS writes no hidden flag into ODS: add a table style with table:display="false" to the
// first table, and zip again with the mimetype first and stored, as ODF wants.
function hideFirstOdsTable(buf) {
  const z = unzipSync(new Uint8Array(buf));
  let content = strFromU8(z['content.xml']);
  const before = content;
  content = content.replace(
    '<office:automatic-styles>',
    '<office:automatic-styles>\n  <style:style style:name="ta2" style:family="table" style:master-page-name="mp1">\n   <style:table-properties table:display="false" style:writing-mode="lr-tb"/>\n  </style:style>',
  );
  content = content.replace(/(<table:table table:name="[^"]*" table:style-name=")ta1"/, '$1ta2"');
  if (content === before || !content.includes('table:style-name="ta2"')) throw new Error('ODS layout changed: cannot hide the first sheet');
  const files = { mimetype: [z.mimetype, { level: 0 }] };
  for (const [name, data] of Object.entries(z)) if (name !== 'mimetype') files[name] = name === 'content.xml' ? strToU8(content) : data;
  return zipSync(files, { mtime: MTIME });
}
{
  const { wb, s } = receptionWorkbook();
  const base = 'Tiếp công dân 2025 - theo khối';
  const common = {
    measures: REC_MEASURES,
    unitColumn: 'Cơ quan, đơn vị',
    sectionKeys: ['Nhóm'],
    reconciliation: 'ok',
  };
  const shape =
    'Report on the visible sheet "TCD 2025"; the FIRST sheet "Sheet1" is hidden and holds 14×5 junk numbers (no header): it must not be imported. Title rows 1–2 merged A:F; header on row 4 (STT, Cơ quan, đơn vị, Số lượt, Số người, Số vụ việc, Ghi chú); section rows "A" | "CẤP TỈNH" with B:F merged. "Công an tỉnh" is ONE unit reported on TWO rows (STT and name merged vertically over rows 9–10; each row has its own figures and its own Ghi chú "Tiếp thường xuyên" / "Lãnh đạo tiếp định kỳ"): expected are two unit rows, both named "Công an tỉnh" (the merged name filled down), both counted; so 13 unit rows and the same sums as the CSV versions (215/240/132 = 173+42 / 195+45 / 104+28). Text cells holding numbers: Huyện Tân Phú Số người "1.053" (= 1053, Vietnamese grouping, not 1.053), Huyện Đồng Xuân Số vụ việc "12", Huyện Sơn Lâm STT "4". Subtotal "Cộng A" is SUM formulas with cached values; "Cộng B" typed numbers; "Tổng cộng (A+B)" in A merged A:B, formulas C13+C21 etc. Footer below: date, Nơi nhận / TM. ỦY BAN NHÂN DÂN side by side, signature. "Ghi chú" is null for all other units.';
  const xlsxBuf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
  await writeFile(path.join(REPORTS, `${base}.xlsx`), xlsxBuf);
  const sheetCheck = { lines: s.lines, sheet: 'TCD 2025', hiddenFirst: true, merges: wb.Sheets['TCD 2025']['!merges'] };
  written.push({ file: `${base}.xlsx`, ...sheetCheck, formulas: true });
  expect(`${base}.xlsx`, s, { ...common, notes: shape + ' XLSX: SheetJS reads the hidden flag (Workbook.Sheets[0].Hidden = 1), the merges, text cells as t:"s", and formulas with their cached values (f and v).' });
  const xlsBuf = XLSX.write(wb, { type: 'buffer', bookType: 'biff8' });
  await writeFile(path.join(REPORTS, `${base}.xls`), xlsBuf);
  written.push({ file: `${base}.xls`, ...sheetCheck, formulas: false });
  expect(`${base}.xls`, s, { ...common, notes: shape + ' XLS (BIFF8, Excel 97–2003): the SheetJS BIFF8 writer stores formula cells as plain numbers (the cached value), so there are no formulas to see in this file; hidden flag, merges and text cells read back.' });
  const odsBuf = hideFirstOdsTable(XLSX.write(wb, { type: 'buffer', bookType: 'ods' }));
  await writeFile(path.join(REPORTS, `${base}.ods`), odsBuf);
  written.push({ file: `${base}.ods`, ...sheetCheck, formulas: true, odsHidden: true });
  expect(`${base}.ods`, s, { ...common, notes: shape + ' ODS: the first table has table:display="false" (hidden in LibreOffice), but SheetJS 0.20.3 does not read that flag (wb.Workbook is undefined), so an importer relying on SheetJS sees two visible sheets: it must still not take "Sheet1" (junk numbers, no header, no text). Merged-over cells are table:covered-table-cell and read back empty; formulas read back as f "SUM(C6:C12)" (ODS notation converted).' });
}

// 7. Two tables on one sheet, one under the other, two empty rows between them.
{
  const file = 'Hai bảng một trang.xlsx';
  const M = ['Số lượt', 'Số người'];
  const units2024 = [
    ['Thành phố An Hòa', 1502, 1688],
    ['Thị xã Bình Sơn', 402, 431],
    ['Huyện Tân Phú', 877, 1001],
    ['Huyện Sơn Lâm', 265, 279],
    ['Huyện Đồng Xuân', 149, 150],
  ];
  const units2025 = REC_HUYEN.slice(0, 5).map(([n, a, b]) => [n, a, b]);
  const tables = [];
  const all = reportSheet();
  const blank = () => all.add('blank', [null, null, null, null]);
  for (const [year, units, withTotal] of [[2024, units2024, false], [2025, units2025, true]]) {
    const t = reportSheet();
    const add = (kind, cells, row) => (t.add(kind, cells, row), all.add(kind, cells, row));
    const startRow = all.lines.length + 1;
    add('title', [`KẾT QUẢ TIẾP CÔNG DÂN NĂM ${year}`, null, null, null]);
    add('header', ['STT', 'Đơn vị', ...M]);
    const rows = units.map(([n, a, b]) => ({ 'Đơn vị': n, 'Số lượt': a, 'Số người': b }));
    rows.forEach((row, i) => add('unit', [i + 1, row['Đơn vị'], row['Số lượt'], row['Số người']], row));
    if (withTotal) add('total', [null, 'Tổng cộng', ...figs(sumsOf(rows, M), M)]);
    tables.push({
      year,
      startRow,
      headerRow: startRow + t.headerLine() - 1,
      rows: rows.length,
      units: rows,
      sums: sumsOf(rows, M),
      leftOut: t.leftOut(),
      reconciliation: withTotal ? 'ok' : 'none',
    });
    if (year === 2024) (blank(), blank());
  }
  const ws = XLSX.utils.aoa_to_sheet(all.lines.map((l) => l.cells));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Tiếp công dân');
  await writeFile(path.join(REPORTS, file), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
  written.push({ file, lines: all.lines, sheet: 'Tiếp công dân', hiddenFirst: false, merges: [], formulas: false });
  const [t1] = tables;
  expected[file] = {
    rows: t1.rows,
    headerLine: t1.headerRow,
    units: t1.units,
    sums: t1.sums,
    sections: {},
    leftOut: t1.leftOut,
    reconciliation: t1.reconciliation,
    tables,
    notes: `One sheet, two tables: the 2024 table (title row ${tables[0].startRow}, header row ${tables[0].headerRow}, ${tables[0].rows} units, NO total line) and, after two empty rows, the 2025 table (title row ${tables[1].startRow}, header row ${tables[1].headerRow}, ${tables[1].rows} units, "Tổng cộng"). The top-level fields describe the first table: an importer that takes one table per sheet must stop at the empty rows and must not read the second title, header or units as rows of the first; one that splits tables should give both, as in "tables" (startRow/headerRow are 1-based sheet rows). The two tables must not be stacked into one without a year.`,
  };
}

// 8. Files that cannot be read.
// 8a. A PDF (a scanned table) renamed .xls: a small, valid PDF with a correct xref table.
{
  const content = 'BT /F1 14 Tf 60 780 Td (BANG TONG HOP TIEP CONG DAN NAM 2025) Tj ET\n0.6 g 60 420 475 330 re f\n';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  await writeFile(path.join(REPORTS, 'Bảng scan.xls'), Buffer.from(pdf, 'latin1'));
}
// 8b. An encrypted OOXML workbook: a CFB with EncryptionInfo (Agile, 4.4) and EncryptedPackage.
{
  let x = 7;
  const bytes = (n) => Uint8Array.from({ length: n }, () => (x = (x * 1103515245 + 12345) % 2147483648) >> 16 & 0xff);
  const b64 = (n) => Buffer.from(bytes(n)).toString('base64');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">' +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(64)}" encryptedHmacValue="${b64(64)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16)}" encryptedVerifierHashInput="${b64(16)}" encryptedVerifierHashValue="${b64(64)}" encryptedKeyValue="${b64(32)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml, 'utf8')]);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(9216, 0);
  const pkg = Buffer.concat([size, Buffer.from(bytes(9216))]);
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', pkg);
  await writeFile(path.join(REPORTS, 'Có mật khẩu.xlsx'), XLSX.CFB.write(cfb, { type: 'buffer' }));
}
// 8c. A workbook whose only sheet is a chartsheet (the data sheet was deleted; the chart keeps
//     its cached values). Hand-written OOXML like the workbook above.
{
  const NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const rels = (items) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
      .map(([id, type, target]) => `<Relationship Id="${id}" Type="${NS}/${type}" Target="${target}"/>`)
      .join('')}</Relationships>`;
  const names = REC_HUYEN.map((u) => u[0]);
  const values = REC_HUYEN.map((u) => u[1]);
  const ref = "'TCD 2025'!";
  const chart =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Số lượt tiếp công dân cấp huyện năm 2025</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>' +
    '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${esc(ref)}$C$4</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Số lượt</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>${esc(ref)}$B$15:$B$20</c:f><c:strCache><c:ptCount val="${names.length}"/>${names.map((n, i) => `<c:pt idx="${i}"><c:v>${esc(n)}</c:v></c:pt>`).join('')}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(ref)}$C$15:$C$20</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:numCache></c:numRef></c:val></c:ser>` +
    '<c:axId val="111"/><c:axId val="222"/></c:barChart>' +
    '<c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="222"/></c:catAx>' +
    '<c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="111"/></c:valAx>' +
    '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>';
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(rels([['rId1', 'officeDocument', 'xl/workbook.xml']])),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><sheets><sheet name="Biểu đồ" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(rels([['rId1', 'chartsheet', 'chartsheets/sheet1.xml']])),
    'xl/chartsheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><sheetPr/><sheetViews><sheetView zoomScale="100" workbookViewId="0" zoomToFit="1"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
    ),
    'xl/chartsheets/_rels/sheet1.xml.rels': strToU8(rels([['rId1', 'drawing', '../drawings/drawing1.xml']])),
    'xl/drawings/drawing1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9294091" cy="6079218"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Biểu đồ 1"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`,
    ),
    'xl/drawings/_rels/drawing1.xml.rels': strToU8(rels([['rId1', 'chart', '../charts/chart1.xml']])),
    'xl/charts/chart1.xml': strToU8(chart),
  };
  await writeFile(path.join(REPORTS, 'Chỉ có biểu đồ.xlsx'), zipSync(files, { mtime: MTIME }));
}

// What SheetJS makes of the unreadable files, recorded as it is (checked again below).
async function sheetjsOutcome(file) {
  const { readFile } = await import('node:fs/promises');
  try {
    const wb = XLSX.read(await readFile(path.join(REPORTS, file)));
    return { threw: null, wb };
  } catch (e) {
    return { threw: e instanceof Error ? e.message : String(e) };
  }
}
{
  const pdf = await sheetjsOutcome('Bảng scan.xls');
  const pdfSheet = pdf.wb && pdf.wb.Sheets[pdf.wb.SheetNames[0]];
  expected['Bảng scan.xls'] = {
    error: 'pdf',
    sheetjs: pdf.threw
      ? { throws: pdf.threw }
      : { throws: null, sheetNames: pdf.wb.SheetNames, ref: pdfSheet['!ref'], A1: pdfSheet.A1 && pdfSheet.A1.v },
    notes:
      'A one-page PDF (what a scanner gives) renamed .xls; starts with the bytes "%PDF-1.4". ' +
      (pdf.threw
        ? `SheetJS throws "${pdf.threw}".`
        : `SheetJS 0.20.3 does NOT throw: it falls back to reading the bytes as delimited text and returns a sheet "${pdf.wb.SheetNames[0]}" (${pdfSheet['!ref']}) whose A1 is "${pdfSheet.A1 && pdfSheet.A1.v}". Detect the "%PDF-" signature before handing the file to SheetJS and say the file is a PDF (perhaps a scan), not a spreadsheet.`),
  };
  const enc = await sheetjsOutcome('Có mật khẩu.xlsx');
  expected['Có mật khẩu.xlsx'] = {
    error: 'password',
    sheetjs: { throws: enc.threw },
    notes: `An OLE compound file (signature D0 CF 11 E0 A1 B1 1A E1) holding the streams "EncryptionInfo" (Agile encryption, version 4.4, AES-256/SHA-512) and "EncryptedPackage", as Excel saves a workbook with an open password. SheetJS ${enc.threw ? `throws "${enc.threw}"` : 'did not throw'}. (No \\x06DataSpaces storage, which real files also have; SheetJS does not need it to recognise encryption.)`,
  };
  const chart = await sheetjsOutcome('Chỉ có biểu đồ.xlsx');
  const cs = chart.wb && chart.wb.Sheets[chart.wb.SheetNames[0]];
  const cells = cs ? Object.keys(cs).filter((k) => !k.startsWith('!')) : [];
  expected['Chỉ có biểu đồ.xlsx'] = {
    error: 'chart-only',
    sheetjs: chart.threw
      ? { throws: chart.threw }
      : {
          throws: null,
          sheetNames: chart.wb.SheetNames,
          type: cs['!type'] ?? null,
          ref: cs['!ref'] ?? null,
          cells: Object.fromEntries(cells.map((k) => [k, cs[k].v])),
        },
    notes:
      'A workbook whose only sheet "Biểu đồ" is a chartsheet (a column chart of Số lượt for six district-level units; the data sheet it pointed to was deleted, the chart keeps its cached values). ' +
      (chart.threw
        ? `SheetJS throws "${chart.threw}".`
        : `SheetJS does not throw: SheetNames is ${JSON.stringify(chart.wb.SheetNames)} and the sheet has "!type": "${cs['!type']}"` +
          (cells.length
            ? `, with cells made from the chart's numeric cache: ${cells.map((k) => `${k}=${cs[k].v}`).join(', ')}, range ${cs['!ref']} (its cache parser only keeps one-character values, so 1631, 388 … are lost). `
            : `, no cells, yet "!ref" is ${JSON.stringify(cs['!ref'] ?? null)} (its chart-cache parser only keeps one-character values, so the cached 1631, 388 … are all dropped). `) +
          'Skip sheets whose "!type" is "chart"; with no data sheet left, say the workbook has only a chart, no table.'),
  };
}

await writeFile(path.join(REPORTS, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');

// Read every fixture back and compare it with the lines it was written from.
{
  const { readFile, readdir } = await import('node:fs/promises');
  const fail = (file, msg) => {
    throw new Error(`${file}: ${msg}`);
  };
  const text = (v) => (v === null || v === undefined ? '' : typeof v === 'number' ? vn(v) : typeof v === 'object' ? (typeof v.v === 'number' ? vn(v.v) : String(v.v)) : String(v));
  function parseCsv(src, sep) {
    const rows = [];
    let row = [], field = '', q = false;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (q) {
        if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
        else if (c === '"') q = false;
        else field += c;
      } else if (c === '"') q = true;
      else if (c === sep) row.push(field), (field = '');
      else if (c === '\r' || c === '\n') {
        if (c === '\r' && src[i + 1] === '\n') i++;
        row.push(field), rows.push(row), (row = []), (field = '');
      } else field += c;
    }
    if (field || row.length) row.push(field), rows.push(row);
    return rows;
  }
  const summary = [];
  for (const w of written) {
    const buf = await readFile(path.join(REPORTS, w.file));
    const exp = expected[w.file];
    if (w.encoding) {
      const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
      if (bom !== w.encoding.includes('BOM')) fail(w.file, 'BOM');
      let src = w.encoding === 'windows-1258' ? new TextDecoder('windows-1258').decode(buf).normalize('NFC') : new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(bom ? 3 : 0));
      if (w.encoding === 'windows-1258' && !Object.values(TONES).every((b) => buf.includes(b))) fail(w.file, 'tones are not stored as combining bytes');
      const crlf = (src.match(/\r\n/g) || []).length, lf = (src.match(/\n/g) || []).length;
      if (w.eol === '\r\n' ? crlf !== lf : crlf !== 0) fail(w.file, 'line ends');
      const rows = parseCsv(src, w.sep);
      if (rows.length !== w.lines.length) fail(w.file, `${rows.length} lines read, ${w.lines.length} written`);
      rows.forEach((r, i) => {
        const want = w.lines[i].cells.map(text);
        if (JSON.stringify(r) !== JSON.stringify(want)) fail(w.file, `line ${i + 1}: ${JSON.stringify(r)} ≠ ${JSON.stringify(want)}`);
      });
      summary.push(`${w.file}: ${w.encoding}, "${w.sep}", ${w.eol === '\r\n' ? 'CRLF' : 'LF'}, ${rows.length} lines`);
    } else {
      const wb = XLSX.read(buf);
      const ws = wb.Sheets[w.sheet];
      if (!ws) fail(w.file, `no sheet ${w.sheet}`);
      if (w.hiddenFirst && wb.SheetNames.indexOf(w.sheet) !== 1) fail(w.file, 'report is not the second sheet');
      if (w.hiddenFirst && !w.odsHidden && wb.Workbook?.Sheets?.[0]?.Hidden !== 1) fail(w.file, 'first sheet not hidden');
      if (w.odsHidden && !strFromU8(unzipSync(new Uint8Array(buf))['content.xml']).includes('table:display="false"')) fail(w.file, 'ODS first table not hidden');
      w.lines.forEach((l, r) =>
        l.cells.forEach((want, c) => {
          const got = ws[XLSX.utils.encode_cell({ r, c })];
          if (want === null || want === undefined || want === '') {
            if (got && got.v !== undefined && got.v !== '') fail(w.file, `cell ${XLSX.utils.encode_cell({ r, c })} should be empty, is ${JSON.stringify(got.v)}`);
            return;
          }
          const t = typeof want === 'object' ? want.t : typeof want === 'number' ? 'n' : 's';
          const v = typeof want === 'object' ? want.v : want;
          if (!got || got.t !== t || got.v !== v) fail(w.file, `cell ${XLSX.utils.encode_cell({ r, c })}: ${JSON.stringify(got)} ≠ ${t}:${v}`);
          if (typeof want === 'object' && want.f && w.formulas && !got.f) fail(w.file, `cell ${XLSX.utils.encode_cell({ r, c })} lost its formula`);
        }),
      );
      const mergeKey = (ms) => (ms || []).map((m) => XLSX.utils.encode_range(m)).sort().join(' ');
      if (mergeKey(ws['!merges']) !== mergeKey(w.merges)) fail(w.file, `merges ${mergeKey(ws['!merges'])} ≠ ${mergeKey(w.merges)}`);
      summary.push(`${w.file}: sheets ${JSON.stringify(wb.SheetNames)}, report ${ws['!ref']}, ${(ws['!merges'] || []).length} merges`);
    }
    summary[summary.length - 1] += ` → ${exp.rows} units, sums ${JSON.stringify(exp.sums)}, ${exp.reconciliation}`;
  }
  // The unreadable files: check their bytes and that SheetJS still behaves as recorded.
  const pdf = await readFile(path.join(REPORTS, 'Bảng scan.xls'));
  const pdfText = pdf.toString('latin1');
  if (!pdfText.startsWith('%PDF-1.4\n')) fail('Bảng scan.xls', 'PDF header');
  const xrefAt = +pdfText.match(/startxref\n(\d+)/)[1];
  if (!pdfText.startsWith('xref', xrefAt)) fail('Bảng scan.xls', 'startxref');
  for (const [, off, n] of [...pdfText.slice(xrefAt).matchAll(/(\d{10}) 00000 n /g)].map((m, i) => [m, +m[1], i + 1]))
    if (!pdfText.startsWith(`${n} 0 obj`, off)) fail('Bảng scan.xls', `xref offset of object ${n}`);
  const enc = await readFile(path.join(REPORTS, 'Có mật khẩu.xlsx'));
  const cfbRead = XLSX.CFB.read(enc, { type: 'buffer' });
  for (const name of ['EncryptionInfo', 'EncryptedPackage']) if (!XLSX.CFB.find(cfbRead, name)) fail('Có mật khẩu.xlsx', `no ${name} stream`);
  for (const file of ['Bảng scan.xls', 'Có mật khẩu.xlsx', 'Chỉ có biểu đồ.xlsx']) {
    const got = await sheetjsOutcome(file);
    const rec = expected[file].sheetjs;
    if ((got.threw ?? null) !== rec.throws) fail(file, `SheetJS now gives ${got.threw}`);
    summary.push(`${file}: ${expected[file].error}; SheetJS ${rec.throws ? `throws "${rec.throws}"` : `reads sheets ${JSON.stringify(rec.sheetNames)}${rec.type ? ` (!type ${rec.type})` : ''}, ref ${rec.ref}`}`);
  }
  const onDisk = (await readdir(REPORTS)).filter((f) => f !== 'expected.json').sort();
  const described = Object.keys(expected).sort();
  if (JSON.stringify(onDisk) !== JSON.stringify(described)) fail('reports/', `files ${onDisk} ≠ expected.json keys ${described}`);
  console.log(`report fixtures written to ${REPORTS} and read back:\n  ` + summary.join('\n  '));
}
