/**
 * Platform-wide pause and resume over REST against a real dev server and worker: pausing the East
 * region freezes its cases' response deadlines (in the case view and in the ResponseDueAt search
 * attribute the list reads), repeating the pause changes nothing, the resume moves them by the paused
 * time, and a North case is untouched throughout. Only ops may do it. The fan-out runs as Temporal
 * batch signal operations (described with their counts, a repeat naming the same jobs); a server that
 * refuses them (UNIMPLEMENTED) gets the per-case signals instead.
 */
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { WALL_CLOCK_POLICY_VERSION } from '../../src/policy/versions';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  // Wall-clock desks: a pause of N real seconds moves the deadline by N whatever the hour the test runs
  // (on a working calendar at night it would move by 0). Calendars are proven at fixed 2026 instants in
  // tests/workflows/working-calendar.test.ts.
  h = await startApiHarness({ policyVersion: WALL_CLOCK_POLICY_VERSION, orders: [testOrder('ORD-EAST-1'), testOrder('ORD-EAST-2'), testOrder('ORD-EAST-3'), testOrder('ORD-NORTH-1', { destinationDivisionCode: '110101' })] });
});
afterAll(async () => {
  await h?.teardown();
});

type View = { status: string; region: string; priority: string; clocks?: { response?: { running: boolean } }; clocksPaused?: { pauseId: string }; deadlines: { responseDueAt?: string }; timeline: { event: string }[] };
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

test('pause the East region, deadlines frozen in the view and the search attribute; resume moves them by the paused time; paused again under the same id; North untouched', async () => {
  const east = await open('ORD-EAST-1');
  const north = await open('ORD-NORTH-1');
  const eastDue = (await read(east)).deadlines.responseDueAt as string;
  const northDue = (await read(north)).deadlines.responseDueAt as string;
  await eventually(() => listedDueAt(east), (d) => d === eastDue);

  const request = { pauseId: 'FLOOD-EAST-1', by: 'OPS-1', reason: 'regional flood', region: 'East' };
  for (const role of ['service', 'agent'] as const) expect((await h.http.post('/v1/clocks/pause').set(auth(role)).send(request)).status).toBe(403);
  const paused = await h.http.post('/v1/clocks/pause').set(auth('ops')).send(request);
  expect(paused.status).toBe(200);
  expect(paused.body).toMatchObject({ pauseId: 'FLOOD-EAST-1', action: 'pause', via: 'batch', matched: 1, signalled: 1, failed: [] });
  const jobs = paused.body.operations as Array<{ jobId: string; state: string; total: number; completed: number; failures: number }>;
  expect(jobs.map((j) => j.jobId)).toEqual([expect.stringMatching(/^clocks-pause-FLOOD-EAST-1-\w+-1$/), expect.stringMatching(/^clocks-pause-FLOOD-EAST-1-\w+-2$/)]);
  for (const j of jobs) expect(j).toMatchObject({ state: 'completed', total: 1, completed: 1, failures: 0 });
  const described = await h.http.get(`/v1/clocks/operations/${jobs[0]?.jobId}`).set(auth('ops'));
  expect(described.status).toBe(200);
  expect(described.body).toEqual(jobs[0]);
  expect((await h.http.get(`/v1/clocks/operations/${jobs[0]?.jobId}`).set(auth('agent'))).status).toBe(403);
  expect((await h.http.get('/v1/clocks/operations/clocks-pause-NOPE-1').set(auth('ops'))).status).toBe(404);
  // Other workflows of the namespace are no batch jobs, a case least of all.
  for (const id of [`case-${east}`, 'platform-clock-pauses']) expect((await h.http.get(`/v1/clocks/operations/${id}`).set(auth('ops'))).status).toBe(404);
  const pausedAt = Date.now();
  let v = await eventually(() => read(east), (x) => x.clocksPaused !== undefined);
  expect(v.clocks?.response?.running).toBe(false);
  expect(v.deadlines.responseDueAt).toBe(eastDue);

  await new Promise((r) => setTimeout(r, 3_000));
  const repeated = await h.http.post('/v1/clocks/pause').set(auth('ops')).send(request); // repeated: the same jobs, no change
  expect(repeated.status).toBe(200);
  expect(repeated.body).toMatchObject({ via: 'batch', operations: jobs });
  v = await read(east);
  expect(v.deadlines.responseDueAt).toBe(eastDue);
  expect(await listedDueAt(east)).toBe(eastDue);
  expect(v.timeline.filter((t) => t.event === 'clocks_paused')).toHaveLength(1);

  const resumed = await h.http.post('/v1/clocks/resume').set(auth('ops')).send(request);
  expect(resumed.body).toMatchObject({ action: 'resume', via: 'batch', matched: 1, signalled: 1 });
  expect(resumed.body.operations[0].jobId).toMatch(/^clocks-resume-FLOOD-EAST-1-\w+-1$/);
  const pausedMs = Date.now() - pausedAt;
  v = await eventually(() => read(east), (x) => x.clocksPaused === undefined && x.deadlines.responseDueAt !== eastDue);
  const moved = Date.parse(v.deadlines.responseDueAt as string) - Date.parse(eastDue);
  expect(moved).toBeGreaterThanOrEqual(3_000);
  expect(moved).toBeLessThanOrEqual(pausedMs + 1_000);
  await eventually(() => listedDueAt(east), (d) => d === v.deadlines.responseDueAt);

  // The same pauseId paused again after its resume: a new generation of jobs, and the case pauses again.
  const again = await h.http.post('/v1/clocks/pause').set(auth('ops')).send(request);
  expect(again.body).toMatchObject({ via: 'batch', matched: 1, signalled: 1 });
  expect(again.body.operations[0].jobId).toMatch(/^clocks-pause-FLOOD-EAST-1-\w+-1$/);
  expect(again.body.operations[0].jobId).not.toBe(jobs[0]?.jobId);
  await eventually(() => read(east), (x) => x.clocksPaused !== undefined);
  expect((await h.http.post('/v1/clocks/resume').set(auth('ops')).send(request)).body).toMatchObject({ via: 'batch', matched: 1, signalled: 1 });
  await eventually(() => read(east), (x) => x.clocksPaused === undefined);

  const n = await read(north);
  expect(n.deadlines.responseDueAt).toBe(northDue);
  expect(n.clocksPaused).toBeUndefined();
  expect(n.timeline.map((t) => t.event)).not.toContain('clocks_paused');
});

/** The test's client, but its server refuses batch operations as a server without the batcher does. */
function withoutBatcher(client: Client): Client {
  const unimplemented = Object.assign(new Error('12 UNIMPLEMENTED: unknown method StartBatchOperation'), { code: 12, details: 'unknown method StartBatchOperation', metadata: {} });
  const workflowService = new Proxy(client.workflowService, {
    get: (target, prop, receiver) => (prop === 'startBatchOperation' ? () => Promise.reject(unimplemented) : Reflect.get(target, prop, receiver)),
  });
  return Object.create(client, { workflowService: { value: workflowService } }) as Client;
}

test('a server refusing batch operations: the cases are signalled one by one (via signals), and the pause still holds', async () => {
  const east = await open('ORD-EAST-2');
  const http = request(h.extraApp({ client: withoutBatcher(h.env.client) }));
  const pause = { pauseId: 'FLOOD-EAST-FB', by: 'OPS-1', reason: 'regional flood', region: 'East' };
  const paused = await http.post('/v1/clocks/pause').set(auth('ops')).send(pause);
  expect(paused.status).toBe(200);
  // Every running East case (the first test's too), each signalled once, no batch job.
  expect(paused.body).toMatchObject({ pauseId: 'FLOOD-EAST-FB', action: 'pause', via: 'signals', failed: [], operations: [] });
  expect(paused.body.matched).toBeGreaterThanOrEqual(1);
  expect(paused.body.signalled).toBe(paused.body.matched);
  expect(h.logs).toContainEqual(expect.objectContaining({ msg: 'clocks_batch_refused', code: 12 }));
  await eventually(() => read(east), (x) => x.clocksPaused?.pauseId === 'FLOOD-EAST-FB');
  const resumed = await http.post('/v1/clocks/resume').set(auth('ops')).send(pause);
  expect(resumed.body).toMatchObject({ via: 'signals', matched: paused.body.matched, signalled: paused.body.matched, failed: [] });
  await eventually(() => read(east), (x) => x.clocksPaused === undefined);
});

test('a pause id in force paused again with another filter, or resumed with a narrower one, is refused (422) and signals nothing; the same filter repeats the pause', async () => {
  const south = { pauseId: 'FLOOD-SOUTH-1', by: 'OPS-1', reason: 'regional flood', region: 'South' };
  const paused = await h.http.post('/v1/clocks/pause').set(auth('ops')).send(south);
  expect(paused.status).toBe(200);
  const jobs = paused.body.operations;

  const north = await h.http.post('/v1/clocks/pause').set(auth('ops')).send({ ...south, region: 'North' });
  expect(north.status).toBe(422);
  expect(north.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(north.body).toMatchObject({ type: '/docs#problem-pause_id_reused', status: 422, instance: '/v1/clocks/pause' });
  expect(north.body.detail).toMatch(/pause FLOOD-SOUTH-1 is in force for region South, not region North/);
  const everywhere = await h.http.post('/v1/clocks/pause').set(auth('ops')).send({ pauseId: south.pauseId, by: 'OPS-2', reason: 'typo' });
  expect(everywhere.status).toBe(422);
  expect(h.logs.filter((l) => l.msg === 'clocks_pause' && l.pauseId === south.pauseId)).toHaveLength(1);

  // The same pause again (another operator, another reason): the original jobs.
  const repeated = await h.http.post('/v1/clocks/pause').set(auth('ops')).send({ ...south, by: 'OPS-2', reason: 'still flooded' });
  expect(repeated.status).toBe(200);
  expect(repeated.body).toMatchObject({ pauseId: south.pauseId, action: 'pause', operations: jobs });
  // A resume with another (here narrower) filter would leave the rest of the pause's cases paused: refused too.
  const narrower = await h.http.post('/v1/clocks/resume').set(auth('ops')).send({ ...south, caseType: 'damaged' });
  expect(narrower.status).toBe(422);
  expect(narrower.body.detail).toMatch(/in force for region South; a resume for region South, caseType damaged would leave some of its cases paused/);
  expect(h.logs.filter((l) => l.msg === 'clocks_resume' && l.pauseId === south.pauseId)).toHaveLength(0);
  // A wider resume (no filter) is fine: cases the pause did not cover ignore it.
  expect((await h.http.post('/v1/clocks/resume').set(auth('ops')).send({ pauseId: south.pauseId, by: 'OPS-1', reason: 'receded' })).status).toBe(200);
});

test('a resume of a pause id never recorded is a 404 naming it, with no batch job and no signal; a resume of an ended pause still answers 200', async () => {
  const nope = await h.http.post('/v1/clocks/resume').set(auth('ops')).send({ pauseId: 'NOPE-1', by: 'OPS-1', reason: 'x' });
  expect(nope.status).toBe(404);
  expect(nope.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(nope.body).toMatchObject({ type: '/docs#problem-pause_not_found', status: 404, instance: '/v1/clocks/resume' });
  expect(nope.body.detail).toMatch(/no pause NOPE-1 was ever recorded/);
  expect(h.logs).not.toContainEqual(expect.objectContaining({ msg: 'clocks_resume', pauseId: 'NOPE-1' }));
  for (const sweep of [1, 2]) expect((await h.http.get(`/v1/clocks/operations/clocks-resume-NOPE-1-ended-${sweep}`).set(auth('ops'))).status).toBe(404);

  // The reference lists both refusals.
  const paths = (await h.http.get('/openapi.json')).body.paths;
  expect(paths['/v1/clocks/resume'].post.responses['404'].description).toMatch(/pause_not_found/);
  expect(paths['/v1/clocks/resume'].post.responses['422'].description).toMatch(/pause_id_reused/);
  expect(paths['/v1/clocks/pause'].post.responses['422'].description).toMatch(/pause_id_reused/);

  // A pause resumed, then resumed again (a retry): answered as before, naming the pause's `ended` jobs.
  const storm = { pauseId: 'STORM-NW-1', by: 'OPS-1', reason: 'storm', region: 'Northwest' };
  expect((await h.http.post('/v1/clocks/pause').set(auth('ops')).send(storm)).status).toBe(200);
  expect((await h.http.post('/v1/clocks/resume').set(auth('ops')).send(storm)).status).toBe(200);
  const again = await h.http.post('/v1/clocks/resume').set(auth('ops')).send(storm);
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ pauseId: 'STORM-NW-1', action: 'resume', via: 'batch' });
  expect(again.body.operations[0].jobId).toBe('clocks-resume-STORM-NW-1-ended-1');
});

test('a case reprioritized while a priority-filtered pause holds it hears the resume with the same filter, and its clocks run again', async () => {
  const east = await open('ORD-EAST-3');
  const { priority } = await read(east);
  const pause = { pauseId: 'P-STORM-EAST', by: 'OPS-1', reason: 'storm of one priority', region: 'East', priority };
  expect((await h.http.post('/v1/clocks/pause').set(auth('ops')).send(pause)).status).toBe(200);
  await eventually(() => read(east), (v) => v.clocksPaused?.pauseId === 'P-STORM-EAST');
  const other = priority === 'P1' ? 'P2' : 'P1';
  const moved = await h.http.post(`/v1/cases/${east}/reprioritize`).set(auth('agent')).send({ by: 'AG-LEAD-01', priority: other, reason: 'repeat complaint' });
  expect(moved.status).toBe(200);
  expect(moved.body.priority).toBe(other);

  expect((await h.http.post('/v1/clocks/resume').set(auth('ops')).send(pause)).status).toBe(200);
  const v = await eventually(() => read(east), (x) => x.clocksPaused === undefined);
  expect(v.clocks?.response?.running).toBe(true);
  expect(v.timeline.map((t) => t.event)).toContain('clocks_resumed');
});
