/**
 * Reshipment and its fallbacks at real durations: the carrier's regional delivery deadline (4 days
 * for East China) passing means the parcel is lost and the case refunds; a lost event, no stock or a
 * refused waybill refund at once (releasing what was reserved); and a failing payment is retried
 * and escalated until it is paid, exactly once.
 */
import { CURRENT_POLICY_VERSION, policyFor } from '../../src/policy';
import { acknowledgeUpdate, carrierEventSignal, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';

const policy = policyFor(CURRENT_POLICY_VERSION);

const h = useCaseHarness();

// A damaged mug to Shanghai (East), photos clear: approved, reshipped by SF without return.
async function reshipCase(overrides: Partial<FakeWorld> = {}) {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-RESHIP' })], overrides);
  const open = async (): Promise<CaseHandle> => {
    const handle = await h.open({
      orderId: 'ORD-RESHIP',
      caseType: 'damaged',
      items: [{ sku: 'SKU-MUG', quantity: 1 }],
      evidence: [{ url: 'https://img.example/mug.jpg?score=0.95', kind: 'item' }],
    });
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    await h.settle();
    return handle;
  };
  return { world, open };
}

const events = (v: CaseView) => v.timeline.map((t) => t.event);

test('the policy under test: East China parcels count as lost after 4 days', () => {
  expect(policy.carriers.deliveryDeadlineMinutes.East).toBe(4 * 24 * 60);
});

test('a reshipment not delivered within 4 days counts as lost: refund instead, paid once', async () => {
  const { world, open } = await reshipCase();
  await h.run(world, async () => {
    const handle = await open();
    let v = await view(handle);
    expect(v.status).toBe('awaiting_delivery');
    expect(v.shipments).toEqual([expect.objectContaining({ kind: 'reshipment', carrier: 'SF', status: 'created' })]);

    await h.env.sleep('95 hours');
    expect((await view(handle)).status).toBe('awaiting_delivery');

    await h.env.sleep('2 hours');
    v = await view(handle);
    expect(v.shipments[0]?.status).toBe('overdue');
    expect(events(v)).toContain('parcel_lost');
    expect(v.decision?.resolution).toBe('refund');
    expect(v.refund).toMatchObject({ status: 'paid', attempts: 1 });
    expect(v.status).toBe('awaiting_survey');
    expect(effects(world, 'issueRefund')).toHaveLength(1);
    expect(effects(world, 'dispatchReshipment')).toHaveLength(1);
  });
});

test('the carrier reports the parcel lost: refund at once', async () => {
  const { world, open } = await reshipCase();
  await h.run(world, async () => {
    const handle = await open();
    const tracking = (await view(handle)).shipments[0]!.trackingNumber;
    await handle.signal(carrierEventSignal, { trackingNumber: tracking, event: 'lost', occurredAt: new Date().toISOString() });
    const v = await reach(handle, 'awaiting_survey');
    expect(v.decision?.resolution).toBe('refund');
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('delivered: the customer is told and the survey opens', async () => {
  const { world, open } = await reshipCase();
  await h.run(world, async () => {
    const handle = await open();
    const tracking = (await view(handle)).shipments[0]!.trackingNumber;
    await handle.signal(carrierEventSignal, { trackingNumber: tracking, event: 'delivered', occurredAt: new Date().toISOString() });
    const v = await reach(handle, 'awaiting_survey');
    expect(v.decision?.resolution).toBe('reship');
    expect(world.calls.filter((c) => c.name === 'notifyCustomer').map((c) => (c.input as { template: string }).template)).toContain('reship_delivered');
    expect(effects(world, 'issueRefund')).toHaveLength(0);
  });
});

test('no stock to reship: refund instead, nothing dispatched', async () => {
  const { world, open } = await reshipCase({ outOfStock: true });
  await h.run(world, async () => {
    const handle = await open();
    const v = await reach(handle, 'awaiting_survey');
    expect(events(v)).toContain('out_of_stock');
    expect(v.decision).toMatchObject({ resolution: 'refund', reasons: ['could not reship: refunding instead'] });
    expect(effects(world, 'dispatchReshipment')).toHaveLength(0);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('the carrier refuses the waybill: the reserved stock is released, then refund', async () => {
  const { world, open } = await reshipCase({ dispatchRefused: true });
  await h.run(world, async () => {
    const handle = await open();
    const v = await reach(handle, 'awaiting_survey');
    expect(events(v)).toEqual(expect.arrayContaining(['reshipment_failed', 'stock_released']));
    const reserved = effects(world, 'reserveStock') as { reservationId: string }[];
    const released = world.calls.filter((c) => c.name === 'releaseStock').map((c) => (c.input as { reservationId: string }).reservationId);
    expect(released).toEqual([reserved[0]!.reservationId]);
    expect(v.decision?.resolution).toBe('refund');
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('payments keep failing: the granted refund shows as failing and escalates, is retried every 30 minutes, and is paid once', async () => {
  // Each attempt of the activity retries 5 times; 7 failures need a second attempt of the step.
  const { world, open } = await reshipCase({ outOfStock: true, refundFailures: 7 });
  await h.run(world, async () => {
    const handle = await open();
    await reach(handle, 'refund_pending');
    // The activity's own five tries (2 s backoff, doubling) fail within the first minute.
    await h.env.sleep('1 minute');
    let v = await view(handle);
    expect(v.refund).toMatchObject({ status: 'failing', attempts: 1 });
    expect(v.refund?.lastError).toContain('503');
    expect(v.escalations.map((e) => e.reason)).toEqual(['refund_payment_failing']);
    expect(effects(world, 'issueRefund')).toHaveLength(0);

    await h.env.sleep('31 minutes');
    v = await view(handle);
    expect(v.refund).toMatchObject({ status: 'paid', attempts: 2 });
    expect(v.escalations).toHaveLength(1); // escalated once, not per attempt
    expect(effects(world, 'issueRefund')).toHaveLength(1);
    const keys = new Set(world.calls.filter((c) => c.name === 'issueRefund').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey));
    expect(keys.size).toBe(1); // every attempt carried the same key
  });
});
