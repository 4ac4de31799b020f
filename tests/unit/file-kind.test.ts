import { describe, expect, it } from 'vitest';
import { decideKind } from '../../src/import/file-kind';

const text = (s: string) => new TextEncoder().encode(s);

describe('deciding how to read a file', () => {
  it('reads text files as CSV', () => {
    expect(decideKind('a.csv', 10, text('a,b\n1,2\n'))).toEqual({ kind: 'csv' });
    expect(decideKind('a.tsv', 10, text('a\tb\n1\t2\n'))).toEqual({ kind: 'csv' });
    expect(decideKind('a.txt', 10, text('a;b\n'))).toEqual({ kind: 'csv' });
  });
  it('trusts Parquet magic bytes over the extension', () => {
    expect(decideKind('export.csv', 100, text('PAR1....'))).toEqual({ kind: 'parquet' });
  });
  it('refuses empty, binary and unknown files', () => {
    expect(decideKind('a.csv', 0, new Uint8Array())).toEqual({ problem: 'empty' });
    expect(decideKind('a.csv', 4, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).toEqual({ problem: 'binary' });
    expect(decideKind('a.parquet', 10, text('not parquet'))).toEqual({ problem: 'binary' });
    expect(decideKind('a.docx', 10, text('hello'))).toEqual({ problem: 'unsupported' });
  });
  it('accepts UTF-16 text with a byte-order mark (NUL bytes are not binary there)', () => {
    expect(decideKind('a.txt', 6, new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]))).toEqual({ kind: 'csv' });
  });
  it('recognises an Excel workbook', () => {
    expect(decideKind('a.xlsx', 10, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toEqual({ kind: 'spreadsheet' });
  });
});
