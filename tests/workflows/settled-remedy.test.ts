/**
 * A step ops settle by hand is recorded with the order system (SETTLED_REMEDY_RECORDED), so a later
 * case on the same line sees it remedied. Trial C: a refund refused by payments and settled by hand
 * left the OMS's line unremedied, and a second case on the line was paid again.
 */
import { failureType } from '../../src/activities/failures';
import type { RecordSettledRemedyInput } from '../../src/activities/types';
import { feedbackUpdate, settleStepUpdate, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { jacket, seafood, staffMessages } from './integrity-support';

const h = useCaseHarness();
const events = (v: CaseView) => v.timeline.map((t) => t.event);
const photo = [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' as const }];
const records = (world: FakeWorld) => world.calls.filter((c) => c.name === 'recordSettledRemedy').map((c) => c.input as RecordSettledRemedyInput);

/** The jacket's reshipment, settled by hand, was recorded once with the order system under the dispatch key. */
function expectReshipmentRecorded(world: FakeWorld, caseId: string): void {
  expect(records(world)).toEqual([{ caseId, orderId: 'ORD-JACKET-BJ', kind: 'reshipment', lines: [{ sku: 'SKU-JACKET', quantity: 1 }], idempotencyKey: `${caseId}:dispatch-reshipment` }]);
  expect(world.orders['ORD-JACKET-BJ']?.items[0]?.remedied).toEqual({ quantity: 1, amount: 45_900 });
}

/** A spoiled crab claim whose refund payments refuse: held for ops, who settle it by hand. */
async function refundSettledByHand(world: FakeWorld): Promise<{ handle: CaseHandle; v: CaseView }> {
  world.refusals.issueRefund = { type: failureType('payments', 'Rejected'), message: 'payments refused: refund_exceeds_refundable' };
  const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo });
  await reach(handle, 'needs_attention');
  await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'BANK-TRANSFER-91' }] });
  return { handle, v: await reach(handle, 'awaiting_survey') };
}

test('a refund settled by hand is recorded with the order system, and a second claim on the line is refused at intake', async () => {
  const world = newWorld([seafood(await h.now())]);
  await h.run(world, async () => {
    const { handle, v } = await refundSettledByHand(world);
    expect(v.refund).toMatchObject({ status: 'paid', refundId: 'manual:BANK-TRANSFER-91' });
    const [recorded, ...more] = records(world);
    expect(more).toHaveLength(0);
    expect(recorded).toEqual({ caseId: v.caseId, orderId: 'ORD-SEAFOOD-SH', kind: 'refund', lines: [{ sku: 'SKU-CRAB', quantity: 1 }], amount: v.refund!.amount, idempotencyKey: `${v.caseId}:refund` });
    expect(world.orders['ORD-SEAFOOD-SH']?.items[0]?.remedied).toEqual({ quantity: 1, amount: v.refund!.amount });
    expect(v.timeline.find((t) => t.event === 'remedy_recorded')?.detail).toBe('refund settled by hand recorded with the order system');
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 4 }] });
    await reach(handle, 'closed');

    delete world.refusals.issueRefund;
    const second = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'damaged', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo });
    const closed = await reach(second, 'closed');
    expect(closed.decision?.resolution).toBe('rejected');
    expect(closed.closeReason).toMatch(/already remedied/);
    expect(effects(world, 'issueRefund')).toHaveLength(0);
  });
});

test('a reshipment whose stock reservation ops settle by hand is recorded under the dispatch key', async () => {
  const world = newWorld([jacket(await h.now())]);
  world.refusals.reserveStock = { type: failureType('warehouse', 'Rejected'), message: 'warehouse refused: region closed' };
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
    await reach(handle, 'needs_attention');
    await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-2', reference: 'PARCEL-SENT-BY-HAND-5' }] });
    const v = await reach(handle, 'awaiting_survey');
    expect(events(v)).toContain('reshipment_handled_by_hand');
    expectReshipmentRecorded(world, v.caseId);
  });
});

test('an order system that stays down while the settlement is recorded: retried aside for days, the case closes, the assignee is told', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.outages.recordSettledRemedy = Infinity;
  await h.run(world, async () => {
    const { handle, v } = await refundSettledByHand(world);
    expect(v.refund?.status).toBe('paid'); // the record does not hold the case
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 5 }] });
    const failing = async () => (await view(handle)).timeline.filter((t) => t.event === 'side_effect_failing' && t.detail?.startsWith('record-settled-remedy')).length;
    await h.env.sleep('5 minutes'); // the first try, then 1 and 2 minutes: short pauses while a claim on the line could slip through
    expect(await failing()).toBe(3);
    await h.env.sleep('4 days'); // then 5, 15, 30 min, 2 h, 8 h, 1 day, 1 day
    const closed = await reach(handle, 'closed');
    expect(await failing()).toBe(10);
    expect(events(closed)).toContain('side_effect_abandoned');
    expect(staffMessages(world).some((m) => m.params.step === 'record-settled-remedy')).toBe(true);
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });
});

test('a refund the system paid and ops also settled (look-up down): the OMS already counts it, so both are told at once, once, and the line counts once', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.lostAnswers.issueRefund = Infinity;
  world.outages.lookupRefund = Infinity;
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo });
    await h.env.sleep('5 minutes');
    await reach(handle, 'needs_attention');
    const settled = handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'BANK-TRANSFER-92' }] });
    await h.env.sleep('3 minutes'); // the look-up's two minutes: unverified
    await settled;
    const v = await reach(handle, 'awaiting_survey');
    expect(events(v)).toContain('settle_unverified');
    // The OMS already counts a remedy under the refund's key: payments paid it. Told at once, the line counted once.
    expect(v.timeline.find((t) => t.event === 'settle_duplicated')?.detail).toMatch(/^refund was done by the system too \(the order system already counts its remedy under its key\): the customer was refunded twice/);
    expect(events(v)).not.toContain('remedy_recorded');
    expect(world.orders['ORD-SEAFOOD-SH']?.items[0]?.remedied?.quantity).toBe(1);
    const told = () => staffMessages(world).filter((m) => m.params.reason === 'settlement_duplicated').map((m) => m.recipientId).sort();
    expect(told()).toEqual(['AG-EAST-P1', 'OPS-1']);
    // The later look-up of the unverified settlement finds the refund too, and tells nobody again.
    world.outages.lookupRefund = 0;
    await h.env.sleep('31 minutes');
    expect(told()).toEqual(['AG-EAST-P1', 'OPS-1']);
  });
});

/** A missing jacket to reship, the warehouse down for the dispatch (set by the caller): held for ops at that step. */
async function dispatchHeld(): Promise<CaseHandle> {
  const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'missing_item', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
  await h.env.sleep('5 minutes');
  expect((await reach(handle, 'needs_attention')).attention?.step).toBe('dispatch_reshipment');
  return handle;
}

test('a reshipment whose dispatch ops settle by hand (the warehouse down, nothing found by its key) is recorded under the dispatch key', async () => {
  const world = newWorld([jacket(await h.now())]);
  world.outages.dispatchReshipment = Infinity;
  await h.run(world, async () => {
    const handle = await dispatchHeld();
    await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'PARCEL-SENT-BY-HAND-6' }] });
    const v = await reach(handle, 'awaiting_survey');
    expect(v.timeline.find((t) => t.event === 'reshipment_handled_by_hand')?.detail).toBe('dispatch_reshipment');
    expectReshipmentRecorded(world, v.caseId);
  });
});

test('a dispatch settled by hand saying the parcel did not use the reserved stock releases the reservation aside', async () => {
  const world = newWorld([jacket(await h.now())]);
  world.outages.dispatchReshipment = Infinity;
  await h.run(world, async () => {
    const handle = await dispatchHeld();
    await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'PARCEL-FROM-STORE-7', stockUsed: false }] });
    const v = await reach(handle, 'awaiting_survey');
    expect(v.timeline.find((t) => t.event === 'settle_requested')?.detail).toBe('dispatch_reshipment by OPS-3 (PARCEL-FROM-STORE-7); the reserved stock was not used');
    const reservationId = (world.calls.find((c) => c.name === 'releaseStock')?.input as { reservationId?: string } | undefined)?.reservationId;
    expect(reservationId).toMatch(/^RSV-/);
    expect(effects(world, 'releaseStock')).toHaveLength(1);
    await h.env.sleep('1 minute'); // the release runs aside: its answer reaches the timeline in a later task
    expect((await view(handle)).timeline.find((t) => t.event === 'stock_released')?.detail).toBe(reservationId);
    expect(records(world).map((r) => r.kind)).toEqual(['reshipment']); // still recorded as remedied by hand
  });
});

test('the warehouse down for the dispatch and its look-up: stockUsed false holds the release until the look-up finds the dispatch not done, then releases it', async () => {
  const world = newWorld([jacket(await h.now())]);
  world.outages.dispatchReshipment = Infinity;
  world.outages.lookupDispatch = Infinity;
  await h.run(world, async () => {
    const handle = await dispatchHeld();
    const settled = handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'PARCEL-FROM-STORE-9', stockUsed: false }] });
    await h.env.sleep('3 minutes'); // the settlement's look-up: two minutes of retries
    await settled;
    let v = await reach(handle, 'awaiting_survey');
    expect(events(v)).toEqual(expect.arrayContaining(['settle_unverified', 'stock_release_held']));
    expect(world.calls.filter((c) => c.name === 'releaseStock')).toHaveLength(0); // the system's parcel may have used it
    world.outages.lookupDispatch = 0;
    await h.env.sleep('31 minutes'); // the first look-up again, aside
    v = await view(handle);
    expect(events(v)).toEqual(expect.arrayContaining(['settle_verified', 'stock_released']));
    expect(effects(world, 'releaseStock')).toHaveLength(1);
  });
});

test('the same settled without stockUsed keeps the reservation (the parcel used it), and stockUsed on another step is refused', async () => {
  const world = newWorld([jacket(await h.now()), seafood(await h.now())]);
  world.outages.dispatchReshipment = Infinity;
  await h.run(world, async () => {
    const handle = await dispatchHeld();
    await handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'PARCEL-SENT-BY-HAND-8' }] });
    await reach(handle, 'awaiting_survey');
    await h.env.sleep('1 hour');
    expect(world.calls.filter((c) => c.name === 'releaseStock')).toHaveLength(0);

    world.refusals.issueRefund = { type: failureType('payments', 'Rejected'), message: 'payments refused: refund_exceeds_refundable' };
    const crab = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: photo });
    await reach(crab, 'needs_attention');
    const refused = await crab.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-3', reference: 'BT-9', stockUsed: false }] }).catch((err: unknown) => err);
    expect((refused as Error).cause).toMatchObject({ type: 'CaseStateConflict', message: 'stockUsed applies to a settled dispatch_reshipment only, not to refund' });
    expect((await view(crab)).status).toBe('needs_attention');
  });
});

test('an order system that refuses the record: not asked again for days, the assignee is told at once to record it by hand', async () => {
  const world = newWorld([seafood(await h.now())]);
  world.refusals.recordSettledRemedy = { type: failureType('orders', 'NotFound'), message: 'orders answered 404 not_found' };
  await h.run(world, async () => {
    const { handle } = await refundSettledByHand(world);
    await h.env.sleep('1 hour');
    expect(records(world)).toHaveLength(1);
    const after = await view(handle);
    expect(after.timeline.find((t) => t.event === 'remedy_record_refused')?.detail).toBe('refund settled by hand: orders answered 404 not_found; record it with the order system by hand');
    expect(events(after)).not.toContain('side_effect_failing');
    expect(staffMessages(world).filter((m) => m.params.reason === 'remedy_record_refused').map((m) => m.recipientId)).toEqual(['AG-EAST-P1']);
  });
});
