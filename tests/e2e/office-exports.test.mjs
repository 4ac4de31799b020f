// The sample dashboard exported to Word and PowerPoint in a real browser, and the files read
// back: valid OOXML zips, one image per chart block, a real table per table block (and one for
// the KPI figures), every block's sentence, Vietnamese text intact, A4 in Times New Roman,
// 16:9 slides with the sentences in the speaker notes. Where LibreOffice is installed both are
// converted to PDF (into a temporary folder) and their pages counted.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { alerts, blocksDrawn, useApp } from './harness.mjs';

const app = useApp();
let dir = '';
before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'office-exports-'))));
after(() => rm(dir, { recursive: true, force: true }));

const which = (cmd) => {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};
/** LibreOffice with Writer and Impress (Debian splits them into packages; Calc alone converts
 *  neither file). */
const soffice = (() => {
  const found = which('soffice');
  if (!found) return null;
  const program = path.dirname(realpathSync(found));
  return ['libswlo.so', 'libsdlo.so'].every((lib) => existsSync(path.join(program, lib))) ? found : null;
})();
/** OFFICE_EXPORTS_KEEP=/some/dir keeps the files exported, to open them by hand. */
const keep = (name, bytes) => (process.env.OFFICE_EXPORTS_KEEP ? writeFile(path.join(process.env.OFFICE_EXPORTS_KEEP, name), bytes) : undefined);

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** The text of each paragraph (<w:p> in Word, <a:p> in PowerPoint), runs joined. */
function paragraphs(xml, p, t) {
  return [...xml.matchAll(new RegExp(`<${p}[ >][\\s\\S]*?</${p}>`, 'g'))].map((m) => [...m[0].matchAll(new RegExp(`<${t}(?: [^>]*)?>([^<]*)</${t}>`, 'g'))].map((x) => unescapeXml(x[1])).join(''));
}

/** What the page shows, read from the drawn blocks: titles and kinds, chart or heat table,
 *  KPI figures, grid sizes. */
async function shownBlocks(page) {
  return page.locator('[data-testid="dashboard-grid"] [data-testid="dashboard-block"]').evaluateAll((els) =>
    els.map((el) => ({
      title: el.getAttribute('aria-label'),
      kind: el.dataset.kind,
      w: Number(el.dataset.w),
      h: Number(el.dataset.h),
      chart: !!el.querySelector('[data-testid="block-chart"] svg'),
      heat: !!el.querySelector('[data-testid="block-chart"] [aria-label="cell"]'),
      kpi: el.querySelector('[data-testid="kpi"] .value')?.textContent?.trim() ?? null,
    })),
  );
}

/** Slides of a page as the presentation packs them: 12 columns, at most 3 rows a slide. */
function slideCount(blocks) {
  let slides = 0;
  let rows = 0;
  let lineW = 0;
  let lineH = 0;
  const flush = () => {
    if (lineW === 0) return;
    if (slides === 0 || rows + lineH > 3) {
      slides++;
      rows = 0;
    }
    rows += lineH;
    lineW = 0;
    lineH = 0;
  };
  for (const b of blocks) {
    if (lineW + b.w > 12) flush();
    lineW += b.w;
    lineH = Math.max(lineH, b.h);
  }
  flush();
  return Math.max(1, slides);
}

async function download(page, testid) {
  await page.locator('[data-testid="export-menu"]').click();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.locator(`[data-testid="${testid}"]`).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

function pdfPages(pdf) {
  if (which('pdfinfo')) return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
  return (execFileSync('cat', [pdf]).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** Converts `file` with LibreOffice headless; returns the PDF's path. */
function toPdf(file) {
  execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
  return file.replace(/\.\w+$/, '.pdf');
}

describe('Word and PowerPoint exports', () => {
  /** Every page of the sample dashboard as the person sees it. */
  const pages = [];
  let page;
  const files = {};

  it('exports every page of the sample dashboard to Word', async () => {
    ({ page } = await app.open());
    await page.locator('[data-testid="tab-dashboard"]').click();
    for (const tab of await page.locator('[data-testid="dashboard-page"]').all()) {
      await tab.click();
      await blocksDrawn(page);
      pages.push({ title: await tab.textContent(), blocks: await shownBlocks(page) });
    }
    await page.locator('[data-testid="dashboard-page"]').first().click();
    await blocksDrawn(page);
    await page.locator('[data-testid="export-menu"]').click();
    await page.locator('[data-testid="export-scope"]').selectOption('all');
    await page.locator('[data-testid="export-menu"]').click();
    const { name, bytes } = await download(page, 'export-docx');
    assert.match(name, /\.docx$/);
    files.docx = bytes;
    await keep('bao-cao.docx', bytes);
    assert.deepEqual(await alerts(page), []);
    // The page shown before the export is shown again, and no progress bar is left behind.
    assert.equal(await page.locator('[data-testid="dashboard-page"][aria-selected="true"]').textContent(), pages[0].title);
    await page.locator('[data-testid="export-progress"]').waitFor({ state: 'detached' });
  });

  it('writes A4 pages in Times New Roman with every chart, table, figure and sentence', () => {
    const zip = unzipSync(files.docx);
    for (const entry of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']) assert.ok(zip[entry], `${entry} is in the docx`);
    const xml = strFromU8(zip['word/document.xml']);
    const styles = strFromU8(zip['word/styles.xml']);
    // A4 (210 × 297 mm) with the margins of Nghị định 30: 20 mm top and bottom, 30 left, 15 right.
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(xml, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    assert.match(styles, /w:ascii="Times New Roman"/);
    assert.match(styles, /<w:sz w:val="28"\/>/, 'body text is 14 pt');

    const blocks = pages.flatMap((p) => p.blocks).filter((b) => b.kind !== 'filter');
    const charts = blocks.filter((b) => b.chart && !b.heat);
    const tables = blocks.filter((b) => b.heat || ((b.kind === 'analysis' || b.kind === 'sql') && !b.chart));
    const kpiTables = pages.filter((p) => p.blocks.some((b) => b.kind === 'kpi')).length;
    const media = Object.keys(zip).filter((k) => /^word\/media\/.+\.png$/.test(k));
    assert.equal(media.length, charts.length, 'one image per chart block');
    for (const m of media) {
      const png = zip[m];
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      // Twice the drawn size (charts are drawn 560–900 pixels wide).
      assert.ok(Buffer.from(png).readUInt32BE(16) >= 1000, `${m} is ${Buffer.from(png).readUInt32BE(16)} px wide`);
    }
    assert.equal((xml.match(/<w:tbl>/g) ?? []).length, tables.length + kpiTables, 'a Word table per table block and one for the KPI figures');

    const text = paragraphs(xml, 'w:p', 'w:t');
    const all = text.join('\n');
    assert.equal(all, all.normalize('NFC'));
    for (let i = 1; i <= charts.length; i++) assert.ok(text.some((t) => t.startsWith(`Biểu đồ ${i}. `)), `caption Biểu đồ ${i}`);
    for (const b of charts) assert.ok(text.includes(`Biểu đồ ${charts.indexOf(b) + 1}. ${b.title}`), `caption of ${b.title}`);
    for (const b of blocks.filter((b) => b.kind !== 'note')) assert.ok(text.some((t) => t.startsWith(`«${b.title}»`)), `a sentence for ${b.title}`);
    for (const b of blocks.filter((b) => b.kpi)) assert.ok(text.includes(b.kpi), `KPI figure ${b.kpi}`);
    // vi-VN numbers: a decimal comma (the KPI changes' percentages), never English grouping.
    assert.ok(text.some((t) => /\d,\d+ %/.test(t)), 'a decimal comma');
    assert.ok(!text.some((t) => /^\d{1,3}(,\d{3})+$|^\d+\.\d{1,2}$/.test(t)), 'no English-style number');
    assert.ok(text.some((t) => t.startsWith('Nguồn số liệu: ') && /\.csv/.test(t)), 'the source files in a note');
    assert.match(all, /Hoàn thành xuất sắc/);
  });

  it('exports the slides to PowerPoint, 16:9, with the sentences and page notes in the speaker notes', async () => {
    const { bytes } = await download(page, 'export-pptx');
    files.pptx = bytes;
    await keep('trinh-chieu.pptx', bytes);
    const zip = unzipSync(bytes);
    assert.ok(zip['ppt/presentation.xml'] && zip['[Content_Types].xml']);
    assert.match(strFromU8(zip['ppt/presentation.xml']), /<p:sldSz cx="12192000" cy="6858000"/);
    const slides = Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k));
    assert.equal(slides.length, pages.reduce((n, p) => n + slideCount(p.blocks), 0));
    const blocks = pages.flatMap((p) => p.blocks).filter((b) => b.kind !== 'filter');
    const media = Object.keys(zip).filter((k) => /^ppt\/media\/.+\.png$/.test(k));
    assert.equal(media.length, blocks.filter((b) => b.chart).length, 'one image per chart block (heat tables too)');
    const notes = Object.keys(zip)
      .filter((k) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(k))
      .map((k) => paragraphs(strFromU8(zip[k]), 'a:p', 'a:t').join('\n'))
      .join('\n');
    assert.equal(notes, notes.normalize('NFC'));
    for (const b of blocks.filter((b) => b.kind !== 'note')) assert.ok(notes.includes(`«${b.title}»`), `the sentence for ${b.title} in the notes`);
    assert.match(notes, /Mở đầu: số mô hình tăng qua các năm/, "the page's own notes");
    const shown = Object.keys(zip)
      .filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k))
      .map((k) => paragraphs(strFromU8(zip[k]), 'a:p', 'a:t').join('\n'))
      .join('\n');
    for (const b of blocks) assert.ok(shown.includes(b.title), `${b.title} on a slide`);
  });

  it('exports one slide per block when the presentation shows one block per slide', async () => {
    await page.locator('[data-testid="present-mode"]').selectOption('block');
    const zip = unzipSync((await download(page, 'export-pptx')).bytes);
    const slides = Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k));
    assert.equal(slides.length, pages.flatMap((p) => p.blocks).filter((b) => b.kind !== 'filter').length);
  });

  it('offers the offline snapshot in the same menu', async () => {
    const { name, bytes } = await download(page, 'export-snapshot');
    assert.match(name, /\.html$/);
    const html = bytes.toString('utf8');
    for (const p of pages) assert.ok(html.includes(`<h2>${p.title}</h2>`), `page ${p.title} in the snapshot`);
  });

  it('shows its progress, and says in Vietnamese what to do when an export fails', async () => {
    // A browser that cannot encode the chart pictures.
    const { page: failing } = await app.open('', { init: () => (HTMLCanvasElement.prototype.toBlob = function (done) { done(null); }) });
    await failing.locator('[data-testid="tab-dashboard"]').click();
    await blocksDrawn(failing);
    await failing.locator('[data-testid="export-menu"]').click();
    await failing.locator('[data-testid="export-docx"]').click();
    await failing.locator('[data-testid="export-progress"] [role="progressbar"]').waitFor({ timeout: 30_000 });
    await failing.locator('[role="alert"][data-testid="error"]').first().waitFor({ timeout: 60_000 });
    const [message] = await alerts(failing);
    assert.match(message, /^Không xuất được Word: .+\. Hãy đợi các khối vẽ xong rồi bấm xuất lại/);
    // The page is usable again: the menu opens.
    await failing.locator('[data-testid="export-progress"]').waitFor({ state: 'detached' });
    assert.equal(await failing.locator('[data-testid="export-menu"]').isEnabled(), true);
  });

  it('opens in LibreOffice: both convert to PDF, with one page per slide', { skip: !soffice && 'LibreOffice Writer and Impress are not installed' }, async () => {
    const docx = path.join(dir, 'bao-cao.docx');
    const pptx = path.join(dir, 'trinh-chieu.pptx');
    await writeFile(docx, files.docx);
    await writeFile(pptx, files.pptx);
    const docPages = pdfPages(toPdf(docx));
    assert.ok(docPages >= 2 && docPages <= 12, `the report has ${docPages} pages`);
    assert.equal(pdfPages(toPdf(pptx)), pages.reduce((n, p) => n + slideCount(p.blocks), 0));
    if (which('pdftotext')) {
      const text = execFileSync('pdftotext', [path.join(dir, 'bao-cao.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
      assert.match(text, /Biểu đồ 1\./);
      assert.match(text, /Nguồn số liệu/);
    }
  });
  if (!soffice) console.warn('LibreOffice Writer and Impress are not installed: the Word and PowerPoint files were checked on their XML only (apt-get install -y libreoffice-writer-nogui libreoffice-impress-nogui runs the PDF check too).');
});
