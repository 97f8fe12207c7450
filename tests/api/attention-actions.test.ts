/**
 * The two ops actions on a case in needs_attention, over REST: the payment system refuses a refund,
 * the case shows why, `retry-step` retries with the same idempotency key once the refusal is
 * cleared, `settle-step` records a refund paid by hand; both are refused while nothing needs
 * attention, and a service key may use neither. Sent together, one is taken and the other refused.
 */
import { auth, eventually, startApiHarness, testOrder, type ApiHarness } from './support';

const crab = (orderId: string) =>
  testOrder(orderId, {
    items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }],
    deliveredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  });

let h: ApiHarness;
beforeAll(async () => {
  // Updates wait up to a minute: with the worker restarted, the case's next task first waits out the
  // stopped worker's sticky queue (10 s), and a loaded CI machine can add as much again.
  h = await startApiHarness({ orders: [crab('ORD-ATT-1'), crab('ORD-ATT-2'), testOrder('ORD-ATT-3'), crab('ORD-ATT-4')], timeouts: { updateMs: 60_000 } });
  h.world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'payments refused: refund_exceeds_refundable' };
});
afterAll(async () => {
  await h?.teardown();
});

async function openSpoiled(orderId: string): Promise<string> {
  const res = await h.http
    .post('/v1/cases')
    .set(auth('service'))
    .send({ orderId, channel: 'app', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
  expect(res.status).toBe(201);
  return res.body.caseId;
}
const read = (id: string) => h.http.get(`/v1/cases/${id}`).set(auth('ops'));
const reach = (id: string, status: string) =>
  eventually(
    () => read(id).then((r) => r.body),
    (v) => v.status === status,
  );

test('a refused refund: needs_attention names the step and the refusal; settle-step records it paid by hand', async () => {
  const id = await openSpoiled('ORD-ATT-1');
  const held = await reach(id, 'needs_attention');
  expect(held.attention).toMatchObject({ step: 'refund', refused: true, lastError: 'payments refused: refund_exceeds_refundable' });

  const byService = await h.http.post(`/v1/cases/${id}/settle-step`).set(auth('service')).send({ by: 'SHOP', reference: 'x' });
  expect(byService.status).toBe(403);
  const badStock = await h.http.post(`/v1/cases/${id}/settle-step`).set(auth('ops')).send({ by: 'OPS-1', reference: 'BT-77', stockUsed: 'no' });
  expect(badStock.status).toBe(400);
  const stockOnRefund = await h.http.post(`/v1/cases/${id}/settle-step`).set(auth('ops')).send({ by: 'OPS-1', reference: 'BT-77', stockUsed: false });
  expect(stockOnRefund.status).toBe(409);
  expect(stockOnRefund.body.detail).toBe('stockUsed applies to a settled dispatch_reshipment only, not to refund');
  const settled = await h.http.post(`/v1/cases/${id}/settle-step`).set(auth('ops')).send({ by: 'OPS-1', reference: 'BT-77' });
  expect(settled.status).toBe(200);
  const after = await reach(id, 'awaiting_survey');
  expect(after.refund).toMatchObject({ status: 'paid', refundId: 'manual:BT-77' });
  expect(after.timeline.find((t: { event: string }) => t.event === 'settle_requested')?.detail).toBe('refund by OPS-1 (BT-77)');
  // Sent again (a careless retry): refused, naming the settlement already taken.
  const again = await h.http.post(`/v1/cases/${id}/settle-step`).set(auth('ops')).send({ by: 'OPS-2', reference: 'BT-78' });
  expect(again.status).toBe(409);
  expect(again.body.detail).toMatch(/^nothing needs attention while the case is awaiting_survey; the last action was a settlement of refund by OPS-1 at 20\d\d-/);
});

test('retry-step retries the refund with the same idempotency key once payments accept it', async () => {
  const id = await openSpoiled('ORD-ATT-2');
  await reach(id, 'needs_attention');
  const before = h.world.calls.filter((c) => c.name === 'issueRefund' && (c.input as { caseId: string }).caseId === id);
  delete h.world.refusals.issueRefund;
  const retried = await h.http.post(`/v1/cases/${id}/retry-step`).set(auth('agent')).send({ by: 'AG-EAST-01' });
  expect(retried.status).toBe(200);
  const after = await reach(id, 'awaiting_survey');
  expect(after.refund).toMatchObject({ status: 'paid' });
  const calls = h.world.calls.filter((c) => c.name === 'issueRefund' && (c.input as { caseId: string }).caseId === id);
  expect(calls.length).toBeGreaterThan(before.length);
  expect(new Set(calls.map((c) => (c.input as { idempotencyKey: string }).idempotencyKey)).size).toBe(1);
});

test('both actions are a 409 while nothing needs attention', async () => {
  const res = await h.http
    .post('/v1/cases')
    .set(auth('service'))
    .send({ orderId: 'ORD-ATT-3', channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
  expect(res.status).toBe(201);
  await reach(res.body.caseId, 'awaiting_evidence');
  for (const [action, body] of [['retry-step', { by: 'OPS-1' }], ['settle-step', { by: 'OPS-1', reference: 'x' }]] as const) {
    const refused = await h.http.post(`/v1/cases/${res.body.caseId}/${action}`).set(auth('ops')).send(body);
    expect([action, refused.status]).toEqual([action, 409]);
    expect(refused.body.detail).toMatch(/nothing needs attention/);
  }
});

test('retry-step and settle-step sent together (no worker, so one workflow task carries both): one 200, the other a 409 naming the first', async () => {
  h.world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'payments refused: refund_exceeds_refundable' };
  const id = await openSpoiled('ORD-ATT-4');
  await reach(id, 'needs_attention');
  await h.stopWorker();
  const retry = h.http.post(`/v1/cases/${id}/retry-step`).set(auth('ops')).send({ by: 'OPS-1' }).then((r) => r);
  const settle = h.http.post(`/v1/cases/${id}/settle-step`).set(auth('ops')).send({ by: 'OPS-2', reference: 'BT-78' }).then((r) => r);
  await new Promise((r) => setTimeout(r, 1_000));
  await h.startWorker();
  const answers = await Promise.all([retry, settle]);
  expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  const refused = answers.find((r) => r.status === 409)!;
  expect(refused.body.detail).toMatch(/of refund was already asked by OPS-[12]; wait for its outcome/);
  const taken = answers.find((r) => r.status === 200) === answers[0] ? 'retry' : 'settle';
  // What the 200 said is what happened: a retry leaves the refusal standing, a settlement records the refund paid by hand.
  const v = await reach(id, taken === 'retry' ? 'needs_attention' : 'awaiting_survey');
  if (taken === 'settle') expect(v.refund).toMatchObject({ status: 'paid', refundId: 'manual:BT-78' });
  else expect(v.refund?.status).not.toBe('paid');
});
