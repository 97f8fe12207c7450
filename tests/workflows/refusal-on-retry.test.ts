/**
 * A movement refused on a retry is looked up first (REFUSAL_ON_RETRY_LOOKED_UP): the first try may
 * have gone through with its answer lost. Trial C: a refund refused on its second attempt was held
 * as a refusal and settled by hand while payments had paid it; a dispatch refused so fell back to a
 * refund while the parcel had left.
 */
import { failureType } from '../../src/activities/failures';
import type { CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, useCaseHarness } from '../support/case-harness';
import { effects } from '../support/fake-activities';
import { jacket, seafood } from './integrity-support';

const h = useCaseHarness();
const events = (v: CaseView) => v.timeline.map((t) => t.event);

test('a refund paid with its answer lost, then refused on the retry: found by its key, the case goes on, nothing held or paid twice', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.lostAnswers.issueRefund = 1;
  world.refusals.issueRefund = { type: failureType('payments', 'Rejected'), message: 'payments refused: refund_exceeds_refundable', fromAttempt: 2 };
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
    const v = await reach(handle, 'awaiting_survey');
    expect(v.refund).toMatchObject({ status: 'paid', refundId: expect.stringMatching(/^RF-/) });
    expect(events(v)).toContain('reconciled');
    expect(events(v)).not.toContain('needs_attention');
    expect(world.calls.filter((c) => c.name === 'issueRefund')).toHaveLength(2);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('a reshipment dispatched with its answer lost, then refused on the retry: found by its key and tracked, not refunded instead', async () => {
  const world = newWorld([jacket(await h.now())]);
  world.lostAnswers.dispatchReshipment = 1;
  world.refusals.dispatchReshipment = { type: failureType('warehouse', 'Conflict'), message: 'warehouse answered 409 reservation_dispatched', fromAttempt: 2 };
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
    const v = await reach(handle, 'awaiting_delivery');
    expect(v.shipments).toHaveLength(1);
    expect(events(v)).not.toContain('reshipment_failed');
    expect(effects(world, 'dispatchReshipment')).toHaveLength(1);
    expect(effects(world, 'issueRefund')).toHaveLength(0);
  });
});

test('a dispatch refused on its retry while the look-up is down: held for ops, not compensated by a refund', async () => {
  const world = newWorld([jacket(await h.now())]);
  world.lostAnswers.dispatchReshipment = 1;
  world.refusals.dispatchReshipment = { type: failureType('warehouse', 'Conflict'), message: 'warehouse answered 409 reservation_dispatched', fromAttempt: 2 };
  world.outages.lookupDispatch = Infinity;
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
    await h.env.sleep('5 minutes'); // the look-up's two minutes of retries run out
    const v = await reach(handle, 'needs_attention');
    expect(v.attention).toMatchObject({ step: 'dispatch_reshipment', refused: true });
    expect(events(v)).toContain('reconcile_failed');
    expect(events(v)).not.toContain('reshipment_failed');
    expect(world.calls.filter((c) => c.name === 'issueRefund')).toHaveLength(0);
  });
});

test('a refund whose answers were lost and whose look-up failed, refused on a later round (first attempt): looked up then, found done', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.lostAnswers.issueRefund = 5; // the first round: paid at its first try, every answer lost
  world.outages.lookupRefund = Infinity;
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
    await h.env.sleep('5 minutes');
    expect((await reach(handle, 'needs_attention')).attention?.refused).toBe(false);
    // Payments now refuse the key outright (a first attempt of the next round), and answer look-ups again.
    world.refusals.issueRefund = { type: failureType('payments', 'Rejected'), message: 'payments refused: duplicate request' };
    world.outages.lookupRefund = 0;
    await h.env.sleep('30 minutes'); // the automatic round
    const v = await reach(handle, 'awaiting_survey');
    expect(v.refund).toMatchObject({ status: 'paid', refundId: expect.stringMatching(/^RF-/) });
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});
