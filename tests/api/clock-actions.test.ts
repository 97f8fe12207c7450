/**
 * The clock actions over REST against a real dev server: `reprioritize` and `reassign` return the
 * view with the recomputed clocks and a timeline entry naming who and why; agents and ops may call
 * them, the customer's service may not; a reason is required; a no-op is refused (409). A clock that has
 * ended (the response clock, once answered) keeps its last reading through a reassignment.
 */
import { addWorkingMinutes, calendarNamed } from '../../src/policy/calendar';
import { CURRENT_POLICY_VERSION } from '../../src/policy/versions';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ orders: ['ORD-C1', 'ORD-C2', 'ORD-C3'].map((id) => testOrder(id)) });
});
afterAll(async () => {
  await h?.teardown();
});

async function openAwaitingEvidence(orderId: string): Promise<string> {
  const res = await h.http.post('/v1/cases').set(auth('service')).send({ orderId, channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(res.status).toBe(201);
  const id: string = res.body.caseId;
  await eventually(
    () => h.http.get(`/v1/cases/${id}`).set(auth('agent')).then((r) => r.body),
    (v) => v.status === 'awaiting_evidence' && v.clocks?.response !== undefined,
  );
  return id;
}

test('reprioritize: P1 → P2 gives the response clock 30 working minutes from the opening on its desk calendar, recorded with who and why', async () => {
  const id = await openAwaitingEvidence('ORD-C1');
  const res = await h.http.post(`/v1/cases/${id}/reprioritize`).set(auth('ops')).send({ by: 'OPS-7', priority: 'P2', reason: 'not urgent after all' });
  expect(res.status).toBe(200);
  expect(res.body.priority).toBe('P2');
  expect(res.body.clocks.response).toMatchObject({ slaMinutes: 30 });
  // New cases run on the desk's working calendar (policy 2026-12-v1): 30 minutes of *its* working time,
  // whatever the hour the test runs at (at 08:00 in Shanghai the desk opens at 09:00 first).
  expect(res.body.policyVersion).toBe(CURRENT_POLICY_VERSION);
  const calendar = calendarNamed(res.body.clocks.response.calendar);
  expect(Date.parse(res.body.clocks.response.dueAt)).toBe(addWorkingMinutes(calendar, Date.parse(res.body.openedAt), 30));
  // The case may record its own steps (a message sent) after the action: find the entry, not the last one.
  const entry = res.body.timeline.find((t: { event: string }) => t.event === 'reprioritized');
  expect(entry?.detail).toMatch(/^P1 → P2 by OPS-7: not urgent after all/);

  const again = await h.http.post(`/v1/cases/${id}/reprioritize`).set(auth('agent')).send({ by: 'AG-1', priority: 'P2', reason: 'again' });
  expect(again.status).toBe(409);
  expect(again.body.detail).toMatch(/already P2/);
  const customer = await h.http.post(`/v1/cases/${id}/reprioritize`).set(auth('service')).send({ by: 'C-1', priority: 'P1', reason: 'please' });
  expect(customer.status).toBe(403);
  const noReason = await h.http.post(`/v1/cases/${id}/reprioritize`).set(auth('agent')).send({ by: 'AG-1', priority: 'P3' });
  expect(noReason.status).toBe(400);
});

test('reassign: another agent and desk, shown in the view and the clocks; the same agent and desk again is refused', async () => {
  const id = await openAwaitingEvidence('ORD-C2');
  const res = await h.http.post(`/v1/cases/${id}/reassign`).set(auth('agent')).send({ by: 'AG-LEAD-1', agentId: 'AG-NORTH-02', desk: 'north-desk', reason: 'regional cover' });
  expect(res.status).toBe(200);
  expect(res.body.assignee).toBe('AG-NORTH-02');
  expect(res.body.clocks.response.desk).toBe('north-desk');
  expect(res.body.timeline.at(-1).detail).toMatch(/agent .* → AG-NORTH-02; desk east-desk → north-desk .* by AG-LEAD-1: regional cover/);
  const again = await h.http.post(`/v1/cases/${id}/reassign`).set(auth('agent')).send({ by: 'AG-LEAD-1', agentId: 'AG-NORTH-02', desk: 'north-desk', reason: 'again' });
  expect(again.status).toBe(409);
  expect(again.body.detail).toMatch(/already with that agent and desk/);
});

test('reassign after the first response moves the running clocks only: the answered response clock keeps its desk and due time', async () => {
  const id = await openAwaitingEvidence('ORD-C3');
  const ack = await h.http.post(`/v1/cases/${id}/acknowledge`).set(auth('agent')).send({ agentId: 'AG-EAST-01' });
  expect(ack.status).toBe(200);
  const before = (await h.http.get(`/v1/cases/${id}`).set(auth('agent'))).body;
  expect(before.clocks.response).toMatchObject({ desk: 'east-desk', running: false });
  const res = await h.http.post(`/v1/cases/${id}/reassign`).set(auth('agent')).send({ by: 'AG-LEAD-1', desk: 'north-desk', reason: 'regional cover' });
  expect(res.status).toBe(200);
  expect(res.body.clocks.resolution.desk).toBe('north-desk');
  expect(res.body.clocks.response).toEqual(before.clocks.response);
  expect(res.body.deadlines.responseDueAt).toBe(before.deadlines.responseDueAt);
});
