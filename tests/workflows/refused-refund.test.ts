/**
 * REFUSED_REFUND_EXPLAINED (found from outside, trial D): two claims on one order line decided in
 * the same moments both pass intake; the first is paid, payments refuse the second as exceeding
 * what is refundable. The refusal is explained by the order read again: the line was remedied by the
 * other case, so the claim closes as rejected with that reason. Before, it held for ops, who could
 * only retry or settle it by hand, and a settlement paid the line twice. A refusal the order does not
 * explain (or when the order system does not answer) still holds for ops.
 */
import type { NotifyCustomerInput } from '../../src/activities/types';
import { retryStepUpdate, type CaseView } from '../../src/workflows/case/contract';
import { reach, view, useCaseHarness } from '../support/case-harness';
import { effects, newWorld, type FakeWorld } from '../support/fake-activities';
import { carrierEvent, jacket, notRunningFailed, seafood, staffMessages } from './integrity-support';

const h = useCaseHarness();

const REFUSED = { type: 'PaymentsRejected', message: 'Refund of 12800 fen exceeds the 0 fen still refundable' };
const events = (v: CaseView) => v.timeline.map((t) => t.event);
const customerTemplates = (world: FakeWorld) => world.calls.filter((c) => c.name === 'notifyCustomer').map((c) => (c.input as NotifyCustomerInput).template);

/** Another case of the order is paid for the line as this one's refund goes out: the OMS counts the line remedied, payments refuse. */
function remediedByAnotherCaseAtRefund(world: FakeWorld, orderId = 'ORD-SEAFOOD-SH'): void {
  world.onCall = (name) => {
    if (name !== 'issueRefund') return;
    const o = world.orders[orderId];
    if (o) world.orders[o.orderId] = { ...o, items: o.items.map((i) => ({ ...i, remedied: { quantity: 1, amount: 12_800 } })) };
    world.refusals.issueRefund = REFUSED;
  };
}

const spoiledCrab = () =>
  h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });

describe('a refund payments refuse because another case remedied the line meanwhile', () => {
  test('closes the claim as rejected with the reason, the refund shown refused; never held for ops, nothing paid', async () => {
    const world = newWorld([seafood(await h.now())]);
    remediedByAnotherCaseAtRefund(world);
    await h.run(world, async () => {
      const handle = await spoiledCrab();
      const v = await reach(handle, 'closed');
      expect(v.decision?.resolution).toBe('rejected');
      expect(v.closeReason).toMatch(/^payments refused the refund: already remedied by earlier cases \(SKU-CRAB: 1 claimed, 0 of 1 left/);
      expect(v.refund).toMatchObject({ status: 'refused', amount: 12_800 });
      expect(v.attention).toBeUndefined();
      expect(events(v)).not.toContain('needs_attention');
      expect(events(v)).toContain('refund_refused');
      expect(effects(world, 'issueRefund')).toHaveLength(0);
      // Nobody is asked to act on it; the customer is told the case closed.
      expect(staffMessages(world).map((m) => m.template)).not.toContain('refund_payment_failing');
      expect(customerTemplates(world)).toContain('case_closed');
      await notRunningFailed(handle);
    });
  });
});

describe('after a hold, and after something moved', () => {
  test('refused again on an ops retry once another case was paid for the line: closes rejected, and the assignee told it was failing learns it closed', async () => {
    const world = newWorld([seafood(await h.now())], { refusals: { issueRefund: { type: 'PaymentsRejected', message: 'payments refused: card network down for this merchant' } } });
    await h.run(world, async () => {
      const handle = await spoiledCrab();
      await reach(handle, 'needs_attention');
      expect(staffMessages(world).map((m) => m.template)).toContain('refund_payment_failing');
      remediedByAnotherCaseAtRefund(world); // meanwhile another case of the order is paid for the crab
      await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
      const v = await reach(handle, 'closed');
      expect(v.decision?.resolution).toBe('rejected');
      expect(v.closeReason).toMatch(/already remedied by earlier cases/);
      expect(v.attention).toBeUndefined();
      expect(staffMessages(world).filter((m) => m.params.reason === 'refund_refused_line_remedied').map((m) => m.recipientId)).toEqual(['AG-EAST-P1']);
      expect(effects(world, 'issueRefund')).toHaveLength(0);
    });
  });

  test('a reshipment out of stock falls back to a refund, refused as another case was paid for the line: nothing was sent, so it closes rejected', async () => {
    const world = newWorld([jacket(await h.now())], { outOfStock: true });
    remediedByAnotherCaseAtRefund(world, 'ORD-JACKET-BJ');
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
      const v = await reach(handle, 'closed');
      expect(events(v)).toContain('out_of_stock');
      expect(v.decision?.resolution).toBe('rejected');
      expect(v.closeReason).toMatch(/^payments refused the refund: already remedied by earlier cases \(SKU-JACKET/);
      expect(events(v)).not.toContain('needs_attention');
      expect(effects(world, 'issueRefund')).toHaveLength(0);
    });
  });

  test("a lost reshipment's fallback refund refused: the line counts this case's own parcel, so nothing is explained and the case holds for ops", async () => {
    const world = newWorld([jacket(await h.now())]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
      await reach(handle, 'awaiting_delivery');
      expect(world.orders['ORD-JACKET-BJ']?.items[0]?.remedied?.quantity).toBe(1); // the reshipment counts as a remedy
      world.refusals.issueRefund = { type: 'PaymentsRejected', message: 'payments refused: original payment method closed' };
      await carrierEvent(handle, 'reshipment', 'lost');
      const v = await reach(handle, 'needs_attention');
      expect(v.attention).toMatchObject({ step: 'refund', refused: true });
      expect(world.calls.filter((c) => c.name === 'getOrder')).toHaveLength(1); // intake's read only
    });
  });
});

describe('a refusal the order does not explain still holds for ops', () => {
  test('the line is not remedied elsewhere: needs_attention with the refusal, as before', async () => {
    const world = newWorld([seafood(await h.now())], { refusals: { issueRefund: REFUSED } });
    await h.run(world, async () => {
      const handle = await spoiledCrab();
      const v = await reach(handle, 'needs_attention');
      expect(v.attention).toMatchObject({ step: 'refund', refused: true, lastError: REFUSED.message });
      expect(v.refund?.status).toBe('failing');
      // The order was read after the refusal (intake read it once before).
      expect(world.calls.filter((c) => c.name === 'getOrder').length).toBe(2);
    });
  });

  test('the order system does not answer after the refusal: noted on the timeline, held for ops', async () => {
    const world = newWorld([seafood(await h.now())]);
    world.onCall = (name) => {
      if (name !== 'issueRefund') return;
      world.refusals.issueRefund = REFUSED;
      world.outages.getOrder = Infinity;
    };
    await h.run(world, async () => {
      const handle = await spoiledCrab();
      await h.env.sleep('3 minutes'); // the read's two minutes of retries
      const v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.timeline.find((t) => t.event === 'refusal_unexplained')?.detail).toMatch(/^refund: the order was not read after the refusal/);
      expect(staffMessages(world).some((m) => m.template === 'refund_payment_failing')).toBe(true);
      world.outages.getOrder = 0;
    });
  });
});
