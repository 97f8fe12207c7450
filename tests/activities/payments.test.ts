import { idempotencyKey } from '../../src/activities/types';
import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

const refund = (caseId: string, amount: number, step = 'refund') => ({
  caseId, orderId: 'ORD-SEAFOOD-SH', amount, reason: 'spoiled on arrival', lines: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], idempotencyKey: idempotencyKey(caseId, step),
});

describe('issueRefund', () => {
  it('posts the refund with its Idempotency-Key and records it in the ledger', async () => {
    const result = await h.activities.issueRefund(refund('CASE-1', 45_800));
    expect(result).toEqual({ refundId: expect.stringMatching(/^RF-\d+$/), amount: 45_800, status: 'succeeded' });
    const entries = await h.admin.ledger({ kind: 'refund' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      key: 'CASE-1:refund',
      caseId: 'CASE-1',
      request: { caseId: 'CASE-1', orderId: 'ORD-SEAFOOD-SH', amount: 45_800, reason: 'spoiled on arrival', lines: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }] },
      result,
    });
  });

  it('a retried refund (same key) returns the same refund and refunds exactly once', async () => {
    const first = await h.activities.issueRefund(refund('CASE-2', 10_000));
    const second = await h.activities.issueRefund(refund('CASE-2', 10_000));
    expect(second).toEqual(first);
    const entries = await h.admin.ledger({ kind: 'refund', caseId: 'CASE-2' });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.replays).toBe(1);
    const summary = await h.admin.call('GET', '/payments/orders/ORD-SEAFOOD-SH/refunds');
    expect(summary.body).toMatchObject({ paid: 45_800, refunded: 10_000, refundable: 35_800 });
  });

  it('refunds after outages exactly once: 503, 503, then success', async () => {
    await h.admin.fault('payments', { failNext: 2, status: 503 });
    const input = refund('CASE-3', 5_000);
    await expectFailure(h.activities.issueRefund(input), 'PaymentsUnavailable', false);
    await expectFailure(h.activities.issueRefund(input), 'PaymentsUnavailable', false);
    await expect(h.activities.issueRefund(input)).resolves.toMatchObject({ amount: 5_000 });
    expect(await h.admin.ledger({ kind: 'refund' })).toHaveLength(1);
  });

  it('the same key with a different amount is IdempotencyKeyReused, not retried, and refunds nothing more', async () => {
    await h.activities.issueRefund(refund('CASE-4', 1_000));
    const failure = await expectFailure(h.activities.issueRefund(refund('CASE-4', 2_000)), 'IdempotencyKeyReused', true);
    expect(failure.message).toContain('409 idempotency_key_reused');
    const entries = await h.admin.ledger({ kind: 'refund' });
    expect(entries.map((e) => (e.request as { amount: number }).amount)).toEqual([1_000]);
  });

  it('more than the refundable amount is PaymentsRejected (422), not retried', async () => {
    await h.activities.issueRefund(refund('CASE-5', 40_000, 'refund-1'));
    const failure = await expectFailure(h.activities.issueRefund(refund('CASE-5', 10_000, 'refund-2')), 'PaymentsRejected', true);
    expect(failure.details?.[0]).toEqual({ system: 'payments', status: 422, code: 'refund_exceeds_refundable' });
    expect(await h.admin.ledger({ kind: 'refund' })).toHaveLength(1);
  });

  it('an unknown order is PaymentsNotFound', async () => {
    await expectFailure(h.activities.issueRefund({ ...refund('CASE-6', 100), orderId: 'ORD-NOPE' }), 'PaymentsNotFound', true);
  });
});
