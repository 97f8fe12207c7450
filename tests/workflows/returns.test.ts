/**
 * A 7-day no-reason return at real durations: door pickup, the customer's 7 days to hand the
 * parcel over, the warehouse's 10 days to confirm receipt, quarantine, and the refund on receipt.
 */
import { CURRENT_POLICY_VERSION, policyFor } from '../../src/policy';
import { carrierEventSignal, retryStepUpdate, settleStepUpdate, withdrawUpdate, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects } from '../support/fake-activities';
import { order } from '../support/orders';

const policy = policyFor(CURRENT_POLICY_VERSION);
const rule = (state: string) => policy.waiting.find((w) => w.state === state);

const h = useCaseHarness();

async function returnCase() {
  const world = newWorld([
    order(await h.now(), {
      orderId: 'ORD-RETURN',
      memberTier: 'silver',
      destinationDivisionCode: '110101',
      items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }],
    }),
  ]);
  const open = async (): Promise<CaseHandle> => {
    const handle = await h.open({ orderId: 'ORD-RETURN', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
    await h.settle();
    return handle;
  };
  return { world, open };
}

/** Opens the return and skips past the booking's own retries (2 + 4 + 8 + 16 s) to its hold for ops. */
async function heldBooking(open: () => Promise<CaseHandle>): Promise<{ handle: CaseHandle; held: CaseView }> {
  const handle = await open();
  await h.env.sleep('1 minute');
  return { handle, held: await reach(handle, 'needs_attention') };
}

const pickup = (v: CaseView) => v.shipments.find((s) => s.kind === 'return_pickup')!;
const events = (v: CaseView) => v.timeline.map((t) => t.event);

test('the policy under test: 7 days to hand the return over, 10 days for the warehouse to confirm it', () => {
  expect(rule('awaiting_return_shipment')).toMatchObject({ deadlineMinutes: 7 * 24 * 60, onDeadline: 'close' });
  expect(rule('awaiting_return_receipt')).toMatchObject({ deadlineMinutes: 10 * 24 * 60, onDeadline: 'refund' });
});

test('not handed over within 7 days: the return is forfeited, nothing refunded', async () => {
  const { world, open } = await returnCase();
  await h.run(world, async () => {
    const handle = await open();
    let v = await view(handle);
    expect(v.status).toBe('awaiting_return_shipment');
    expect(v.decision?.resolution).toBe('return_and_refund');
    expect(pickup(v).status).toBe('created');

    await h.env.sleep('167 hours');
    expect((await view(handle)).status).toBe('awaiting_return_shipment');
    await h.env.sleep('2 hours');
    v = await view(handle);
    expect(v.status).toBe('closed');
    expect(v.decision?.resolution).toBe('rejected');
    expect(v.closeReason).toBe('the return was not handed over before the deadline');
    expect(effects(world, 'issueRefund')).toHaveLength(0);
    expect(effects(world, 'quarantineReturn')).toHaveLength(0);
  });
});

test('picked up, but the warehouse never confirms: deemed received after 10 days, quarantined, refunded', async () => {
  const { world, open } = await returnCase();
  await h.run(world, async () => {
    const handle = await open();
    await handle.signal(carrierEventSignal, { trackingNumber: pickup(await view(handle)).trackingNumber, event: 'picked_up', occurredAt: new Date().toISOString() });
    await reach(handle, 'awaiting_return_receipt');
    await h.env.sleep('239 hours');
    expect((await view(handle)).status).toBe('awaiting_return_receipt');
    expect(effects(world, 'issueRefund')).toHaveLength(0);

    await h.env.sleep('2 hours');
    const v = await view(handle);
    expect(events(v)).toEqual(expect.arrayContaining(['return_receipt_deemed', 'return_quarantined', 'refund_paid']));
    expect(v.status).toBe('awaiting_survey');
    expect(effects(world, 'quarantineReturn')).toHaveLength(1);
    expect(effects(world, 'issueRefund')).toEqual([expect.objectContaining({ amount: 45_900 })]);
  });
});

test('delivered back to the warehouse: received, quarantined (never resold), then refunded once', async () => {
  const { world, open } = await returnCase();
  await h.run(world, async () => {
    const handle = await open();
    const tracking = pickup(await view(handle)).trackingNumber;
    await handle.signal(carrierEventSignal, { trackingNumber: tracking, event: 'picked_up', occurredAt: new Date().toISOString() });
    await reach(handle, 'awaiting_return_receipt');
    await h.env.sleep('2 days');
    await handle.signal(carrierEventSignal, { trackingNumber: tracking, event: 'delivered', occurredAt: new Date().toISOString() });
    const v = await reach(handle, 'awaiting_survey');
    const order = events(v);
    expect(order.indexOf('return_received')).toBeLessThan(order.indexOf('return_quarantined'));
    expect(order.indexOf('return_quarantined')).toBeLessThan(order.indexOf('refund_paid'));
    expect(effects(world, 'quarantineReturn')).toHaveLength(1);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('decided, its pickup booking failing: the case shows resolving, then needs_attention from resolving, and books the pickup on the next round', async () => {
  const { world, open } = await returnCase();
  world.outages.schedulePickup = 5; // exactly the activity's attempts: one failed round
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('1 minute'); // the activity's own retries (2 + 4 + 8 + 16 s)
    let v = await reach(handle, 'needs_attention');
    expect(v.decision?.resolution).toBe('return_and_refund');
    expect(v.attention).toMatchObject({ step: 'schedule_pickup', from: 'resolving' });
    const statuses = events(v).filter((e) => e.startsWith('status:'));
    expect(statuses).toEqual(['status:resolving', 'status:needs_attention']);
    expect(v.attention?.nextRetryAt).toBeDefined();
    // Ops retry: the case is back in resolving, its last error shown, the automatic round no longer promised.
    world.outages.schedulePickup = Infinity;
    const retried = await handle.executeUpdate(retryStepUpdate, { args: [{ by: 'OPS-1' }] });
    expect(retried.status).toBe('resolving');
    v = await view(handle);
    expect(v.attention).toMatchObject({ step: 'schedule_pickup', from: 'resolving' });
    expect(v.attention?.nextRetryAt).toBeUndefined();
    await h.env.sleep('1 minute');
    world.outages.schedulePickup = 0;
    await h.env.sleep('61 minutes'); // the next automatic round
    v = await reach(handle, 'awaiting_return_shipment');
    expect(events(v)).toEqual(expect.arrayContaining(['status:resolving', 'attention_cleared']));
    expect(effects(world, 'schedulePickup')).toHaveLength(1);
  });
});

test('withdrawn while the pickup booking is held for ops: closed as withdrawn at once, no pickup, no refund; the lost answer is looked up', async () => {
  const { world, open } = await returnCase();
  world.outages.schedulePickup = Infinity;
  await h.run(world, async () => {
    const { handle, held } = await heldBooking(open);
    expect(held.attention?.step).toBe('schedule_pickup');
    const lookUps = () => world.calls.filter((c) => c.name === 'lookupPickup').length;
    const lookedUpBefore = lookUps(); // the look-up of the lost answer, before the hold
    const answer = await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'changed my mind' }] });
    expect(answer.status).toBe('closed');
    await h.env.sleep('1 minute');
    const v = await view(handle);
    expect(v.closeReason).toBe('withdrawn by the customer before handing the return over');
    expect(v.attention).toBeUndefined();
    expect(events(v)).toEqual(expect.arrayContaining(['withdrawn', 'attention_cleared', 'pickup_not_booked']));
    expect(v.timeline.find((t) => t.event === 'attention_cleared')?.detail).toBe('schedule_pickup dropped: the customer withdrew');
    expect(effects(world, 'issueRefund')).toHaveLength(0);
    expect(lookUps()).toBeGreaterThan(lookedUpBefore); // looked up again after the withdrawal
    await handle.result();
  });
});

test('withdrawn while the pickup booking is retried, and the booking then goes through: the pickup is cancelled, and no "pickup scheduled" message is sent', async () => {
  const { world, open } = await returnCase();
  world.outages.schedulePickup = 3; // the fourth attempt books it
  await h.run(world, async () => {
    const handle = await open();
    const withdrawal = handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'changed my mind' }] });
    await h.env.sleep('1 minute');
    expect((await withdrawal).status).toBe('closed');
    await h.env.sleep('1 minute');
    const v = await view(handle);
    expect(v.closeReason).toBe('withdrawn by the customer before handing the return over');
    expect(pickup(v).status).toBe('cancelled');
    expect(effects(world, 'schedulePickup')).toHaveLength(1);
    expect(effects(world, 'cancelPickup')).toHaveLength(1);
    const templates = world.calls.filter((c) => c.name === 'notifyCustomer').map((c) => (c.input as { template: string }).template);
    expect(templates).toContain('case_closed');
    expect(templates).not.toContain('pickup_scheduled');
    expect(effects(world, 'issueRefund')).toHaveLength(0);
  });
});

test('a withdrawal and an ops settle sent together while the pickup is held: whichever the case takes, a withdrawal it accepts is never followed by a receipt wait or a refund', async () => {
  const { world, open } = await returnCase();
  world.outages.schedulePickup = Infinity;
  await h.run(world, async () => {
    const { handle } = await heldBooking(open);
    const [withdrawn, settled] = await Promise.allSettled([
      handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'changed my mind' }] }),
      handle.executeUpdate(settleStepUpdate, { args: [{ by: 'OPS-1', reference: 'PICKUP-BY-PHONE-7' }] }),
    ]);
    await h.env.sleep('11 days'); // past the receipt deadline, whose default is to refund
    const v = await view(handle);
    if (withdrawn.status === 'fulfilled') {
      expect(v.status).toBe('closed');
      expect(v.closeReason).toBe('withdrawn by the customer before handing the return over');
      expect(events(v)).not.toContain('status:awaiting_return_receipt');
      expect(effects(world, 'issueRefund')).toHaveLength(0);
      // Both accepted: they landed in one activation (a settle in an earlier one would have committed
      // the return, and the withdrawal been refused). The settle is handed back to ops, visibly.
      if (settled.status === 'fulfilled') {
        expect(v.timeline.find((t) => t.event === 'settle_dropped')?.detail).toMatch(/^schedule_pickup settled by hand by OPS-1 \(PICKUP-BY-PHONE-7\) .*undo it by hand$/);
        const reasons = world.calls.filter((c) => c.name === 'notifyStaff').map((c) => (c.input as { params: { reason?: string } }).params.reason);
        expect(reasons).toContain('settled_step_dropped');
      }
    } else {
      // The settle came first: the goods count as on their way, so the withdrawal was refused.
      expect(settled.status).toBe('fulfilled');
      expect(events(v)).toContain('status:awaiting_return_receipt');
    }
  });
});
