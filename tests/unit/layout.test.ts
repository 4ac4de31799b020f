import { describe, expect, it } from 'vitest';
import { analyseLayout, findYear, isTotalLabel } from '../../src/import/layout';

describe('report layout', () => {
  it('skips title lines and keeps them, offering the year in the title', () => {
    const rows = [
      ['ỦY BAN NHÂN DÂN TỈNH AN HÒA', '', '', ''],
      ['BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2022', '', '', ''],
      ['', '', '', ''],
      ['STT', 'Đơn vị', 'Lượt tiếp', 'Số người'],
      ['1', 'Huyện A', '1.053', '1.345'],
      ['2', 'Huyện B', '87', '120'],
      ['', 'Tổng cộng', '1.140', '1.465'],
    ];
    const layout = analyseLayout(rows);
    expect(layout.headerRow).toBe(3);
    expect(layout.headerLines).toBe(1);
    expect(layout.columns).toEqual(['STT', 'Đơn vị', 'Lượt tiếp', 'Số người']);
    expect(layout.titleLines).toEqual(['ỦY BAN NHÂN DÂN TỈNH AN HÒA', 'BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN NĂM 2022']);
    expect(layout.yearFromTitle).toBe(2022);
    expect(layout.rowNumberColumn).toBe(0);
  });

  it('flattens a two-line header made from merged cells', () => {
    const rows = [
      ['STT', 'Đơn vị', 'Số mô hình', '', '', 'Ghi chú'],
      ['', '', 'Kinh tế', 'Văn hóa - xã hội', 'Quốc phòng - an ninh', ''],
      ['1', 'Sở Nội vụ', '2', '1', '0', ''],
    ];
    const layout = analyseLayout(rows);
    expect(layout.headerLines).toBe(2);
    expect(layout.columns).toEqual([
      'STT',
      'Đơn vị',
      'Số mô hình - Kinh tế',
      'Số mô hình - Văn hóa - xã hội',
      'Số mô hình - Quốc phòng - an ninh',
      'Ghi chú',
    ]);
  });

  it('leaves a plain table alone', () => {
    const layout = analyseLayout([
      ['Năm', 'Đơn vị', 'Số'],
      ['2024', 'A', '3'],
    ]);
    expect(layout).toMatchObject({ headerRow: 0, headerLines: 1, titleLines: [], yearFromTitle: null, rowNumberColumn: null });
  });

  it('finds the year, preferring "năm …"', () => {
    expect(findYear('Quyết định 123/2021 về kết quả năm 2022')).toBe(2022);
    expect(findYear('Báo cáo quý III 2023')).toBe(2023);
    expect(findYear('Báo cáo')).toBeNull();
  });

  it('recognises total rows with and without diacritics', () => {
    for (const label of ['Tổng cộng', 'TỔNG CỘNG:', 'Cộng', 'Tổng số', 'Toàn tỉnh', 'Tong cong']) expect(isTotalLabel(label)).toBe(true);
    expect(isTotalLabel('Huyện Tổng')).toBe(false);
  });
});

describe('found by the import fuzzer (tests/unit/import-fuzz.test.ts)', () => {
  it('a two-line merged header followed by a section line without figures is still two lines', () => {
    const layout = analyseLayout([
      ['STT', 'Đơn vị', 'Kết quả', '', ''],
      ['', '', 'Số buổi', 'Lượt tiếp', 'Số người'],
      ['I', 'KHỐI CHÍNH QUYỀN', '', '', ''],
      ['1', 'Xã An Phú 1', '7', '7', '7'],
    ]);
    expect(layout.headerLines).toBe(2);
    expect(layout.columns).toEqual(['STT', 'Đơn vị', 'Kết quả - Số buổi', 'Kết quả - Lượt tiếp', 'Kết quả - Số người']);
  });
});
