import { describe, expect, it } from 'vitest';
import { LEVELS, levelOf } from '../../src/domain/classification';
import { currentUnit, parseEffectiveDate } from '../../src/domain/crosswalk';
import { proposeRoles, tableKind } from '../../src/domain/roles';
import { levelMapRows, parseModel } from '../../src/domain/semantic-model';
import { addAlias, addUnit, emptyDictionary, matchNames, mergeUnitList, setShortName, shortNames, unitKey } from '../../src/domain/units';
import { inlineParams } from '../../src/sql/analysis';

describe('unit names', () => {
  it('normalises case, spacing, diacritics, Unicode form and administrative prefixes', () => {
    const key = unitKey('Huyện Điện Biên Đông');
    for (const written of ['UBND huyện Điện Biên Đông', 'H. Điện Biên Đông', 'huyen dien bien dong', '  HUYỆN   ĐIỆN BIÊN ĐÔNG ', 'Huyện Điện Biên Đông'.normalize('NFD'), 'Ủy ban nhân dân huyện Điện Biên Đông']) {
      expect(unitKey(written), written).toBe(key);
    }
    expect(unitKey('TP. Điện Biên Phủ')).toBe(unitKey('Thành phố Điện Biên Phủ'));
    expect(unitKey('Văn phòng Ủy ban nhân dân tỉnh')).toBe(unitKey('Văn phòng UBND tỉnh'));
    expect(unitKey('Sở Tài chính')).not.toBe(unitKey('Sở Tài nguyên'));
    expect(unitKey('Huyện')).toBe('huyen');
  });

  it('matches names to the dictionary, and leaves unknown or ambiguous ones to the user', () => {
    let dict = mergeUnitList(emptyDictionary(), [
      { code: 'H01', name: 'Huyện Kỳ Anh', type: 'UBND cấp huyện' },
      { code: 'H02', name: 'Thị xã Kỳ Anh', type: 'UBND cấp huyện' },
      { code: 'S01', name: 'Sở Nội vụ', type: 'Sở, ban, ngành tỉnh' },
    ]);
    const names = ['SỞ NỘI VỤ', 'So Noi vu', 'UBND huyện Kỳ Anh', 'Huyện Kỳ Anh', 'Sở Ngoại vụ'];
    const first = matchNames(dict, names);
    expect(first.matched.get('SỞ NỘI VỤ')).toBe('code:S01');
    expect(first.matched.get('So Noi vu')).toBe('code:S01');
    // Kỳ Anh: a district and a town share the key; only the exact name is sure.
    expect(first.matched.get('Huyện Kỳ Anh')).toBe('code:H01');
    expect(first.unmatched).toEqual(['UBND huyện Kỳ Anh', 'Sở Ngoại vụ']);
    dict = addAlias(dict, 'UBND huyện Kỳ Anh', 'code:H01');
    dict = addUnit(dict, 'Sở Ngoại vụ', 'Sở, ban, ngành tỉnh');
    const second = matchNames(dict, names);
    expect(second.matched.get('UBND huyện Kỳ Anh')).toBe('code:H01');
    expect(second.matched.get('Sở Ngoại vụ')).toMatch(/^u:/);
  });
});

describe('short unit names', () => {
  it('are optional, set and cleared in the panel, reach the aliases, and survive a save (older saves have none)', () => {
    let dict = addUnit(addUnit(emptyDictionary(), 'Sở Lao động - Thương binh và Xã hội', 'Sở', 's:ldtbxh'), 'Huyện Tân Phú', 'Huyện', 'h:tp');
    dict = addAlias(dict, 'UBND huyện Tân Phú', 'h:tp');
    expect(shortNames(dict).size).toBe(0);
    dict = setShortName(dict, 's:ldtbxh', '  Sở LĐ-TB&XH ');
    dict = setShortName(dict, 'h:tp', 'Tân Phú');
    expect([...shortNames(dict)]).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'Sở LĐ-TB&XH'],
      ['Huyện Tân Phú', 'Tân Phú'],
      ['UBND huyện Tân Phú', 'Tân Phú'],
    ]);
    // Saved and opened again as the workbook's JSON.
    const saved = parseModel(JSON.stringify({ version: 1, tables: {}, units: dict, crosswalk: [], crosswalkTables: [] }));
    expect(saved.units.units.find((u) => u.id === 'h:tp')?.short).toBe('Tân Phú');
    // Cleared: no short name left (the axis shows the full name again).
    expect(setShortName(dict, 'h:tp', ' ').units.find((u) => u.id === 'h:tp')).toEqual({ id: 'h:tp', name: 'Huyện Tân Phú', type: 'Huyện' });
    // A save from before short names existed opens with none.
    const old = parseModel(JSON.stringify({ version: 1, tables: {}, units: { units: [{ id: 'a', name: 'Sở Y tế', type: null }], aliases: {} }, crosswalk: [], crosswalkTables: [] }));
    expect(shortNames(old.units).size).toBe(0);
    expect(matchNames(old.units, ['Sở Y tế']).matched.get('Sở Y tế')).toBe('a');
  });
});

describe('classification levels', () => {
  it('recognises full names, short forms and common variants', () => {
    const cases: [string, number][] = [
      ['Hoàn thành xuất sắc nhiệm vụ', 1],
      ['HTXSNV', 1],
      ['htxs', 1],
      ['HT xuất sắc NV', 1],
      ['Xuất sắc', 1],
      ['hoan thanh xuat sac nhiem vu', 1],
      ['Hoàn thành tốt nhiệm vụ', 2],
      ['HTTNV', 2],
      ['Tốt', 2],
      ['Hoàn thành nhiệm vụ', 3],
      ['HTNV', 3],
      ['Hoàn thành', 3],
      ['Không hoàn thành nhiệm vụ', 4],
      ['KHTNV', 4],
      ['không hoàn thành', 4],
      ['Hoàn thành tốt nhiệm vụ'.normalize('NFD'), 2],
    ];
    for (const [text, rank] of cases) expect(levelOf(text)?.rank, text).toBe(rank);
    expect(LEVELS.map((l) => l.code)).toEqual(['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']);
  });

  it('shows unknown values instead of guessing', () => {
    for (const text of ['Khá', 'Tốt nghiệp', 'Loại A', '', 'Không', '85']) expect(levelOf(text), text).toBeNull();
    expect(levelMapRows(['HTXSNV', 'Khá']).unknown).toEqual(['Khá']);
  });
});

describe('column roles', () => {
  it('proposes roles from headers with and without diacritics, and from values', () => {
    const roles = proposeRoles([
      { name: 'STT', type: 'BIGINT' },
      { name: 'Nam', type: 'BIGINT' },
      { name: 'Ten don vi', type: 'VARCHAR' },
      { name: 'Cấp', type: 'VARCHAR' },
      { name: 'Kết quả', type: 'VARCHAR', samples: ['HTXSNV', 'Hoàn thành tốt nhiệm vụ'] },
      { name: 'Tổng điểm', type: 'DOUBLE' },
      { name: 'Ghi chú', type: 'VARCHAR', samples: ['x'] },
    ]);
    expect(roles).toEqual({ STT: 'none', Nam: 'year', 'Ten don vi': 'unit', 'Cấp': 'unitType', 'Kết quả': 'level', 'Tổng điểm': 'score', 'Ghi chú': 'none' });
    expect(tableKind(roles)).toBe('facts');
    // A text "Năm" column is not taken for a year; a second unit column is not a unit.
    expect(proposeRoles([{ name: 'Năm', type: 'VARCHAR' }, { name: 'Đơn vị', type: 'VARCHAR' }, { name: 'Cơ quan', type: 'VARCHAR' }])).toEqual({ 'Năm': 'none', 'Đơn vị': 'unit', 'Cơ quan': 'none' });
  });
});

describe('crosswalk', () => {
  const walk = [
    { from: 'a', to: 'b', effective: '2025-03-01' },
    { from: 'b', to: 'c', effective: '2025-07-01' },
    { from: 'x', to: 'y', effective: '2025-07-01' },
    { from: 'y', to: 'x', effective: '2025-07-01' },
  ];
  it('follows chains, as of a date, and survives a loop', () => {
    expect(currentUnit('a', walk)).toBe('c');
    expect(currentUnit('a', walk, '2025-04-01')).toBe('b');
    expect(currentUnit('a', walk, '2024-12-31')).toBe('a');
    expect(['x', 'y']).toContain(currentUnit('x', walk));
    expect(currentUnit('z', walk)).toBe('z');
  });
  it('reads effective dates as written in reports', () => {
    expect(parseEffectiveDate('01/07/2025')).toBe('2025-07-01');
    expect(parseEffectiveDate('2025-03-01')).toBe('2025-03-01');
    expect(parseEffectiveDate('2025')).toBe('2025-01-01');
    expect(parseEffectiveDate('mùng 1')).toBeNull();
  });
});

describe('saved model and SQL shown to the user', () => {
  it('rejects a saved model that is not one', () => {
    expect(parseModel('{"version":9}').tables).toEqual({});
    expect(parseModel('not json').units.units).toEqual([]);
  });
  it('writes parameters into the SQL as literals, leaving quoted text alone', () => {
    expect(inlineParams(`SELECT "a$1" FROM t WHERE x = $1 AND y IN ($2, $3) AND z = '$1'`, ["O'Brien", 2024, null])).toBe(
      `SELECT "a$1" FROM t WHERE x = 'O''Brien' AND y IN (2024, NULL) AND z = '$1'`,
    );
  });
});
