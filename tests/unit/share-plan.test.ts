import { describe, expect, it } from 'vitest';
import { personalKind } from '../../src/workbook/share/personal-columns';
import { planShare, shareModel } from '../../src/workbook/share/share-plan';
import { emptyModel } from '../../src/domain/semantic-model';
import { newBlock, newPage, type Dashboard } from '../../src/dashboards/dashboard';
import { defaultAnalysisOptions } from '../../src/analyses/catalogue';

describe('personal columns', () => {
  it.each([
    ['Họ và tên', 'name'],
    ['HO TEN', 'name'],
    ['Tên công dân', 'name'],
    ['Người khiếu nại', 'name'],
    ['Số CCCD', 'id'],
    ['CMND/CCCD', 'id'],
    ['Số căn cước', 'id'],
    ['Số điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['Địa chỉ thường trú', 'address'],
    ['Quê quán', 'address'],
    ['Ngày sinh', 'birth'],
    ['Năm sinh', 'birth'],
    ['Email', 'email'],
  ])('%s looks personal (%s)', (header, kind) => expect(personalKind(header)).toBe(kind));

  it.each(['Tên đơn vị', 'Đơn vị', 'Năm', 'Quý', 'Số người', 'Lượt tiếp', 'Tên mô hình', 'Nội dung', 'Số người trong đoàn', 'Mã đơn vị'])('%s is not personal', (header) => expect(personalKind(header)).toBeNull());
});

describe('what a figures-only share carries', () => {
  const tables = [
    { name: 'nguoi', rows: 50, columns: ['Họ và tên', 'Số CCCD', 'Đơn vị', 'Năm', 'Ghi chú'].map((name) => ({ name, type: name === 'Năm' || name === 'Số CCCD' ? 'BIGINT' : 'VARCHAR' })) },
    { name: 'khac', rows: 9, columns: [{ name: 'Đơn vị', type: 'VARCHAR' }, { name: 'Năm', type: 'BIGINT' }] },
  ];
  const model = emptyModel();
  // A 12-digit ID proposed as a measure still stays out.
  model.tables.nguoi = { roles: { 'Họ và tên': 'none', 'Số CCCD': 'measure', 'Đơn vị': 'unit', 'Năm': 'year', 'Ghi chú': 'none' }, confirmed: false };
  model.tables.khac = { roles: { 'Đơn vị': 'unit', 'Năm': 'year' }, confirmed: false };
  const page = newPage('Trang');
  const dashboard: Dashboard = {
    pages: [
      {
        ...page,
        blocks: [newBlock('kpi', 'Số người', { analysis: { ...defaultAnalysisOptions(), kind: 'custom', view: 'custom', table: 'nguoi' } }), newBlock('sql', 'Đếm', { sql: 'SELECT count(*) FROM nguoi' }), newBlock('note', 'Ghi chú', { markdown: 'x' })],
      },
    ],
  };

  it('keeps the role columns of the tables the blocks read, never a personal one, and each SQL block as its result', () => {
    const plan = planShare(dashboard, model, tables);
    expect(plan.tables.map((t) => [t.name, t.columns.map((c) => c.name), t.left])).toEqual([['nguoi', ['Đơn vị', 'Năm'], ['Họ và tên', 'Số CCCD', 'Ghi chú']]]);
    expect(plan.blocks.map((b) => [b.sql, b.table])).toEqual([['SELECT count(*) FROM nguoi', 'ket_qua_khoi_1']]);
    expect(plan.personal.map((p) => p.column)).toEqual(['Họ và tên', 'Số CCCD']);
    expect(shareModel(model, plan).tables).toEqual({ nguoi: { roles: { 'Đơn vị': 'unit', 'Năm': 'year' }, confirmed: false } });
  });

  it('carries every facts table when a block looks for units across tables', () => {
    const missing: Dashboard = { pages: [{ ...page, blocks: [newBlock('analysis', 'Thiếu', { analysis: { ...defaultAnalysisOptions(), view: 'missing', table: 'nguoi' } })] }] };
    expect(planShare(missing, model, tables).tables.map((t) => t.name)).toEqual(['nguoi', 'khac']);
  });

  it('carries nothing from tables no block reads', () => {
    expect(planShare({ pages: [] }, model, tables)).toMatchObject({ tables: [], blocks: [] });
  });
});
