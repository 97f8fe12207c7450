/**
 * `GET /docs` in a real headless Chromium (playwright-core drives a system Chromium; nothing is
 * downloaded): every operation of /openapi.json is rendered and visible, every in-page link lands on
 * an element, every problem kind has its `#problem-<kind>` anchor, the page logs no console or page
 * errors under its own Content-Security-Policy, and a full-page screenshot is a real PNG.
 *
 * The page needs no Temporal, so the app runs on a lazy client that never connects. Chromium comes
 * from `node scripts/provision.js --chromium` (or AFTERCASE_CHROMIUM); without one this file fails.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/api/app';
import { loadApiKeys } from '../../src/api/auth';
import { PROBLEMS } from '../../src/api/errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../../scripts/provision.js') as { findChromium(): { path: string; from: string } | undefined };

type Json = Record<string, unknown>;
// The page's globals used by the functions that run in the browser (the tsconfig has no DOM lib).
declare const document: {
  getElementById(id: string): { getBoundingClientRect(): { top: number } } | null;
  documentElement: { scrollHeight: number };
};
declare const window: { scrollY: number };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const VIEWPORT = { width: 1280, height: 800 };
/** Gitignored (.cache/), kept after the run so a human can look at it. */
const SCREENSHOT = path.resolve(__dirname, '../../.cache/docs-browser/docs-page.png');

let connection: Connection;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let operations: Array<{ method: string; path: string; summary: string }>;
const consoleErrors: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const found = findChromium();
  if (!found) {
    throw new Error(
      'No Chromium for the /docs browser test. Run `node scripts/provision.js --chromium` (installs Debian\'s ' +
        'chromium as root), put chromium/chromium-browser/google-chrome on PATH, or set AFTERCASE_CHROMIUM to a ' +
        'Chromium executable.',
    );
  }
  connection = Connection.lazy({ address: '127.0.0.1:1' });
  const app = createApp({
    client: new Client({ connection }),
    namespace: 'default',
    apiKeys: loadApiKeys({}),
    webhookSecret: 'docs-browser-test-secret',
    logger: () => undefined,
  });
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, Json>> };
  operations = Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => HTTP_METHODS.includes(m))
      .map(([m, op]) => ({ method: m.toUpperCase(), path: p, summary: String(op.summary ?? '') })),
  );

  browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: VIEWPORT });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  const res = await page.goto(`${base}/docs`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await connection?.close();
});

test('renders every operation of /openapi.json as a visible section with its summary', async () => {
  expect(operations.length).toBeGreaterThan(10);
  const missing: string[] = [];
  for (const op of operations) {
    const name = `${op.method} ${op.path}`;
    const heading = page.getByRole('heading', { level: 3, name, exact: true });
    if ((await heading.count()) !== 1 || !(await heading.isVisible())) {
      missing.push(`${name}: no single visible heading`);
      continue;
    }
    // Descriptions render `code` spans as <code>; the visible text drops the backticks.
    const section = await heading.locator('xpath=ancestor::section[1]').innerText();
    if (!section.includes(op.summary.replace(/`/g, ''))) missing.push(`${name}: summary "${op.summary}" not shown`);
  }
  expect(missing).toEqual([]);
  // Nothing the document does not have: one operation section per operation.
  expect(await page.locator('section.op[id^="op-"]').count()).toBe(operations.length);
});

test('every in-page link lands on an element with that id', async () => {
  const hrefs = await page.$$eval('a[href^="#"]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  // The nav links each operation; type references link schemas.
  expect(hrefs.length).toBeGreaterThanOrEqual(operations.length);
  const dangling = await page.evaluate(
    (list: string[]) => list.filter((href) => href.length < 2 || !document.getElementById(decodeURIComponent(href.slice(1)))),
    hrefs,
  );
  expect(dangling).toEqual([]);
});

test('every problem kind has its #problem-<kind> anchor, visible, and a problem `type` link scrolls to it', async () => {
  const missing: string[] = [];
  for (const [kind, spec] of Object.entries(PROBLEMS)) {
    const row = page.locator(`[id="problem-${kind}"]`);
    if ((await row.count()) !== 1 || !(await row.isVisible())) missing.push(`#problem-${kind}`);
    else if (!(await row.innerText()).includes(spec.title)) missing.push(`#problem-${kind}: title "${spec.title}" not shown`);
  }
  expect(missing).toEqual([]);

  // What a client gets in `type` of a problem (e.g. /docs#problem-case_closed) opens on its row.
  const other = await browser.newPage({ viewport: VIEWPORT });
  try {
    await other.goto(`${base}/docs#problem-case_closed`, { waitUntil: 'load' });
    const top = await other.evaluate(() => document.getElementById('problem-case_closed')?.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(-1);
    expect(top).toBeLessThan(VIEWPORT.height / 2);
    expect(await other.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  } finally {
    await other.close();
  }
});

test('no console errors and no page errors (CSP included)', () => {
  expect(consoleErrors).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a full-page screenshot is a real PNG of the whole page', async () => {
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  fs.rmSync(SCREENSHOT, { force: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  const png = fs.readFileSync(SCREENSHOT);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(width).toBe(VIEWPORT.width);
  expect(height).toBe(pageHeight);
  expect(height).toBeGreaterThan(VIEWPORT.height * 3);
  expect(png.length).toBeGreaterThan(100_000);
});
