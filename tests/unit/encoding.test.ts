import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { decodeHead, detectEncoding, transcodeToUtf8 } from '../../src/import/encoding';

const utf16le = (s: string) => {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
};

/** "Điện Biên Đông" in Windows-1258: Đ=D0, i, e+^=EA, dot below=F2, n… */
export const WIN1258_DIEN_BIEN = new Uint8Array([
  0xd0, 0x69, 0xea, 0xf2, 0x6e, 0x20, 0x42, 0x69, 0xea, 0x6e, 0x20, 0xd0, 0xf4, 0x6e, 0x67,
]);

describe('encoding detection', () => {
  it('recognises byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(detectEncoding(utf16le('a\tb\n'))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
  });
  it('accepts UTF-8 without a BOM', () => {
    expect(detectEncoding(new TextEncoder().encode('Đơn vị,Số\nĐiện Biên,1\n'))).toBe('utf-8');
  });
  it('tells Windows-1258 Vietnamese from Windows-1252', () => {
    expect(detectEncoding(WIN1258_DIEN_BIEN)).toBe('windows-1258');
    // "Café, Zürich" in Windows-1252
    expect(detectEncoding(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x20, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]))).toBe('windows-1252');
  });
  it('reads the corpus Latin-1 file as Windows-1252', async () => {
    const bytes = new Uint8Array(await readFile('tests/corpus/csv/encodings/latin1.csv'));
    expect(detectEncoding(bytes)).toBe('windows-1252');
  });
});

describe('transcoding to UTF-8 NFC', () => {
  it('turns Windows-1258 combining tones into composed NFC letters', async () => {
    const blob = await transcodeToUtf8(new Blob([WIN1258_DIEN_BIEN]), 'windows-1258');
    const text = await blob.text();
    expect(text).toBe('Điện Biên Đông');
    expect(text).toBe(text.normalize('NFC'));
  });
  it('keeps a letter and its tone together across chunk boundaries', async () => {
    const parts = [WIN1258_DIEN_BIEN.slice(0, 3), WIN1258_DIEN_BIEN.slice(3)]; // split between ê and its dot
    const stream = new Blob(parts);
    expect(await (await transcodeToUtf8(stream, 'windows-1258')).text()).toBe('Điện Biên Đông');
  });
  it('decodes UTF-16 with its BOM', async () => {
    expect(await (await transcodeToUtf8(new Blob([utf16le('Năm\tSố\n')]), 'utf-16le')).text()).toBe('Năm\tSố\n');
    expect(decodeHead(utf16le('Năm\tSố'), 'utf-16le')).toBe('Năm\tSố');
  });
});
