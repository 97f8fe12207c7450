/**
 * A case that continued as new (issue 14), through the API on a real Temporal dev server: the
 * notes that make it hand over at its survey, reads of the resumed run (with the earlier count),
 * the opening request repeated (its Idempotency-Key and the open-case-per-order rule read the memo,
 * which the new run must carry; a claim of other items is refused, read from the new run's first
 * event), keyed actions of the first run retried in the new one (answered
 * as before, not applied again), the list showing the case once, the survey answered in the new run,
 * and the closed case read.
 */
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

const NOTES = 650;
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    orders: [
      testOrder('ORD-CAN1', {
        items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }],
        deliveredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      }),
    ],
  });
});
afterAll(async () => {
  await h?.teardown();
});

const opening = {
  orderId: 'ORD-CAN1',
  channel: 'app',
  caseType: 'spoiled',
  items: [{ sku: 'SKU-CRAB', quantity: 1 }],
  evidence: [{ url: 'https://photos.example.com/crab.jpg?score=0.9', kind: 'item' }],
};
const read = (id: string) => h.http.get(`/v1/cases/${id}`).set(auth('agent'));
const act = (id: string, action: string, payload: object, role: 'agent' | 'service' = 'agent') =>
  h.http.post(`/v1/cases/${id}/${action}`).set(auth(role)).send(payload);

test(`a case that took ${NOTES} notes at its survey continued as new and the API still reads it, acts on it, finds it by its opening request and reads it closed`, async () => {
  const first = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-can-1').send(opening);
  expect(first.status).toBe(201);
  const id: string = first.body.caseId;
  expect((await act(id, 'acknowledge', { agentId: 'AG-EAST-01' })).status).toBe(200);
  await eventually(() => read(id).then((r) => r.body), (v) => v.status === 'awaiting_survey');
  // Keyed actions in the first run: an escalation and a note, each answered with its status and seq.
  const escalation = () => act(id, 'escalate', { by: 'AG-EAST-01', reason: 'customer called twice' }).set('Idempotency-Key', 'k-can-esc').set('Prefer', 'return=minimal');
  const keyedNote = () => act(id, 'notes', { author: 'AG-EAST-01', text: 'keyed note' }).set('Idempotency-Key', 'k-can-note').set('Prefer', 'return=minimal');
  const escalated = await escalation();
  const noted = await keyedNote();
  expect([escalated.status, noted.status]).toEqual([200, 200]);
  // Every run after the first starts after this instant; the case opened before it.
  const beforeNotes = new Date().toISOString();

  for (let i = 0; i < NOTES; i++) {
    const res = await act(id, 'notes', { author: 'AG-EAST-01', text: `note ${i + 1}` });
    expect(res.status).toBe(200);
  }
  // Visibility is eventually consistent: the runs of the case, once it lists the hand-over.
  const runs = await eventually(
    async () => {
      const statuses: string[] = [];
      for await (const r of h.env.client.workflow.list({ query: `WorkflowId = "${caseWorkflowId(id)}"` })) statuses.push(r.status.name);
      return statuses;
    },
    (statuses) => statuses.length >= 2,
  );
  console.log(`[figure] API case: ${runs.length} runs after ${NOTES} notes (dev server): ${runs.join(', ')}`);
  expect(runs).toContain('CONTINUED_AS_NEW');
  expect(runs).toContain('RUNNING');

  const resumed = await read(id);
  expect(resumed.status).toBe(200);
  expect(resumed.body.status).toBe('awaiting_survey');
  expect(resumed.body.earlier.runs).toBeGreaterThanOrEqual(1);
  expect(resumed.body.notes.length + resumed.body.earlier.notes).toBe(NOTES + 1);

  // The keyed actions retried in the new run: the first answers again, nothing applied twice.
  expect((await escalation()).body).toEqual(escalated.body);
  expect((await keyedNote()).body).toEqual(noted.body);
  const after = (await read(id)).body;
  expect(after.escalationLevel).toBe(1);
  expect(after.escalations).toHaveLength(1);
  expect(after.notes.length + after.earlier.notes).toBe(NOTES + 1);
  expect(after.timeline.length + after.earlier.timelineEntries).toBe(resumed.body.timeline.length + resumed.body.earlier.timelineEntries);

  // The opening request again, and the same claim without a key: both find this case, not a new one.
  const again = await h.http.post('/v1/cases').set(auth('service')).set('Idempotency-Key', 'k-can-1').send(opening);
  expect(again.status).toBe(200);
  expect(again.body.caseId).toBe(id);
  const natural = await h.http.post('/v1/cases').set(auth('service')).send(opening);
  expect(natural.status).toBe(200);
  expect(natural.body.caseId).toBe(id);
  // Other items for the same order and type: refused, the open case's claim read from the new run's
  // first event (Temporal does not carry static details across continue-as-new).
  const current = await h.env.client.workflow.getHandle(caseWorkflowId(id)).describe();
  expect(await current.staticDetails()).toBeUndefined();
  const other = await h.http.post('/v1/cases').set(auth('service')).send({ ...opening, items: [{ sku: 'SKU-CRAB', quantity: 2 }] });
  expect(other.status).toBe(409);
  expect(other.body.detail).toContain(`has an open spoiled case, ${id}, claiming SKU-CRAB × 1; this claim (SKU-CRAB × 2) was not opened`);

  // The list shows the case once (its latest run), as it stands.
  const listed = await h.http.get('/v1/cases?orderId=ORD-CAN1').set(auth('agent'));
  expect(listed.body.items.map((i: { caseId: string; status: string; execution: string }) => [i.caseId, i.status, i.execution])).toEqual([[id, 'awaiting_survey', 'RUNNING']]);
  // Listed by when the case opened (OpenedAt, carried across runs), not when its newest run started.
  expect(listed.body.items[0].openedAt).toBe(resumed.body.openedAt);
  const openedBefore = await h.http.get(`/v1/cases?orderId=ORD-CAN1&openedTo=${beforeNotes}`).set(auth('agent'));
  expect(openedBefore.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([id]);
  const openedAfter = await h.http.get(`/v1/cases?orderId=ORD-CAN1&openedFrom=${beforeNotes}`).set(auth('agent'));
  expect(openedAfter.body.items).toEqual([]);
  expect((await act(id, 'feedback', { rating: 5 }, 'service')).status).toBe(200);
  const closed = await eventually(() => read(id).then((r) => r.body), (v) => v.status === 'closed');
  expect(closed.feedback).toEqual({ rating: 5 });
  expect(h.world.calls.filter((c) => c.name === 'issueRefund')).toHaveLength(1);
}, 600_000);
