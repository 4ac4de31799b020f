import { describe, expect, it } from 'vitest';
import { columnNamesFor, foldVietnamese, tableNameFor } from '../../src/import/naming';

describe('table names (CONTRACT.md)', () => {
  it('folds Vietnamese letters and lower-cases', () => {
    expect(tableNameFor('Tiếp công dân 2022.csv', [])).toBe('tiep_cong_dan_2022');
    expect(tableNameFor('ĐÁNH GIÁ xếp loại.parquet', [])).toBe('danh_gia_xep_loai');
  });
  it('turns runs of other characters into one underscore and trims them', () => {
    expect(tableNameFor('  --Mô hình (DVK) -- 2021!!.csv', [])).toBe('mo_hinh_dvk_2021');
  });
  it('prefixes t_ when the name starts with a digit', () => {
    expect(tableNameFor('2023 báo cáo.csv', [])).toBe('t_2023_bao_cao');
  });
  it('adds _2, _3 on collision', () => {
    expect(tableNameFor('a.csv', ['a'])).toBe('a_2');
    expect(tableNameFor('a.csv', ['a', 'a_2'])).toBe('a_3');
  });
  it('handles decomposed Unicode the same as composed', () => {
    expect(tableNameFor('Đie\u0302\u0300n Bie\u0302n.csv', [])).toBe('dien_bien');
  });
  it('gives a name to a file name with no letters', () => {
    expect(tableNameFor('###.csv', [])).toBe('table');
  });
  it('folds đ/Đ', () => {
    expect(foldVietnamese('Đơn vị đoàn')).toBe('Don vi doan');
  });
});

describe('column names (CONTRACT.md)', () => {
  it('keeps the header text, NFC, trimmed, whitespace collapsed', () => {
    expect(columnNamesFor(['  Đơn   vị ', 'Lu\u031bo\u031b\u0323t tiếp'])).toEqual(['Đơn vị', 'Lượt tiếp']);
  });
  it('names empty headers column_N by position from 1', () => {
    expect(columnNamesFor(['STT', '', null, 'x'])).toEqual(['STT', 'column_2', 'column_3', 'x']);
  });
  it('numbers repeats with (2), (3)', () => {
    expect(columnNamesFor(['Năm', 'Năm', 'Năm', 'Số'])).toEqual(['Năm', 'Năm (2)', 'Năm (3)', 'Số']);
  });
});
