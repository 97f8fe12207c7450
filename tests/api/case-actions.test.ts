/**
 * Reading cases and every action, against a real Temporal dev server and a case worker with
 * in-memory activities: each action's success (200 with the new view), its refusal by the case's
 * state (409 with the reason), roles (403), unknown and closed cases (404, 409), carrier webhooks,
 * the minimal answer (`Prefer: return=minimal`), and reads and actions while no worker answers.
 */
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { ROLES } from '../../src/api-keys';
import { PERMISSIONS } from '../../src/api/auth';
import { CASE_ACTIONS } from '../../src/api/cases/actions';
import { caseIdFor } from '../../src/cases/opening';
import { auth, eventually, signed, startApiHarness, testOrder, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    orders: ['ORD-A1', 'ORD-B1', 'ORD-D1', 'ORD-R1', 'ORD-N1', 'ORD-M1'].map((id) => testOrder(id)),
    timeouts: { queryMs: 1_500, updateMs: 2_500 },
  });
});
afterAll(async () => {
  await h?.teardown();
});

type Role = 'service' | 'agent' | 'ops';
const photo = (score: number) => ({ url: `https://photos.example.com/p.jpg?score=${score}`, kind: 'item' });

async function open(orderId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.http
    .post('/v1/cases')
    .set(auth('service'))
    .send({ orderId, channel: 'app', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], ...extra });
  expect(res.status).toBe(201);
  return res.body.caseId;
}
const read = (id: string, role: Role = 'agent') => h.http.get(`/v1/cases/${id}`).set(auth(role));
const waitFor = (id: string, status: string) =>
  eventually(
    () => read(id).then((r) => r.body),
    (v) => v.status === status,
  );
function act(id: string, action: string, role: Role, payload: unknown, key?: string) {
  const req = h.http.post(`/v1/cases/${id}/${action}`).set(auth(role));
  if (key) req.set('Idempotency-Key', key);
  return req.send(payload as object);
}
function expectConflict(res: { status: number; body: { type: string; detail: string }; headers: Record<string, string> }, reason: RegExp) {
  expect(res.status).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.type).toBe('/docs#problem-case_conflict');
  expect(res.body.detail).toMatch(reason);
}

test('a case awaiting evidence: every role reads it; acknowledge (idempotent), notes, escalate, resolution, evidence; refusals name the state', async () => {
  const id = await open('ORD-A1');
  const v = await waitFor(id, 'awaiting_evidence');
  expect(v).toMatchObject({ caseId: id, orderId: 'ORD-A1', priority: 'P1', region: 'East' });
  for (const role of ROLES) expect((await read(id, role)).status).toBe(200);

  const ack = await act(id, 'acknowledge', 'agent', { agentId: 'AG-EAST-01' }, 'ack-once');
  expect(ack.status).toBe(200);
  expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
  const ackRetry = await act(id, 'acknowledge', 'agent', { agentId: 'AG-EAST-01' }, 'ack-once');
  expect(ackRetry.status).toBe(200); // same Idempotency-Key: the same update, applied once
  expect(ackRetry.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);
  expectConflict(await act(id, 'acknowledge', 'agent', { agentId: 'AG-EAST-01' }), /already acknowledged/);

  expectConflict(await act(id, 'review', 'agent', { agentId: 'AG-EAST-01', decision: 'approve' }), /cannot review while the case is awaiting_evidence/);
  expectConflict(await act(id, 'feedback', 'service', { rating: 5 }), /cannot give feedback/);
  expectConflict(await act(id, 'dispute', 'service', { by: 'customer', reason: 'unfair' }), /cannot dispute/);
  expectConflict(await act(id, 'arbitration-ruling', 'ops', { ruling: 'customer', reference: 'ARB-1' }), /cannot record a ruling/);
  expectConflict(await act(id, 'return-received', 'agent', { by: 'WH-1' }), /cannot confirm the return/);
  expectConflict(await act(id, 'notes', 'agent', { author: 'AG-EAST-01', text: 'called back', callbackDone: true }), /no follow-up callback/);

  const note = await act(id, 'notes', 'agent', { author: 'AG-EAST-01', text: 'customer sent photos by chat' });
  expect(note.status).toBe(200);
  expect(note.body.notes).toEqual([expect.objectContaining({ author: 'AG-EAST-01', text: 'customer sent photos by chat' })]);

  const byAgent = await act(id, 'escalate', 'agent', { by: 'AG-EAST-01', reason: 'angry customer' });
  expect(byAgent.status).toBe(200);
  expect(byAgent.body.escalationLevel).toBe(1);
  const byOps = await act(id, 'escalate', 'ops', { by: 'OPS-1', reason: 'VIP' });
  expect(byOps.status).toBe(200);
  expect(byOps.body.escalationLevel).toBe(2);

  const chosen = await act(id, 'resolution', 'service', { resolution: 'refund' });
  expect(chosen.status).toBe(200);
  expect(chosen.body.timeline.map((t: { event: string }) => t.event)).toContain('resolution_chosen');
  expect(chosen.body.timeline.find((t: { event: string }) => t.event === 'resolution_chosen').detail).toBe('refund by customer');

  const evidence = await act(id, 'evidence', 'service', { photos: [photo(0.9)] });
  expect(evidence.status).toBe(200);
  expect(evidence.body.status).not.toBe('awaiting_evidence');
  expect(evidence.body.verification.evidence).toHaveLength(1);

  // Approved on the photos; the customer's preference (refund) is paid; the survey opens.
  const surveyed = await waitFor(id, 'awaiting_survey');
  expect(surveyed.decision.resolution).toBe('refund');
  expect(surveyed.refund).toMatchObject({ status: 'paid', amount: 8_900 });
  expectConflict(await act(id, 'resolution', 'agent', { resolution: 'reship' }), /cannot choose a resolution/);
  expectConflict(await act(id, 'withdraw', 'service', {}), /started to move money/);

  const rated = await act(id, 'feedback', 'service', { rating: 5, comment: 'fast' });
  expect(rated.status).toBe(200);
  expect(rated.body).toMatchObject({ status: 'closed', feedback: { rating: 5, comment: 'fast' } });

  await h.env.client.workflow.getHandle(caseWorkflowId(id)).result();
  const closed = await read(id);
  expect(closed.status).toBe(200);
  expect(closed.body.status).toBe('closed');
  const late = await act(id, 'notes', 'agent', { author: 'AG-EAST-01', text: 'too late' });
  expect(late.status).toBe(409);
  expect(late.body.type).toBe('/docs#problem-case_closed');
});

test('Prefer: return=minimal answers the status after the action without the view; a retry answers the same; refusals are unchanged', async () => {
  const id = await open('ORD-M1');
  await waitFor(id, 'awaiting_evidence');
  const minimal = (action: string, payload: unknown, prefer = 'return=minimal', key?: string) => act(id, action, 'agent', payload, key).set('Prefer', prefer);

  const note = await minimal('notes', { author: 'AG-EAST-01', text: 'first' }, 'return=minimal', 'note-1');
  expect(note.status).toBe(200);
  expect(note.headers['preference-applied']).toBe('return=minimal');
  expect(note.body).toEqual({ caseId: id, status: 'awaiting_evidence', seq: expect.any(Number) });
  const retried = await minimal('notes', { author: 'AG-EAST-01', text: 'first' }, 'return=minimal', 'note-1');
  expect(retried.body).toEqual(note.body); // the same update, applied once: the same answer

  const second = await minimal('notes', { author: 'AG-EAST-01', text: 'second' }, 'respond-async, RETURN="minimal"; x=1');
  expect(second.headers['preference-applied']).toBe('return=minimal');
  expect(second.body.seq).toBeGreaterThan(note.body.seq);

  // Any other preference is ignored: the whole view, as without the header.
  const full = await minimal('notes', { author: 'AG-EAST-01', text: 'third' }, 'return=representation');
  expect(full.status).toBe(200);
  expect(full.headers['preference-applied']).toBeUndefined();
  expect(full.body.notes.map((n: { text: string }) => n.text)).toEqual(['first', 'second', 'third']);
  expect(full.body).toMatchObject({ caseId: id, status: 'awaiting_evidence', orderId: 'ORD-M1' });

  expectConflict(await minimal('review', { agentId: 'AG-EAST-01', decision: 'approve' }), /cannot review while the case is awaiting_evidence/);
  const tooLong = await minimal('notes', { author: 'AG-EAST-01', text: 'x' }, 'return=minimal,'.repeat(100));
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.issues).toEqual([expect.objectContaining({ in: 'header', path: 'Prefer' })]);
  expect((await read(id)).body.notes).toHaveLength(3);
});

test('human review: a partial refund beyond the claim is refused, within it granted; a low rating opens a callback that a note closes', async () => {
  const id = await open('ORD-B1', { evidence: [photo(0.5)] });
  await waitFor(id, 'awaiting_review');
  expectConflict(await act(id, 'evidence', 'service', { photos: [photo(0.9)] }), /cannot add evidence while the case is awaiting_review/);
  expectConflict(await act(id, 'review', 'agent', { agentId: 'AG-EAST-01', decision: 'approve', partialRefundAmount: 99_999 }), /partial refund/);

  const reviewed = await act(id, 'review', 'agent', { agentId: 'AG-EAST-01', decision: 'approve', partialRefundAmount: 5_000, reason: 'scratches only' });
  expect(reviewed.status).toBe(200);
  expect(reviewed.body.verification.reviewedBy).toBe('AG-EAST-01');
  const surveyed = await waitFor(id, 'awaiting_survey');
  expect(surveyed.decision.resolution).toBe('partial_refund');
  expect(surveyed.refund).toMatchObject({ amount: 5_000, status: 'paid' });

  const low = await act(id, 'feedback', 'service', { rating: 1 });
  expect(low.status).toBe(200);
  expect(low.body.status).toBe('awaiting_callback');
  const callback = await act(id, 'notes', 'agent', { author: 'AG-EAST-01', text: 'called the customer back', callbackDone: true });
  expect(callback.status).toBe(200);
  expect(callback.body.status).toBe('closed');
});

test('rejection, dispute and a ruling for the customer; the reshipment is delivered through the signed carrier webhook', async () => {
  const id = await open('ORD-D1', { evidence: [photo(0.1)], preferredResolution: 'reship' });
  await waitFor(id, 'rejected_open_to_dispute');
  expectConflict(await act(id, 'arbitration-ruling', 'ops', { ruling: 'customer', reference: 'ARB-7' }), /cannot record a ruling while the case is rejected_open_to_dispute/);

  const disputed = await act(id, 'dispute', 'service', { by: 'customer', reason: 'the photos show the damage' });
  expect(disputed.status).toBe(200);
  expect(disputed.body.status).toBe('in_arbitration');
  const ruled = await act(id, 'arbitration-ruling', 'ops', { ruling: 'customer', reference: 'ARB-7' });
  expect(ruled.status).toBe(200);
  expect(ruled.body.status).not.toBe('in_arbitration');

  const shipping = await waitFor(id, 'awaiting_delivery');
  const parcel = shipping.shipments[0];
  expect(parcel).toMatchObject({ kind: 'reshipment', status: 'created' });
  expectConflict(await act(id, 'withdraw', 'service', { reason: 'changed my mind' }), /started to move money/);

  const event = { trackingNumber: parcel.trackingNumber, event: 'delivered', occurredAt: new Date().toISOString() };
  const sent = signed(event);
  const { body } = sent;
  const post = (carrier: string, text: string, sig?: { signature: string; timestamp: string }) => {
    const req = h.http.post(`/v1/webhooks/carriers/${carrier}`).set('Content-Type', 'application/json');
    if (sig !== undefined) req.set('X-Signature', sig.signature).set('X-Timestamp', sig.timestamp);
    return req.send(text);
  };

  const unsigned = await post(parcel.carrier, body);
  expect(unsigned.status).toBe(401);
  expect(unsigned.body.type).toBe('/docs#problem-bad_signature');
  const forged = await post(parcel.carrier, body, { ...signed({ ...event, trackingNumber: 'SF999' }), timestamp: sent.timestamp });
  expect(forged.status).toBe(401);
  const garbage = await post(parcel.carrier, body, { signature: 'zz', timestamp: sent.timestamp });
  expect(garbage.status).toBe(401);

  const unknown = signed({ ...event, trackingNumber: 'SF00000000NOPE' });
  // No case has the number (yet): 503 with Retry-After, so the carrier re-sends rather than the event being lost.
  const notYet = await post(parcel.carrier, unknown.body, unknown);
  expect(notYet.status).toBe(503);
  expect(notYet.body.type).toBe('/docs#problem-tracking_number_unknown');
  expect(notYet.headers['retry-after']).toBeDefined();

  const badEvent = signed({ ...event, event: 'teleported' });
  const invalid = await post(parcel.carrier, badEvent.body, badEvent);
  expect(invalid.status).toBe(400);
  expect(invalid.body.issues).toEqual([expect.objectContaining({ in: 'body', path: 'event' })]);
  const notJson = signed('{"trackingNumber":');
  expect((await post(parcel.carrier, notJson.body, notJson)).status).toBe(400);
  expect((await post('UPS', body, sent)).status).toBe(400);
  const huge = signed({ ...event, padding: 'x'.repeat(150_000) });
  expect((await post(parcel.carrier, huge.body, huge)).status).toBe(413);

  // Signed more than 5 minutes ago (a captured request replayed, or one held back): refused.
  const old = signed(event, Date.now() - 6 * 60_000);
  const replayed = await post(parcel.carrier, old.body, old);
  expect(replayed.status).toBe(401);
  expect(replayed.body.detail).toMatch(/X-Timestamp is more than 300 s away from now/);
  // Its signature with a fresh timestamp does not match: the timestamp is inside the MAC.
  const refreshed = await post(parcel.carrier, old.body, { signature: old.signature, timestamp: sent.timestamp });
  expect(refreshed.status).toBe(401);
  expect(refreshed.body.detail).toMatch(/does not match/);

  const accepted = await post(parcel.carrier, body, { ...sent, signature: `sha256=${sent.signature}` });
  expect(accepted.status).toBe(202);
  expect(accepted.body).toEqual({ delivered: true });
  const delivered = await waitFor(id, 'awaiting_survey');
  expect(delivered.shipments[0].status).toBe('delivered');
  expect(h.logs.find((l) => l.route === '/v1/webhooks/carriers/{carrier}' && l.status === 202 && l.caseId === id)).toBeDefined();

  // Once the case has closed, a late event for its parcel is accepted and dropped: nothing waits for it.
  expect((await act(id, 'feedback', 'service', { rating: 5 })).body.status).toBe('closed');
  await h.env.client.workflow.getHandle(caseWorkflowId(id)).result();
  const late = signed({ ...event, event: 'exception', occurredAt: new Date().toISOString() });
  const afterClose = await post(parcel.carrier, late.body, late);
  expect(afterClose.status).toBe(202);
  expect(afterClose.body).toEqual({ delivered: false });
  // Posted under another carrier too: a closed case takes no event, so its carrier is not checked.
  const other = parcel.carrier === 'SF' ? 'EMS' : 'SF';
  const otherCarrier = await post(other, late.body, late);
  expect(otherCarrier.status).toBe(202);
  expect(otherCarrier.body).toEqual({ delivered: false });
});

test('a no-reason return: door pickup seen through the webhook, then the warehouse confirms receipt', async () => {
  const id = await open('ORD-R1', { caseType: 'return_no_reason' });
  const waiting = await waitFor(id, 'awaiting_return_shipment');
  const pickup = waiting.shipments[0];
  expect(pickup.kind).toBe('return_pickup');
  expectConflict(await act(id, 'return-received', 'agent', { by: 'WH-EAST' }), /cannot confirm the return while the case is awaiting_return_shipment/);

  const { body, signature, timestamp } = signed({ trackingNumber: pickup.trackingNumber, event: 'picked_up', occurredAt: new Date().toISOString() });
  const res = await h.http
    .post(`/v1/webhooks/carriers/${pickup.carrier}`)
    .set('Content-Type', 'application/json')
    .set('X-Signature', signature)
    .set('X-Timestamp', timestamp)
    .send(body);
  expect(res.status).toBe(202);
  expect(res.body.delivered).toBe(true);
  await waitFor(id, 'awaiting_return_receipt');

  expect((await act(id, 'return-received', 'service', { by: 'WH-EAST' })).status).toBe(403);
  const received = await act(id, 'return-received', 'agent', { by: 'WH-EAST' });
  expect(received.status).toBe(200);
  expect(received.body.status).not.toBe('awaiting_return_receipt');
  const refunded = await waitFor(id, 'awaiting_survey');
  expect(refunded.decision.resolution).toBe('return_and_refund');
  expect(refunded.refund.status).toBe('paid');
});

describe('unknown cases and roles', () => {
  test('404 for an unknown case on read and on every action; 400 for an id that cannot be a case id', async () => {
    const missing = await read('AC-0000000000000000-1');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: '/docs#problem-case_not_found', status: 404, instance: '/v1/cases/AC-0000000000000000-1' });
    for (const action of CASE_ACTIONS) {
      const role = PERMISSIONS[action.permission][0];
      const res = await act('AC-0000000000000000-1', action.name, role, validBodies[action.name]);
      expect([action.name, res.status, res.body.type]).toEqual([action.name, 404, '/docs#problem-case_not_found']);
    }
    const bad = await read('bad id!');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ in: 'path', path: 'id' });
  });

  const validBodies: Record<string, unknown> = {
    acknowledge: { agentId: 'AG-1' },
    evidence: { photos: [photo(0.9)] },
    review: { agentId: 'AG-1', decision: 'approve' },
    resolution: { resolution: 'reship' },
    notes: { author: 'AG-1', text: 'hello' },
    escalate: { by: 'AG-1', reason: 'slow' },
    withdraw: {},
    feedback: { rating: 4 },
    dispute: { by: 'customer', reason: 'unfair' },
    'arbitration-ruling': { ruling: 'merchant', reference: 'ARB-1' },
    'return-received': { by: 'WH-1' },
    'retry-step': { by: 'OPS-1' },
    'settle-step': { by: 'OPS-1', reference: 'BT-1' },
    reprioritize: { by: 'AG-1', priority: 'P2', reason: 'less urgent' },
    reassign: { by: 'AG-1', desk: 'north-desk', reason: 'cover' },
  };

  test('the role matrix: a role outside an action gets 403 before anything reaches the case; a role inside it reaches the case', async () => {
    for (const action of CASE_ACTIONS) {
      for (const role of ROLES) {
        const res = await act('AC-0000000000000000-9', action.name, role, validBodies[action.name]);
        const allowed = (PERMISSIONS[action.permission] as readonly string[]).includes(role);
        expect([action.name, role, res.status]).toEqual([action.name, role, allowed ? 404 : 403]);
      }
    }
  });

  test('400 lists every invalid value of an action body', async () => {
    const res = await act('AC-0000000000000000-9', 'review', 'agent', { agentId: '', decision: 'maybe', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', 'agentId', 'decision']);
    const rating = await act('AC-0000000000000000-9', 'feedback', 'service', { rating: 6 });
    expect(rating.status).toBe(400);
  });
});

test('without a worker: a closed case is still read from its result, a running one is served stale, an action answers 503', async () => {
  const running = await open('ORD-N1');
  await waitFor(running, 'awaiting_evidence');
  const closedId = caseIdFor('ORD-A1', 'damaged', 1); // closed by the first test
  await h.stopWorker();
  try {
    const closed = await read(closedId);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const unanswered = await read(running);
    expect(unanswered.status).toBe(200);
    expect(unanswered.body).toMatchObject({ caseId: running, status: 'awaiting_evidence', stale: true });

    const note = await act(running, 'notes', 'agent', { author: 'AG-EAST-01', text: 'anyone there?' });
    expect(note.status).toBe(503);
    expect(note.headers['retry-after']).toBeDefined();
    expect(note.body.type).toBe('/docs#problem-case_not_answering');
    // The update was sent: the case may still apply it, and the answer says so (a keyless retry could apply it twice).
    expect(note.body.detail).toMatch(/may still apply it: retry with the same Idempotency-Key, or read the case before sending it again$/);
  } finally {
    await h.startWorker();
  }
});
