/**
 * Platform-wide pause and resume over REST against a real dev server and worker: pausing the East
 * region freezes its cases' response deadlines (in the case view and in the ResponseDueAt search
 * attribute the list reads), repeating the pause changes nothing, the resume moves them by the paused
 * time, and a North case is untouched throughout. Only ops may do it.
 */
import { WALL_CLOCK_POLICY_VERSION } from '../../src/policy/versions';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  // Wall-clock desks: a pause of N real seconds moves the deadline by N whatever the hour the test runs
  // (on a working calendar at night it would move by 0). Calendars are proven at fixed 2026 instants in
  // tests/workflows/working-calendar.test.ts.
  h = await startApiHarness({ policyVersion: WALL_CLOCK_POLICY_VERSION, orders: [testOrder('ORD-EAST-1'), testOrder('ORD-NORTH-1', { destinationDivisionCode: '110101' })] });
});
afterAll(async () => {
  await h?.teardown();
});

type View = { status: string; region: string; clocks?: { response?: { running: boolean } }; clocksPaused?: { pauseId: string }; deadlines: { responseDueAt?: string }; timeline: { event: string }[] };
const read = async (id: string): Promise<View> => (await h.http.get(`/v1/cases/${id}`).set(auth('agent'))).body;
/** The ResponseDueAt search attribute, as the case list shows it. */
async function listedDueAt(id: string): Promise<string | undefined> {
  const res = await h.http.get('/v1/cases').set(auth('ops'));
  return (res.body.items as Array<{ caseId: string; responseDueAt?: string }>).find((c) => c.caseId === id)?.responseDueAt;
}

async function open(orderId: string): Promise<string> {
  const res = await h.http.post('/v1/cases').set(auth('service')).send({ orderId, channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(res.status).toBe(201);
  await eventually(() => read(res.body.caseId), (v) => v.status === 'awaiting_evidence' && v.clocks?.response !== undefined);
  return res.body.caseId;
}

test('pause the East region, deadlines frozen in the view and the search attribute; resume moves them by the paused time; North untouched', async () => {
  const east = await open('ORD-EAST-1');
  const north = await open('ORD-NORTH-1');
  const eastDue = (await read(east)).deadlines.responseDueAt as string;
  const northDue = (await read(north)).deadlines.responseDueAt as string;
  await eventually(() => listedDueAt(east), (d) => d === eastDue);

  const request = { pauseId: 'FLOOD-EAST-1', by: 'OPS-1', reason: 'regional flood', region: 'East' };
  for (const role of ['service', 'agent'] as const) expect((await h.http.post('/v1/clocks/pause').set(auth(role)).send(request)).status).toBe(403);
  const paused = await h.http.post('/v1/clocks/pause').set(auth('ops')).send(request);
  expect(paused.status).toBe(200);
  expect(paused.body).toEqual({ pauseId: 'FLOOD-EAST-1', action: 'pause', matched: 1, signalled: 1, failed: [] });
  const pausedAt = Date.now();
  let v = await eventually(() => read(east), (x) => x.clocksPaused !== undefined);
  expect(v.clocks?.response?.running).toBe(false);
  expect(v.deadlines.responseDueAt).toBe(eastDue);

  await new Promise((r) => setTimeout(r, 3_000));
  expect((await h.http.post('/v1/clocks/pause').set(auth('ops')).send(request)).status).toBe(200); // repeated: no change
  v = await read(east);
  expect(v.deadlines.responseDueAt).toBe(eastDue);
  expect(await listedDueAt(east)).toBe(eastDue);
  expect(v.timeline.filter((t) => t.event === 'clocks_paused')).toHaveLength(1);

  const resumed = await h.http.post('/v1/clocks/resume').set(auth('ops')).send(request);
  expect(resumed.body).toMatchObject({ action: 'resume', matched: 1, signalled: 1 });
  const pausedMs = Date.now() - pausedAt;
  v = await eventually(() => read(east), (x) => x.clocksPaused === undefined && x.deadlines.responseDueAt !== eastDue);
  const moved = Date.parse(v.deadlines.responseDueAt as string) - Date.parse(eastDue);
  expect(moved).toBeGreaterThanOrEqual(3_000);
  expect(moved).toBeLessThanOrEqual(pausedMs + 1_000);
  await eventually(() => listedDueAt(east), (d) => d === v.deadlines.responseDueAt);

  const n = await read(north);
  expect(n.deadlines.responseDueAt).toBe(northDue);
  expect(n.clocksPaused).toBeUndefined();
  expect(n.timeline.map((t) => t.event)).not.toContain('clocks_paused');
});
