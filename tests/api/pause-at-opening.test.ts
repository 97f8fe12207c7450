/**
 * Cases opened while a platform-wide pause is in force (issue 9), over REST against a real dev
 * server and worker: pause East before any case exists, open an East and a North case → the East
 * one starts paused, the North one runs; another API process (a fresh app: its own cache) sees the
 * pause too, since the registry workflow holds it; resume → the East cases run, and a case opened
 * after the resume starts running.
 */
import request from 'supertest';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    orders: [testOrder('ORD-EAST-1'), testOrder('ORD-EAST-2'), testOrder('ORD-EAST-3'), testOrder('ORD-NORTH-1', { destinationDivisionCode: '110101' })],
  });
});
afterAll(async () => {
  await h?.teardown();
});

type View = { status: string; region?: string; clocks?: { response?: { running: boolean } }; clocksPaused?: { pauseId: string }; timeline: { event: string; detail?: string }[] };
const read = async (http: ApiHarness['http'], id: string): Promise<View> => (await http.get(`/v1/cases/${id}`).set(auth('agent'))).body;

async function open(http: ApiHarness['http'], orderId: string): Promise<View & { caseId: string }> {
  const res = await http.post('/v1/cases').set(auth('service')).send({ orderId, channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(res.status).toBe(201);
  const v = await eventually(() => read(http, res.body.caseId), (x) => x.clocks?.response !== undefined);
  return { ...v, caseId: res.body.caseId };
}

test('East pause in force: a new East case starts paused, a new North case does not; another API process sees it; resume → East runs', async () => {
  const pause = { pauseId: 'FLOOD-EAST-2', by: 'OPS-1', reason: 'regional flood', region: 'East' };
  const paused = await h.http.post('/v1/clocks/pause').set(auth('ops')).send(pause);
  expect(paused.status).toBe(200);
  expect(paused.body).toMatchObject({ pauseId: 'FLOOD-EAST-2', action: 'pause', via: 'batch', matched: 0, signalled: 0, failed: [] });
  // No case yet: both sweeps' batch jobs matched nothing.
  expect(paused.body.operations).toEqual([1, 2].map((n) => expect.objectContaining({ jobId: expect.stringMatching(new RegExp(`^clocks-pause-FLOOD-EAST-2-\\w+-${n}$`)), state: 'completed', total: 0 })));

  const east = await open(h.http, 'ORD-EAST-1');
  expect(east.region).toBe('East');
  expect(east.clocksPaused).toMatchObject({ pauseId: 'FLOOD-EAST-2' });
  expect(east.clocks?.response?.running).toBe(false);
  expect(east.timeline.find((t) => t.event === 'clocks_paused')?.detail).toMatch(/in force at opening/);
  const north = await open(h.http, 'ORD-NORTH-1');
  expect(north.region).toBe('North');
  expect(north.clocksPaused).toBeUndefined();
  expect(north.clocks?.response?.running).toBe(true);

  // A restarted API (a new app, nothing cached) reads the pause from the registry in Temporal.
  const restarted = request(h.extraApp({}));
  const east2 = await open(restarted, 'ORD-EAST-2');
  expect(east2.clocksPaused).toMatchObject({ pauseId: 'FLOOD-EAST-2' });

  const resumed = await h.http.post('/v1/clocks/resume').set(auth('ops')).send(pause);
  expect(resumed.status).toBe(200);
  expect(resumed.body).toMatchObject({ action: 'resume', via: 'batch', matched: 2, signalled: 2, failed: [] });
  for (const id of [east.caseId, east2.caseId]) {
    const v = await eventually(() => read(h.http, id), (x) => x.clocksPaused === undefined);
    expect(v.clocks?.response?.running).toBe(true);
    expect(v.timeline.map((t) => t.event)).toContain('clocks_resumed');
  }
  const n = await read(h.http, north.caseId);
  expect(n.timeline.map((t) => t.event)).not.toContain('clocks_paused');

  // The pause has ended (the cache expired during the resume's second sweep): a new East case runs.
  const east3 = await open(h.http, 'ORD-EAST-3');
  expect(east3.clocksPaused).toBeUndefined();
  expect(east3.clocks?.response?.running).toBe(true);
});
