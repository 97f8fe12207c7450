/**
 * The OMS's per-line record of what cases remedied, over real HTTP: refunds with lines and
 * dispatched reshipments add to it, getOrder reports it per line, retries and lost answers never
 * count twice, refusals count nothing.
 */
import { idempotencyKey } from '../../src/activities/types';
import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, 1_000);
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

const lineOf = async (orderId: string, sku: string) => (await h.activities.getOrder({ orderId })).items.find((i) => i.sku === sku);

async function reship(caseId: string, orderId: string, region: 'Northwest' | 'East', sku: string, quantity: number) {
  const r = await h.activities.reserveStock({ caseId, region, items: [{ sku, quantity }], idempotencyKey: idempotencyKey(caseId, 'reserve') });
  if (!r.reserved) throw new Error('expected a reservation');
  const input = { caseId, orderId, reservationId: r.reservationId, carrier: 'SF' as const, items: [{ sku, quantity }], idempotencyKey: idempotencyKey(caseId, 'dispatch') };
  return { input, shipment: await h.activities.dispatchReshipment(input) };
}

describe('remedied per order line', () => {
  it('an order nothing was done for reports no remedied field', async () => {
    expect(await lineOf('ORD-SEAFOOD-SH', 'SKU-SEAFOOD-CRAB')).not.toHaveProperty('remedied');
  });

  it('a refund with lines is recorded once, however often it is retried', async () => {
    const input = { caseId: 'CASE-R1', orderId: 'ORD-SEAFOOD-SH', amount: 45_800, reason: 'spoiled', lines: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], idempotencyKey: 'CASE-R1:refund' };
    await h.activities.issueRefund(input);
    await h.activities.issueRefund(input);
    expect(await lineOf('ORD-SEAFOOD-SH', 'SKU-SEAFOOD-CRAB')).toMatchObject({ quantity: 1, remedied: { quantity: 1, amount: 45_800 } });
    expect((await h.admin.call('GET', '/admin/remedies')).body.remedies).toEqual([
      expect.objectContaining({ key: 'CASE-R1:refund', kind: 'refund', orderId: 'ORD-SEAFOOD-SH', caseId: 'CASE-R1' }),
    ]);
  });

  it('a partial refund over two lines splits its amount by line value, in whole fen adding up to the refund', async () => {
    // ORD-CREAM-NJ: 2 × face cream at 45 000, 1 × lipstick at 32 000.
    const lines = [{ sku: 'SKU-FACE-CREAM', quantity: 1 }, { sku: 'SKU-LIPSTICK-999', quantity: 1 }];
    await h.activities.issueRefund({ caseId: 'CASE-R2', orderId: 'ORD-CREAM-NJ', amount: 30_000, reason: 'partial', lines, idempotencyKey: 'CASE-R2:refund' });
    const order = await h.activities.getOrder({ orderId: 'ORD-CREAM-NJ' });
    const cream = order.items.find((i) => i.sku === 'SKU-FACE-CREAM')!;
    const lipstick = order.items.find((i) => i.sku === 'SKU-LIPSTICK-999')!;
    expect(cream.remedied).toEqual({ quantity: 1, amount: 17_532 }); // floor(30 000 × 45 000 / 77 000)
    expect(lipstick.remedied).toEqual({ quantity: 1, amount: 12_468 });
    expect(cream.quantity - cream.remedied!.quantity).toBe(1); // the rest stays claimable
  });

  it('a dispatched reshipment adds its items at what was paid for them; a retry and a lost answer add nothing more', async () => {
    const { input } = await reship('CASE-R3', 'ORD-FRESH-XJ', 'Northwest', 'SKU-CHERRY-2KG', 1);
    await h.activities.dispatchReshipment(input);
    expect((await lineOf('ORD-FRESH-XJ', 'SKU-CHERRY-2KG'))!.remedied).toEqual({ quantity: 1, amount: 25_800 });

    const r = await h.activities.reserveStock({ caseId: 'CASE-R4', region: 'Northwest', items: [{ sku: 'SKU-CHERRY-2KG', quantity: 1 }], idempotencyKey: 'CASE-R4:reserve' });
    if (!r.reserved) throw new Error('expected a reservation');
    const lost = { caseId: 'CASE-R4', orderId: 'ORD-FRESH-XJ', reservationId: r.reservationId, carrier: 'SF' as const, items: [{ sku: 'SKU-CHERRY-2KG', quantity: 1 }], idempotencyKey: 'CASE-R4:dispatch' };
    await h.admin.fault('warehouse', { loseNextAnswers: 1 });
    await expectFailure(h.activities.dispatchReshipment(lost), 'WarehouseTimeout', false);
    await h.activities.dispatchReshipment(lost);
    expect((await lineOf('ORD-FRESH-XJ', 'SKU-CHERRY-2KG'))!.remedied).toEqual({ quantity: 2, amount: 51_600 });
  });

  it('a refund and a reshipment by two cases on the same line add up', async () => {
    await h.activities.issueRefund({ caseId: 'CASE-R5', orderId: 'ORD-FRESH-XJ', amount: 25_800, reason: 'one box spoiled', lines: [{ sku: 'SKU-CHERRY-2KG', quantity: 1 }], idempotencyKey: 'CASE-R5:refund' });
    await reship('CASE-R6', 'ORD-FRESH-XJ', 'Northwest', 'SKU-CHERRY-2KG', 1);
    expect((await lineOf('ORD-FRESH-XJ', 'SKU-CHERRY-2KG'))!.remedied).toEqual({ quantity: 2, amount: 51_600 });
  });

  it('a refused refund records nothing; lines not on the order are PaymentsRejected', async () => {
    const base = { caseId: 'CASE-R7', orderId: 'ORD-SEAFOOD-SH', reason: 'x', lines: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }] };
    const failure = await expectFailure(h.activities.issueRefund({ ...base, amount: 45_801, idempotencyKey: 'CASE-R7:a' }), 'PaymentsRejected', true);
    expect(failure.details?.[0]).toEqual({ system: 'payments', status: 422, code: 'refund_exceeds_refundable' });
    const wrong = await expectFailure(h.activities.issueRefund({ ...base, amount: 100, lines: [{ sku: 'SKU-PHONE-X12', quantity: 1 }], idempotencyKey: 'CASE-R7:b' }), 'PaymentsRejected', true);
    expect(wrong.details?.[0]).toMatchObject({ code: 'item_not_in_order' });
    expect(await lineOf('ORD-SEAFOOD-SH', 'SKU-SEAFOOD-CRAB')).not.toHaveProperty('remedied');
    expect(await h.admin.ledger({ kind: 'refund' })).toHaveLength(0);
  });

  it('a dispatch naming items not on the order is WarehouseRejected and ships nothing', async () => {
    const r = await h.activities.reserveStock({ caseId: 'CASE-R8', region: 'East', items: [{ sku: 'SKU-KETTLE', quantity: 1 }], idempotencyKey: 'CASE-R8:reserve' });
    if (!r.reserved) throw new Error('expected a reservation');
    const input = { caseId: 'CASE-R8', orderId: 'ORD-SEAFOOD-SH', reservationId: r.reservationId, carrier: 'SF' as const, items: [{ sku: 'SKU-KETTLE', quantity: 1 }], idempotencyKey: 'CASE-R8:dispatch' };
    await expectFailure(h.activities.dispatchReshipment(input), 'WarehouseRejected', true);
    expect(await h.admin.ledger({ kind: 'shipment' })).toHaveLength(0);
  });

  it('reset forgets every remedy', async () => {
    await reship('CASE-R9', 'ORD-FRESH-XJ', 'Northwest', 'SKU-CHERRY-2KG', 2);
    await h.admin.reset();
    expect(await lineOf('ORD-FRESH-XJ', 'SKU-CHERRY-2KG')).not.toHaveProperty('remedied');
  });
  it('a refund settled by hand is recorded with the OMS once per key (a retry answers the same, another body under the key is refused), and not again when payments paid under that key', async () => {
    const lines = [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }];
    const settled = { caseId: 'CASE-S1', orderId: 'ORD-SEAFOOD-SH', kind: 'refund' as const, lines, amount: 45_800, idempotencyKey: 'CASE-S1:refund' };
    expect(await h.activities.recordSettledRemedy(settled)).toEqual({ recorded: true });
    expect(await h.activities.recordSettledRemedy(settled)).toEqual({ recorded: true }); // a retry: the same answer, counted once
    expect(await lineOf('ORD-SEAFOOD-SH', 'SKU-SEAFOOD-CRAB')).toMatchObject({ remedied: { quantity: 1, amount: 45_800 } });
    // The same key with another settlement is a caller bug: refused, nothing recorded.
    await expectFailure(h.activities.recordSettledRemedy({ ...settled, amount: 100 }), 'IdempotencyKeyReused', true);
    await expectFailure(h.activities.recordSettledRemedy({ ...settled, orderId: 'ORD-CREAM-NJ', lines: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }] }), 'IdempotencyKeyReused', true);
    expect(await lineOf('ORD-CREAM-NJ', 'SKU-LIPSTICK-999')).not.toHaveProperty('remedied');
    // Payments paid CASE-S2 under its key; the settlement of the same step adds nothing.
    await h.activities.issueRefund({ caseId: 'CASE-S2', orderId: 'ORD-CREAM-NJ', amount: 32_000, reason: 'r', lines: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }], idempotencyKey: 'CASE-S2:refund' });
    expect(await h.activities.recordSettledRemedy({ caseId: 'CASE-S2', orderId: 'ORD-CREAM-NJ', kind: 'refund', lines: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }], amount: 32_000, idempotencyKey: 'CASE-S2:refund' }))
      .toEqual({ recorded: false });
    expect(await lineOf('ORD-CREAM-NJ', 'SKU-LIPSTICK-999')).toMatchObject({ remedied: { quantity: 1, amount: 32_000 } });
  });

  it('a reshipment settled by hand counts each item at what was paid for it; items not on the order are refused', async () => {
    const lines = [{ sku: 'SKU-FACE-CREAM', quantity: 2 }];
    expect(await h.activities.recordSettledRemedy({ caseId: 'CASE-S3', orderId: 'ORD-CREAM-NJ', kind: 'reshipment', lines, idempotencyKey: 'CASE-S3:dispatch-reshipment' })).toEqual({ recorded: true });
    expect(await lineOf('ORD-CREAM-NJ', 'SKU-FACE-CREAM')).toMatchObject({ remedied: { quantity: 2, amount: 90_000 } });
    await expectFailure(
      h.activities.recordSettledRemedy({ caseId: 'CASE-S4', orderId: 'ORD-CREAM-NJ', kind: 'reshipment', lines: [{ sku: 'SKU-PHONE-X12', quantity: 1 }], idempotencyKey: 'CASE-S4:dispatch-reshipment' }),
      'OrdersRejected', true,
    );
  });
});
