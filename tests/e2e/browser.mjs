// Finds and starts a headless Chromium for the end-to-end tests, and records every request
// the page makes so a test can assert that nothing leaves the app's origin.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

/** CHROMIUM_PATH if set; else the Chromium shipped in the @sparticuz/chromium npm package
 *  (installed by `npm install`, so a fresh machine needs nothing else). */
export async function chromiumPath() {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
    return process.env.CHROMIUM_PATH;
  }
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

// Without the background-networking flags Chromium tries hosts it cannot reach.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({ executablePath: await chromiumPath(), args: ARGS, headless: true });
}

/** A new page whose requests are all recorded in `requests` (URL strings). */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return { context, page, requests, consoleErrors };
}

/** Requests that left the origin: anything not on `origin` and not a local blob:/data: URL. */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
}
