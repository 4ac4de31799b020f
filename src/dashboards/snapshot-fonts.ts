/** Be Vietnam Pro embedded in the offline snapshot (Vietnamese and Latin subsets, regular and
 *  bold, about 90 kB as data URLs), so the file renders its diacritics the same on any machine
 *  with no network. The files come from the app's own origin. */
import latin400 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-normal.woff2?url';
import latin700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2?url';
import vi400 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-400-normal.woff2?url';
import vi700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2?url';

const VIETNAMESE = 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';
const LATIN = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';

async function dataUrl(url: string): Promise<string> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:font/woff2;base64,${btoa(binary)}`;
}

/** The @font-face rules; empty when the files cannot be read (the snapshot falls back to the
 *  system's fonts rather than failing). */
export async function snapshotFontCss(): Promise<string> {
  try {
    const faces = [
      [vi400, 400, VIETNAMESE],
      [latin400, 400, LATIN],
      [vi700, 700, VIETNAMESE],
      [latin700, 700, LATIN],
    ] as const;
    const rules = await Promise.all(
      faces.map(async ([url, weight, range]) => `@font-face{font-family:'Be Vietnam Pro';font-style:normal;font-weight:${weight};src:url(${await dataUrl(url)}) format('woff2');unicode-range:${range}}`),
    );
    return rules.join('\n');
  } catch {
    return '';
  }
}
