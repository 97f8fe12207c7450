/**
 * End to end on the real stack (dev server, sandbox over HTTP, worker with the real activities, the
 * API): ops pause the East region before any case exists; a new East case starts with its merchant
 * clocks paused and its response deadline standing still, a new North case runs; the resume moves the
 * East deadline by the paused time (issue 9: cases opened while a pause is in force start paused).
 */
import { WALL_CLOCK_POLICY_VERSION } from '../../src/policy/versions';
import { Stack, waitFor } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  // Wall-clock desks, so the paused time is the same whatever the hour the test runs (on a working
  // calendar at night it is 0); calendars at fixed instants: tests/workflows/pause-at-opening.test.ts.
  s = await Stack.start('pause-at-opening', { policyVersion: WALL_CLOCK_POLICY_VERSION });
  await s.startWorker();
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

test('East paused before opening: the new East case starts paused, the new North case runs; resume → East runs, moved by the paused time', async () => {
  const request = { pauseId: 'E2E-FLOOD-EAST-2', by: 'OPS-1', reason: 'regional flood', region: 'East' };
  const paused = await s.call('POST', '/v1/clocks/pause', 'ops', request);
  expect(paused.status).toBe(200);
  expect(paused.body).toMatchObject({ via: 'batch', matched: 0, failed: [] });

  const east = await s.openCase({ orderId: 'ORD-DUVET-HZ', caseType: 'damaged', items: [{ sku: 'SKU-DUVET', quantity: 1 }] });
  const north = await s.openCase({ orderId: 'ORD-RETURN-BJ', caseType: 'damaged', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }] });
  const e0 = await s.reach(east, 'awaiting_evidence');
  const n0 = await s.reach(north, 'awaiting_evidence');
  expect([e0.region, n0.region]).toEqual(['East', 'North']);
  expect(e0.clocksPaused).toMatchObject({ pauseId: 'E2E-FLOOD-EAST-2' });
  expect(e0.clocks?.response?.running).toBe(false);
  expect(n0.clocksPaused).toBeUndefined();
  expect(n0.clocks?.response?.running).toBe(true);
  const eastDue = e0.deadlines.responseDueAt as string;

  await new Promise((r) => setTimeout(r, 3_000));
  expect((await s.view(east)).deadlines.responseDueAt).toBe(eastDue);
  const resumed = await s.call('POST', '/v1/clocks/resume', 'ops', request);
  expect(resumed.body).toMatchObject({ via: 'batch', matched: 1, signalled: 1, failed: [] });
  const resumedBy = Date.now();
  const after = await waitFor('the East case running', async () => {
    const v = await s.view(east);
    return !v.clocksPaused && v.clocks?.response?.running ? v : undefined;
  }, 30_000);
  const moved = Date.parse(after.deadlines.responseDueAt as string) - Date.parse(eastDue);
  expect(moved).toBeGreaterThanOrEqual(3_000);
  expect(moved).toBeLessThanOrEqual(resumedBy - Date.parse(e0.openedAt) + 1_000); // paused from intake, at most since opening
  expect((await s.view(north)).timeline.map((t) => t.event)).not.toContain('clocks_paused');
}, 180_000);
