/**
 * The operations console as an operator sees it: `npm start`'s stack (src/start.ts on free ports),
 * one spoiled-seafood case driven to its refund, then the case opened in the Temporal UI in headless
 * Chromium. The UI decodes the encrypted input through the API's codec server (the description
 * shows in plain text), the history shows the activity summaries, and the User Metadata tab shows
 * the static summary and the current details. Screenshots go to test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { yuan } from '../../src/workflows/case/summaries';
import { call, killHard, launch, newDataDir, stackPorts, until, type Launcher, type StackPorts } from '../e2e/launcher';
import { openBrowser, type Browser } from './browser';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const DESCRIPTION = 'The crabs smelled off when the box was opened.';

let ports: StackPorts;
let stack: Launcher | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  ports = await stackPorts();
  stack = launch(ports, newDataDir());
  await stack.ready();
  browser = await openBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  if (stack && stack.child.exitCode === null) {
    process.kill(-stack.child.pid!, 'SIGINT');
    await Promise.race([stack.exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
  killHard(stack);
}, 60_000);

async function refundedCase(api: string): Promise<{ caseId: string; refund: string }> {
  const opened = await call('POST', `${api}/v1/cases`, 'dev-service-key', {
    orderId: 'ORD-SEAFOOD-SH',
    channel: 'app',
    caseType: 'spoiled',
    items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }],
    evidence: [{ url: 'https://img.example/crab-spoiled.jpg', kind: 'item' }],
    description: DESCRIPTION,
  });
  expect(opened.status).toBe(201);
  const caseId: string = opened.body.caseId;
  const paid: number = await until('the refund and the survey', async () => {
    const r = await call('GET', `${api}/v1/cases/${caseId}`, 'dev-ops-key');
    return r.body?.status === 'awaiting_survey' ? r.body.refund.amount : undefined;
  }, 90_000);
  return { caseId, refund: yuan(paid) };
}

/** Waits until the page shows `text` (the UI loads and decodes panels asynchronously). */
async function shows(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Waits until some frame shows `text`: the UI renders user metadata (markdown) in sandboxed
 * iframes, out of reach of the page's own locators.
 */
async function showsInFrame(page: Page, text: string | RegExp): Promise<void> {
  await until(`the UI to show ${String(text)}`, async () => {
    for (const frame of page.frames()) {
      if ((await frame.getByText(text).count()) > 0) return true;
    }
    return undefined;
  }, 30_000);
}

test('a case in the Temporal UI: decoded input, activity summaries in its history, static summary and current details', async () => {
  const { caseId, refund } = await refundedCase(stack!.api);
  const page = await browser!.context.newPage();
  const failedCodecCalls: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/codec/') && r.status() >= 400) failedCodecCalls.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`http://127.0.0.1:${ports.ui}/namespaces/default/workflows/${caseWorkflowId(caseId)}`, { waitUntil: 'load' });

  // The input is ciphertext on the server; the browser shows it decoded through the codec server.
  await shows(page, `"description": "${DESCRIPTION}"`);
  // The history's activity summaries (and a timer summary), as ops read them.
  await shows(page, `issueRefund • refund ${refund} for ${caseId}`);
  await shows(page, 'scorePhotos • score 1 photo');
  await shows(page, 'findSpecialist • find a P1 dedicated specialist in East');
  await shows(page, 'getOrder • look up order ORD-SEAFOOD-SH');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'ui-case-history.png'), fullPage: true });

  await page.getByText('User Metadata', { exact: true }).click();
  await shows(page, 'Current Details');
  await showsInFrame(page, 'spoiled · ORD-SEAFOOD-SH · app'); // the static summary set at start
  await showsInFrame(page, /Status: awaiting_survey/); // the current details, from the running worker
  await shows(page, `refund ${refund} for ${caseId}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'ui-case.png'), fullPage: true });
  expect(failedCodecCalls).toEqual([]);
  const shot = fs.statSync(path.join(ARTIFACTS, 'ui-case.png'));
  expect(shot.size).toBeGreaterThan(10_000);
});
