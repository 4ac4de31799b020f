import { describe, expect, it } from 'vitest';
import { countsFromShapes, decideNumberStyle, type StyleCounts } from '../../src/import/number-style';

const counts = (c: Partial<StyleCounts> & { n: number }): StyleCounts => ({
  int: 0,
  plain: 0,
  viGroup: 0,
  viDec: 0,
  intlDec: 0,
  intlGroup: 0,
  ambiguous: 0,
  suffixed: 0,
  dmy: 0,
  ...c,
});

describe('number style of a column, from all its values', () => {
  it('plain integers', () => {
    expect(decideNumberStyle(counts({ n: 3, int: 3 }), ',')).toEqual({ kind: 'integer' });
  });
  it('1.053 with plain integers is Vietnamese thousands', () => {
    // e.g. 1.053, 87, 2.100: every dotted value has groups of three digits
    expect(decideNumberStyle(counts({ n: 3, int: 1, viGroup: 2, intlDec: 2 }), ';')).toEqual({ kind: 'vi', type: 'BIGINT', suffixes: false });
  });
  it('44,5 is a Vietnamese decimal', () => {
    expect(decideNumberStyle(counts({ n: 2, int: 1, viDec: 1 }), ';')).toEqual({ kind: 'vi', type: 'DOUBLE', suffixes: false });
  });
  it('a dot with other than three digits after it means international decimals', () => {
    // 1.053 and 2.5 together: 2.5 cannot be Vietnamese, so 1.053 is one point zero five three
    expect(decideNumberStyle(counts({ n: 2, viGroup: 1, intlDec: 2 }), ',')).toEqual({ kind: 'intl', type: 'DOUBLE' });
  });
  it('12.500.000 is thousands in any reading: with integers a Vietnamese number, with 2.5 not a number', () => {
    // Two points cannot be an international number: never read as one (it was NULL).
    expect(decideNumberStyle(countsFromShapes({ int: 3, dotGroupsMany: 2 }), ',')).toEqual({ kind: 'vi', type: 'BIGINT', suffixes: false });
    expect(decideNumberStyle(countsFromShapes({ dotDecimal: 5, dotGroupsMany: 1 }), ',')).toEqual({ kind: 'text' });
    expect(decideNumberStyle(countsFromShapes({ dotDecimal: 5, dotGroups: 1 }), ',')).toEqual({ kind: 'intl', type: 'DOUBLE' });
    expect(decideNumberStyle(countsFromShapes({ dotGroups: 2, dotGroupsMany: 1, commaDecimal: 1 }), ';')).toEqual({ kind: 'vi', type: 'DOUBLE', suffixes: false });
  });
  it('1,053 in a comma-separated file is an international thousand', () => {
    expect(decideNumberStyle(counts({ n: 2, int: 1, viDec: 1, intlGroup: 1, ambiguous: 1 }), ',')).toEqual({
      kind: 'intl',
      type: 'BIGINT',
    });
  });
  it('1,053 in a semicolon-separated file is a Vietnamese decimal', () => {
    expect(decideNumberStyle(counts({ n: 2, int: 1, viDec: 1, intlGroup: 1, ambiguous: 1 }), ';')).toEqual({
      kind: 'vi',
      type: 'DOUBLE',
      suffixes: false,
    });
  });
  it('12,5% and 3,1 tỷ are numbers with a suffix', () => {
    expect(decideNumberStyle(counts({ n: 3, int: 1, viDec: 1, suffixed: 1 }), ',')).toEqual({ kind: 'vi', type: 'DOUBLE', suffixes: true });
  });
  it('dd/mm/yyyy is a date', () => {
    expect(decideNumberStyle(counts({ n: 2, dmy: 2 }), ',')).toEqual({ kind: 'date' });
  });
  it('other number spellings DuckDB reads (1e5) stay numbers', () => {
    expect(decideNumberStyle(counts({ n: 2, int: 1, plain: 2 }), ',')).toEqual({ kind: 'intl', type: 'DOUBLE' });
  });
  it('text stays text', () => {
    expect(decideNumberStyle(counts({ n: 3, int: 1 }), ',')).toEqual({ kind: 'text' });
    expect(decideNumberStyle(counts({ n: 0 }), ',')).toEqual({ kind: 'text' });
  });
});
