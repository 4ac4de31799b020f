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
