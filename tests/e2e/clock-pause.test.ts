/**
 * End to end on the real stack (dev server, sandbox over HTTP, worker with the real activities, the
 * API): ops pause the merchant clocks of every open case in the East region; the East case's response
 * deadline stands still in its view and in the ResponseDueAt search attribute; the resume moves it by
 * the paused time; the North case is untouched throughout.
 */
import { WALL_CLOCK_POLICY_VERSION } from '../../src/policy/versions';
import { Stack, waitFor } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  // Wall-clock desks, so the paused time is the same whatever the hour the test runs (see the API test).
  s = await Stack.start('clock-pause', { policyVersion: WALL_CLOCK_POLICY_VERSION });
  await s.startWorker();
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

/** The ResponseDueAt search attribute of a case, as the case list shows it. */
async function listedDueAt(caseId: string): Promise<string | undefined> {
  const r = await s.call('GET', '/v1/cases', 'ops');
  return (r.body.items as Array<{ caseId: string; responseDueAt?: string }>).find((c) => c.caseId === caseId)?.responseDueAt;
}

test('pause the East region: frozen in the view and the search attribute, moved by the paused time on resume; North untouched', async () => {
  const east = await s.openCase({ orderId: 'ORD-DUVET-HZ', caseType: 'damaged', items: [{ sku: 'SKU-DUVET', quantity: 1 }] });
  const north = await s.openCase({ orderId: 'ORD-RETURN-BJ', caseType: 'damaged', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }] });
  const e0 = await s.reach(east, 'awaiting_evidence');
  const n0 = await s.reach(north, 'awaiting_evidence');
  expect([e0.region, n0.region]).toEqual(['East', 'North']);
  const eastDue = e0.deadlines.responseDueAt as string;
  await waitFor('the East deadline in visibility', async () => ((await listedDueAt(east)) === eastDue ? true : undefined), 30_000);

  const request = { pauseId: 'E2E-FLOOD-EAST', by: 'OPS-1', reason: 'regional flood', region: 'East' };
  const paused = await s.call('POST', '/v1/clocks/pause', 'ops', request);
  expect(paused.body).toMatchObject({ via: 'batch', matched: 1, signalled: 1, failed: [] });
  const job = paused.body.operations[0] as { jobId: string };
  const described = await s.call('GET', `/v1/clocks/operations/${job.jobId}`, 'ops');
  expect(described.body).toMatchObject({ jobId: job.jobId, state: 'completed', total: 1, completed: 1, failures: 0 });
  const pausedAt = Date.now();
  await waitFor('the East case paused', async () => ((await s.view(east)).clocksPaused ? true : undefined), 30_000);
  await new Promise((r) => setTimeout(r, 3_000));
  const during = await s.view(east);
  expect(during.clocks?.response?.running).toBe(false);
  expect(during.deadlines.responseDueAt).toBe(eastDue);
  expect(await listedDueAt(east)).toBe(eastDue);

  const resumed = await s.call('POST', '/v1/clocks/resume', 'ops', request);
  expect(resumed.body).toMatchObject({ via: 'batch', matched: 1, signalled: 1 });
  const pausedMs = Date.now() - pausedAt;
  const after = await waitFor('the East deadline moved', async () => {
    const v = await s.view(east);
    return !v.clocksPaused && v.deadlines.responseDueAt !== eastDue ? v : undefined;
  }, 30_000);
  const moved = Date.parse(after.deadlines.responseDueAt as string) - Date.parse(eastDue);
  expect(moved).toBeGreaterThanOrEqual(3_000);
  expect(moved).toBeLessThanOrEqual(pausedMs + 1_000);
  await waitFor('the moved deadline in visibility', async () => ((await listedDueAt(east)) === after.deadlines.responseDueAt ? true : undefined), 30_000);

  const n1 = await s.view(north);
  expect(n1.deadlines.responseDueAt).toBe(n0.deadlines.responseDueAt);
  expect(n1.clocksPaused).toBeUndefined();
  expect(n1.timeline.map((t) => t.event)).not.toContain('clocks_paused');
  expect(await listedDueAt(north)).toBe(n0.deadlines.responseDueAt);
}, 180_000);
