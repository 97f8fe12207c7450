/**
 * Reads degrade, they don't fail: with no worker, GET /v1/cases/{id} serves the last view Temporal
 * holds (search attributes) marked stale with its time; with the worker back, the live view. The
 * summary (GET /v1/cases/{id}/summary) never asks a worker. A case whose workflow an operator
 * terminated reads as stopped, never as live. And a list item whose status is closed while its
 * workflow runs says so.
 */
import { TypedSearchAttributes } from '@temporalio/common';
import { summaryOf } from '../../src/cases/listing';
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { CASE_STATUS } from '../../src/workflows/case/search-attributes';
import { openApiValidator } from './openapi-validator';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    orders: [
      testOrder('ORD-ST1'),
      testOrder('ORD-ST2'),
      testOrder('ORD-ST3', {
        items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }],
        deliveredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      }),
    ],
    timeouts: { queryMs: 1_500 },
  });
});
afterAll(async () => {
  await h?.teardown();
});

test('worker stopped: 200 with the last known view, stale, as of its last workflow task; worker back: the live view', async () => {
  const opened = await h.http.post('/v1/cases').set(auth('service')).send({ orderId: 'ORD-ST1', channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(opened.status).toBe(201);
  const url = `/v1/cases/${opened.body.caseId}`;
  const fresh = await eventually(
    () => h.http.get(url).set(auth('agent')).then((r) => r.body),
    (b) => b.status === 'awaiting_evidence',
  );
  expect(fresh.stale).toBeUndefined();

  // The summary is current: the moment an action has returned, it shows what the action changed.
  const due = await h.http.get(`${url}/summary`).set(auth('agent'));
  expect(due.body.responseDueAt).toEqual(expect.any(String));
  const ack = await h.http.post(`${url}/acknowledge`).set(auth('agent')).send({ agentId: fresh.assignee });
  expect(ack.status).toBe(200);
  const acknowledged = await h.http.get(`${url}/summary`).set(auth('agent'));
  expect(acknowledged.body).toMatchObject({ status: 'awaiting_evidence', assignee: fresh.assignee });
  expect(acknowledged.body.responseDueAt).toBeUndefined(); // the response clock stopped

  const current = await h.http.get(url).set(auth('agent'));
  // The first response was given: the response clock shows stopped; the resolution clock waits paused on the customer's photos.
  expect(fresh.clocks.response.running).toBe(true);
  expect(current.body.clocks.response).toMatchObject({ running: false, breached: false });
  const lastEventAt = Date.parse(current.body.timeline[current.body.timeline.length - 1].at);

  await h.stopWorker();
  const stale = await h.http.get(url).set(auth('agent'));
  expect(stale.status).toBe(200);
  expect(stale.body).toMatchObject({ caseId: opened.body.caseId, orderId: 'ORD-ST1', caseType: 'damaged', status: 'awaiting_evidence', execution: 'RUNNING', stale: true });
  const asOf = Date.parse(stale.body.asOf);
  expect(asOf).toBeGreaterThanOrEqual(lastEventAt - 1_000);
  expect(asOf).toBeLessThanOrEqual(Date.now());
  expect(h.logs.some((l) => l.msg === 'case_query_failed_serving_stale')).toBe(true);
  // Each answer is what /openapi.json documents (its clocks included).
  const valid = await openApiValidator(h);
  expect(current.body.clocks).toBeDefined();
  expect(valid('CaseView', current.body)).toEqual([]);
  expect(valid('StaleCase', stale.body)).toEqual([]);

  // The summary asks no worker: with none running it answers at once, current, and not marked stale.
  const started = Date.now();
  const summary = await h.http.get(`${url}/summary`).set(auth('agent'));
  expect(summary.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(1_500); // under the read's query timeout: no worker was waited for
  expect(summary.body).toMatchObject({ caseId: opened.body.caseId, orderId: 'ORD-ST1', caseType: 'damaged', status: 'awaiting_evidence', execution: 'RUNNING' });
  expect(summary.body.stale).toBeUndefined();
  expect(summary.body.timeline).toBeUndefined();

  await h.startWorker();
  const back = await eventually(
    () => h.http.get(url).set(auth('agent')).then((r) => ({ status: r.status, body: r.body })),
    (r) => r.status === 200 && r.body.stale === undefined,
    30_000,
  );
  expect(back.body).toMatchObject({ caseId: opened.body.caseId, status: 'awaiting_evidence', channel: 'app' });
  expect(Array.isArray(back.body.timeline)).toBe(true);
});

test('a terminated case reads as stopped, with its view as it stood; a live one has no such mark; actions are refused as closed', async () => {
  const opened = await h.http.post('/v1/cases').set(auth('service')).send({ orderId: 'ORD-ST2', channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(opened.status).toBe(201);
  const url = `/v1/cases/${opened.body.caseId}`;
  const live = await eventually(
    () => h.http.get(url).set(auth('agent')).then((r) => r.body),
    (b) => b.status === 'awaiting_evidence',
  );
  expect(live.stopped).toBeUndefined();

  await h.env.client.workflow.getHandle(caseWorkflowId(opened.body.caseId)).terminate('an operator stopped it');
  const read = await h.http.get(url).set(auth('agent'));
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ caseId: opened.body.caseId, status: 'awaiting_evidence', assignee: live.assignee, stopped: { execution: 'TERMINATED' } });
  expect(read.body.stale).toBeUndefined();
  expect(live.clocks.resolution).toBeDefined();
  for (const clock of Object.values(read.body.clocks as Record<string, { running: boolean }>)) expect(clock.running).toBe(false); // its clocks no longer run
  // As it stood when stopped: the live view's timeline, and whatever the case recorded before the terminate landed.
  expect(read.body.timeline.slice(0, live.timeline.length)).toEqual(live.timeline);
  const at = Date.parse(read.body.stopped.at);
  expect(at).toBeGreaterThanOrEqual(Date.parse(live.timeline[live.timeline.length - 1].at));
  expect(at).toBeLessThanOrEqual(Date.now());

  const valid = await openApiValidator(h);
  expect(valid('StoppedCase', read.body)).toEqual([]);
  expect(valid('CaseView', read.body)).not.toEqual([]); // `stopped` is no field of a live view
  const summary = await h.http.get(`${url}/summary`).set(auth('agent'));
  expect(summary.body).toMatchObject({ execution: 'TERMINATED' });
  expect(valid('CaseSummary', summary.body)).toEqual([]);
  const ack = await h.http.post(`${url}/acknowledge`).set(auth('agent')).send({ agentId: live.assignee });
  expect(ack.status).toBe(409);
  expect(ack.body.type).toBe('/docs#problem-case_closed');
});

test('a case decided without a first response owes none: its summary shows no response deadline, its view the response clock stopped', async () => {
  const opened = await h.http.post('/v1/cases').set(auth('service')).send({
    orderId: 'ORD-ST3',
    channel: 'app',
    caseType: 'spoiled',
    items: [{ sku: 'SKU-CRAB', quantity: 1 }],
    evidence: [{ url: 'https://photos.example.com/crab.jpg?score=0.9', kind: 'item' }],
  });
  expect(opened.status).toBe(201);
  const url = `/v1/cases/${opened.body.caseId}`;
  // Refunded at once (clear photo, fresh food), before any specialist answered.
  const decided = await eventually(
    () => h.http.get(url).set(auth('agent')).then((r) => r.body),
    (b) => b.status === 'awaiting_survey',
  );
  expect(decided.acknowledgedAt).toBeUndefined();
  expect(decided.decision.resolution).toBe('refund');
  expect(decided.deadlines.responseDueAt).toEqual(expect.any(String));
  expect(decided.clocks.response.running).toBe(false);
  const summary = await h.http.get(`${url}/summary`).set(auth('agent'));
  expect(summary.body).toMatchObject({ status: 'awaiting_survey', resolution: 'refund' });
  expect(summary.body.responseDueAt).toBeUndefined();
});

test('the summary of an unknown case is a 404 problem; it needs the cases:read permission', async () => {
  const missing = await h.http.get('/v1/cases/AC-0000000000000000-1/summary').set(auth('agent'));
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ type: '/docs#problem-case_not_found', status: 404 });
  expect((await h.http.get('/v1/cases/AC-0000000000000000-1/summary')).status).toBe(401);
});

test('a list item that is closed by its status while its workflow still runs is marked finishing', () => {
  const execution = (status: string, name: string) => ({
    typedSearchAttributes: new TypedSearchAttributes([{ key: CASE_STATUS, value: status }]),
    status: { name },
    startTime: new Date('2026-12-01T00:00:00Z'),
  });
  expect(summaryOf('AC-1', execution('closed', 'RUNNING')).finishing).toBe(true);
  expect(summaryOf('AC-1', execution('closed', 'COMPLETED')).finishing).toBeUndefined();
  expect(summaryOf('AC-1', execution('awaiting_review', 'RUNNING')).finishing).toBeUndefined();
});
