/** The line-by-line reading of a report body, on shapes the fixtures do not all have. */
import { describe, expect, it } from 'vitest';
import { analyseBody, isFooterLine, totalKindOf } from '../../src/import/report-body';
import { findParts } from '../../src/import/report-parts';

const kinds = (rows: string[][], rowNumberColumn: number | null = 0) =>
  analyseBody(rows, { bodyStart: 1, width: rows[0]!.length, rowNumberColumn }).lines.map((l) => l.kind);

describe('total lines', () => {
  it.each([
    ['Tổng cộng', 'total'],
    ['TỔNG CỘNG', 'total'],
    ['Tổng cộng (A+B)', 'total'],
    ['Tổng cộng:', 'total'],
    ['Tổng số', 'total'],
    ['Tổng', 'total'],
    ['Toàn tỉnh', 'total'],
    ['Toàn huyện', 'total'],
    ['tong cong', 'total'],
    ['Tong so', 'total'],
    ['Toan tinh', 'total'],
    ['Total', 'total'],
    ['Cộng', 'subtotal'],
    ['Cộng A', 'subtotal'],
    ['Cộng I', 'subtotal'],
    ['Cộng khối sở, ban, ngành', 'subtotal'],
    ['Cong II', 'subtotal'],
    ['Cong khoi huyen', 'subtotal'],
  ])('%s is a %s line', (label, kind) => expect(totalKindOf(label)).toBe(kind));

  it.each(['Tổng công ty Điện lực', 'Tong cong ty Cap nuoc', 'Công an tỉnh', 'Cong an tinh', 'Cộng đồng dân cư thôn 3', 'Xã Cộng Hòa', 'Tổng cục Thuế', 'Tổng hợp', 'Công ty TNHH'])(
    '%s is a unit',
    (label) => expect(totalKindOf(label)).toBeNull(),
  );
});

describe('footer lines', () => {
  it.each(['Ghi chú:', '* Ghi chú: số liệu tính đến 31/12', 'Nơi nhận:', 'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'T/M BAN THƯỜNG VỤ', 'PHÓ CHỦ TỊCH', 'TRƯỞNG BAN', '(Ký, ghi rõ họ tên)', '(Đã ký)', 'Điện Biên, ngày 15 tháng 01 năm 2026', 'An Hòa, ngày    tháng    năm 2025'])(
    '%s starts a footer',
    (text) => expect(isFooterLine(text)).toBe(true),
  );
  it.each(['Sở Nội vụ', 'Huyện Tân Phú', 'Ban Dân vận Tỉnh ủy'])('%s does not', (text) => expect(isFooterLine(text)).toBe(false));
});

describe('sections', () => {
  it('roman sections with their own figures on the section line are sections carrying a total', () => {
    const rows = [
      ['STT', 'Đơn vị', 'Số lượt'],
      ['I', 'KHỐI SỞ', '30'],
      ['1', 'Sở Nội vụ', '10'],
      ['2', 'Sở Tài chính', '20'],
      ['II', 'KHỐI HUYỆN', '5'],
      ['1', 'Huyện A', '5'],
    ];
    const body = analyseBody(rows, { bodyStart: 1, width: 3, rowNumberColumn: 0 });
    expect(body.lines.map((l) => l.kind)).toEqual(['section', 'unit', 'unit', 'section', 'unit']);
    expect(body.lines[0]).toMatchObject({ carriesTotal: true, scope: 1, label: 'KHỐI SỞ' });
    expect(body.lines[4]!.sections).toEqual([4]);
  });

  it('sections in capitals without numbers, when the file has no STT column', () => {
    const rows = [['Đơn vị', 'Số lượt'], ['KHỐI SỞ, BAN, NGÀNH', ''], ['Sở Nội vụ', '1.631'], ['CẤP HUYỆN', ''], ['Huyện A', '3'], ['Tổng cộng', '1.634']];
    expect(kinds(rows, null)).toEqual(['section', 'unit', 'section', 'unit', 'total']);
  });

  it('a unit with no figures stays a unit (a blank report line is still a unit)', () => {
    const rows = [['STT', 'Đơn vị', 'Số lượt'], ['1', 'Sở Nội vụ', '5'], ['2', 'Sở Y tế', ''], ['3', 'Sở Tư pháp', '7']];
    expect(kinds(rows)).toEqual(['unit', 'unit', 'unit']);
  });

  it('a subtotal closes the section it names, so units after it are outside', () => {
    const rows = [['STT', 'Đơn vị', 'Số lượt'], ['A', 'CẤP TỈNH', ''], ['1', 'Sở X', '2'], ['', 'Cộng A', '2'], ['1', 'Đơn vị lẻ', '4']];
    const body = analyseBody(rows, { bodyStart: 1, width: 3, rowNumberColumn: 0 });
    expect(body.lines.map((l) => l.kind)).toEqual(['section', 'unit', 'subtotal', 'unit']);
    expect(body.lines[2]!.scope).toBe(1);
    expect(body.lines[3]!.sections).toEqual([]);
  });

  it('the footer starts after the grand total, and a person’s name in it is not a unit', () => {
    const rows = [['STT', 'Đơn vị', 'Số lượt'], ['1', 'Sở X', '2'], ['', 'Tổng cộng', '2'], ['', '', ''], ['', 'Người lập', ''], ['', 'Nguyễn Văn An', '']];
    expect(kinds(rows)).toEqual(['unit', 'total', 'empty', 'footer', 'footer']);
  });
});

describe('data files are not mistaken for reports', () => {
  it('a letter in a number column is a bad value in a data row, not a section', () => {
    const rows = [['num', 'str'], ...Array.from({ length: 6 }, () => ['1', 'TEXT1']), ...Array.from({ length: 3 }, () => ['A', 'TEXT1'])];
    expect(kinds(rows, null).every((k) => k === 'unit')).toBe(true);
  });

  it('capitalised values repeated down a column are data, not sections', () => {
    const rows = [['Tỉnh', 'Xã', 'Số'], ['AN HÒA', 'Xã A', ''], ['AN HÒA', 'Xã B', '3'], ['AN HÒA', 'Xã C', ''], ['AN HÒA', 'Xã D', '4'], ['AN HÒA', 'Xã E', '']];
    expect(kinds(rows, null).filter((k) => k === 'section')).toEqual([]);
  });

  it('a "Ghi chú" row followed by more figures was not the footer', () => {
    const rows = [['STT', 'Nội dung', 'Số'], ['1', 'Việc A', '2'], ['2', 'Ghi chú chung', ''], ['3', 'Việc B', '5']];
    expect(kinds(rows)).toEqual(['unit', 'unit', 'unit']);
  });
});

describe('several tables on one sheet', () => {
  it('finds the second title and header after an empty line, not a section after one', () => {
    const rows = [
      ['KẾT QUẢ NĂM 2024', '', ''],
      ['STT', 'Đơn vị', 'Số lượt'],
      ['1', 'Huyện A', '3'],
      ['', '', ''],
      ['B', 'CẤP HUYỆN', ''],
      ['1', 'Huyện B', '4'],
      ['', '', ''],
      ['KẾT QUẢ NĂM 2025', '', ''],
      ['STT', 'Đơn vị', 'Số lượt'],
      ['1', 'Huyện A', '5'],
    ];
    expect(findParts(rows)).toEqual([0, 7]);
  });
});

describe('found by the import fuzzer (tests/unit/import-fuzz.test.ts)', () => {
  it('a line shorter than the STT column (a hand-edited CSV without trailing separators) does not throw', () => {
    // STT is the second column; the total line has one cell only.
    const rows = [['Đơn vị', 'STT', 'Số'], ['Xã A', '1', '5'], ['Tổng cộng']];
    const body = analyseBody(rows, { bodyStart: 1, width: 3, rowNumberColumn: 1 });
    expect(body.lines.map((l) => l.kind)).toEqual(['unit', 'total']);
  });
});
