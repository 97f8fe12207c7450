/**
 * Ambiguous outcomes over real HTTP: the sandbox performs a refund, dispatch or pickup booking and
 * loses the answer (fault `loseNextAnswers`), the adapter times out (retryable), and the look-up by
 * idempotency key tells "it happened" from "it never did". Also cancelling door pickups.
 */
import { createActivities, sandboxBaseUrls } from '../../src/activities';
import { idempotencyKey } from '../../src/activities/types';
import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, 1_000);
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

const refund = (caseId: string, amount = 45_800) => ({
  caseId, orderId: 'ORD-SEAFOOD-SH', amount, reason: 'spoiled on arrival', lines: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], idempotencyKey: idempotencyKey(caseId, 'refund'),
});
const pickup = (caseId: string) => ({
  caseId, orderId: 'ORD-RETURN-BJ', carrier: 'JD' as const, items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], idempotencyKey: idempotencyKey(caseId, 'schedule-pickup'),
});
const lookup = (caseId: string, step: string) => ({ caseId, idempotencyKey: idempotencyKey(caseId, step) });

async function reservedCherries(caseId: string): Promise<string> {
  const r = await h.activities.reserveStock({ caseId, region: 'Northwest', items: [{ sku: 'SKU-CHERRY-2KG', quantity: 2 }], idempotencyKey: idempotencyKey(caseId, 'reserve') });
  if (!r.reserved) throw new Error('expected a reservation');
  return r.reservationId;
}
const dispatch = (caseId: string, reservationId: string) => ({
  caseId, orderId: 'ORD-FRESH-XJ', reservationId, carrier: 'EMS' as const, items: [{ sku: 'SKU-CHERRY-2KG', quantity: 2 }], idempotencyKey: idempotencyKey(caseId, 'dispatch'),
});

describe('lost answers (the work is done, the answer never arrives)', () => {
  it('a refund whose answer is lost times out retryably, yet the money moved: the look-up finds it, the retry is answered from it', async () => {
    await h.admin.fault('payments', { loseNextAnswers: 1 });
    const failure = await expectFailure(h.activities.issueRefund(refund('CASE-L1')), 'PaymentsTimeout', false);
    expect(failure.message).toContain('within 1000 ms');
    const entries = await h.admin.ledger({ kind: 'refund', caseId: 'CASE-L1' });
    expect(entries).toHaveLength(1);

    const found = await h.activities.lookupRefund(lookup('CASE-L1', 'refund'));
    expect(found).toEqual({ found: true, refund: entries[0]!.result });
    const retried = await h.activities.issueRefund(refund('CASE-L1'));
    expect(retried).toEqual(entries[0]!.result);
    expect(await h.admin.ledger({ kind: 'refund' })).toHaveLength(1);
    expect((await h.admin.call('GET', '/admin/stats')).body.payments).toMatchObject({ lostAnswers: 1, timeouts: 0 });
  });

  it('a dispatch whose answer is lost has shipped: the look-up returns the shipment, the stock stays dispatched', async () => {
    const reservationId = await reservedCherries('CASE-L2');
    await h.admin.fault('warehouse', { loseNextAnswers: 1 });
    await expectFailure(h.activities.dispatchReshipment(dispatch('CASE-L2', reservationId)), 'WarehouseTimeout', false);
    const found = await h.activities.lookupDispatch(lookup('CASE-L2', 'dispatch'));
    expect(found).toEqual({ found: true, shipment: { shipmentId: expect.stringMatching(/^SHP-/), carrier: 'EMS', trackingNumber: expect.stringMatching(/^EM\d+CN$/) } });
    await expectFailure(h.activities.releaseStock({ caseId: 'CASE-L2', reservationId, idempotencyKey: 'CASE-L2:release' }), 'WarehouseConflict', true);
    await expect(h.activities.dispatchReshipment(dispatch('CASE-L2', reservationId))).resolves.toEqual(found.found && found.shipment);
    expect(await h.admin.ledger({ kind: 'shipment' })).toHaveLength(1);
  });

  it('a pickup booking whose answer is lost is found booked', async () => {
    await h.admin.fault('carriers', { loseNextAnswers: 1 });
    await expectFailure(h.activities.schedulePickup(pickup('CASE-L3')), 'CarriersTimeout', false);
    const found = await h.activities.lookupPickup(lookup('CASE-L3', 'schedule-pickup'));
    expect(found).toEqual({ found: true, pickup: { pickupId: expect.stringMatching(/^PU-/), carrier: 'JD', trackingNumber: expect.stringMatching(/^JDV\d+$/) } });
  });

  it('loseAnswerRate 1 loses every answer, and only the answers: each call is performed', async () => {
    await h.admin.fault('coupons', { loseAnswerRate: 1 });
    const grant = (key: string) => ({ caseId: 'CASE-L4', customerRef: 'CUST-0002', memberTier: 'standard' as const, value: 500, reason: 'late', idempotencyKey: key });
    await expectFailure(h.activities.grantCoupon(grant('CASE-L4:a')), 'CouponsTimeout', false);
    await expectFailure(h.activities.grantCoupon(grant('CASE-L4:b')), 'CouponsTimeout', false);
    expect((await h.admin.ledger({ kind: 'coupon' })).map((e) => e.key)).toEqual(['CASE-L4:a', 'CASE-L4:b']);
    expect((await h.admin.call('GET', '/admin/stats')).body.coupons).toEqual({ calls: 2, faults: 0, timeouts: 0, lostAnswers: 2 });
  });

  it('a hang (hangNext) is the other ambiguity: nothing was done, and the look-up says so', async () => {
    await h.admin.fault('payments', { hangNext: 1 });
    await expectFailure(h.activities.issueRefund(refund('CASE-L5')), 'PaymentsTimeout', false);
    await expect(h.activities.lookupRefund(lookup('CASE-L5', 'refund'))).resolves.toEqual({ found: false });
  });
});

describe('look-ups by idempotency key', () => {
  it('nothing under the key, or the key of another case, is found: false', async () => {
    await h.activities.issueRefund(refund('CASE-K1'));
    await expect(h.activities.lookupRefund(lookup('CASE-K2', 'refund'))).resolves.toEqual({ found: false });
    await expect(h.activities.lookupRefund({ caseId: 'CASE-K2', idempotencyKey: 'CASE-K1:refund' })).resolves.toEqual({ found: false });
    await expect(h.activities.lookupDispatch(lookup('CASE-K1', 'dispatch'))).resolves.toEqual({ found: false });
    await expect(h.activities.lookupPickup(lookup('CASE-K1', 'schedule-pickup'))).resolves.toEqual({ found: false });
  });

  it('a refused refund moved no money: found: false', async () => {
    await h.activities.issueRefund({ ...refund('CASE-K3', 40_000), idempotencyKey: 'CASE-K3:refund-1' });
    await expectFailure(h.activities.issueRefund(refund('CASE-K3', 10_000)), 'PaymentsRejected', true);
    await expect(h.activities.lookupRefund(lookup('CASE-K3', 'refund'))).resolves.toEqual({ found: false });
  });

  it('an outage during the look-up is a retryable failure, never "not found"', async () => {
    await h.activities.issueRefund(refund('CASE-K4'));
    await h.admin.fault('payments', { failNext: 1, status: 503 });
    await expectFailure(h.activities.lookupRefund(lookup('CASE-K4', 'refund')), 'PaymentsUnavailable', false);
    await h.admin.fault('payments', { hangNext: 1 });
    await expectFailure(h.activities.lookupRefund(lookup('CASE-K4', 'refund')), 'PaymentsTimeout', false);
    await expect(h.activities.lookupRefund(lookup('CASE-K4', 'refund'))).resolves.toMatchObject({ found: true, refund: { amount: 45_800 } });
  });

  it('a 404 that is not the system’s "nothing recorded" (a wrong base URL) stays a failure', async () => {
    const misrouted = createActivities({ baseUrls: { ...sandboxBaseUrls(h.sandbox.url), payments: `${h.sandbox.url}/payment` }, timeoutMs: 1_000 });
    const failure = await expectFailure(misrouted.lookupRefund(lookup('CASE-K5', 'refund')), 'PaymentsNotFound', true);
    expect(failure.details?.[0]).toMatchObject({ status: 404, code: 'route_not_found' });
  });

  it('keys are sent path-encoded: a key with reserved characters is found', async () => {
    const odd = { ...refund('CASE/K6?'), idempotencyKey: 'CASE/K6?:refund#1' };
    await h.activities.issueRefund(odd);
    await expect(h.activities.lookupRefund({ caseId: 'CASE/K6?', idempotencyKey: 'CASE/K6?:refund#1' })).resolves.toMatchObject({ found: true });
  });
});

describe('cancelPickup', () => {
  it('cancels a booked pickup with its Idempotency-Key; cancelling again (same or new key) succeeds', async () => {
    const { pickupId } = await h.activities.schedulePickup(pickup('CASE-P1'));
    const cancel = { caseId: 'CASE-P1', pickupId, idempotencyKey: idempotencyKey('CASE-P1', 'cancel-pickup') };
    await expect(h.activities.cancelPickup(cancel)).resolves.toBeUndefined();
    await h.activities.cancelPickup(cancel);
    await h.activities.cancelPickup({ ...cancel, idempotencyKey: 'CASE-P1:cancel-pickup-again' });
    const entries = await h.admin.ledger({ kind: 'pickup_cancellation' });
    expect(entries.map((e) => [e.key, e.replays])).toEqual([['CASE-P1:cancel-pickup', 1], ['CASE-P1:cancel-pickup-again', 0]]);
    expect((await h.admin.call('GET', '/admin/pickups')).body.pickups).toEqual([expect.objectContaining({ pickupId, caseId: 'CASE-P1', status: 'cancelled' })]);
  });

  it('a pickup the courier already collected cannot be cancelled: CarriersConflict', async () => {
    const { pickupId, trackingNumber } = await h.activities.schedulePickup(pickup('CASE-P2'));
    await h.admin.call('POST', `/admin/carriers/shipments/${trackingNumber}/events`, { event: 'picked_up' });
    const failure = await expectFailure(h.activities.cancelPickup({ caseId: 'CASE-P2', pickupId, idempotencyKey: 'CASE-P2:cancel-pickup' }), 'CarriersConflict', true);
    expect(failure.details?.[0]).toMatchObject({ code: 'pickup_already_collected' });
  });

  it('an unknown pickup, or another case’s, is CarriersNotFound', async () => {
    const { pickupId } = await h.activities.schedulePickup(pickup('CASE-P3'));
    await expectFailure(h.activities.cancelPickup({ caseId: 'CASE-P3', pickupId: 'PU-NOPE', idempotencyKey: 'CASE-P3:c1' }), 'CarriersNotFound', true);
    await expectFailure(h.activities.cancelPickup({ caseId: 'CASE-OTHER', pickupId, idempotencyKey: 'CASE-OTHER:c1' }), 'CarriersNotFound', true);
    expect((await h.admin.call('GET', '/admin/pickups')).body.pickups[0].status).toBe('booked');
  });

  it('an outage is retryable and the retry cancels once', async () => {
    const { pickupId } = await h.activities.schedulePickup(pickup('CASE-P4'));
    await h.admin.fault('carriers', { failNext: 1, status: 502 });
    const cancel = { caseId: 'CASE-P4', pickupId, idempotencyKey: 'CASE-P4:cancel-pickup' };
    await expectFailure(h.activities.cancelPickup(cancel), 'CarriersUnavailable', false);
    await h.activities.cancelPickup(cancel);
    expect(await h.admin.ledger({ kind: 'pickup_cancellation' })).toHaveLength(1);
  });
});

describe('a cancelled pickup never moves (auto-advance)', () => {
  let auto: Harness;
  beforeAll(async () => {
    auto = await startHarness({ autoAdvanceMs: 100 });
  });
  afterAll(() => auto.close());

  it('a pickup cancelled before the courier comes gets no events; a booked one does', async () => {
    const kept = await auto.activities.schedulePickup(pickup('CASE-A1'));
    const cancelled = await auto.activities.schedulePickup({ ...pickup('CASE-A2'), orderId: 'ORD-LATE-RETURN-WH', items: [{ sku: 'SKU-TSHIRT', quantity: 1 }] });
    await auto.activities.cancelPickup({ caseId: 'CASE-A2', pickupId: cancelled.pickupId, idempotencyKey: 'CASE-A2:cancel-pickup' });
    const events = (tn: string) => auto.sandbox.state.parcels.get(tn)!.events.map((e) => e.event);
    const deadline = Date.now() + 3_000;
    while (events(kept.trackingNumber).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(events(kept.trackingNumber)).toEqual(['picked_up', 'delivered']);
    expect(events(cancelled.trackingNumber)).toEqual([]);
  });
});
