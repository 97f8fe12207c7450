/**
 * Issue 8, problems 3, 4 and 9 at real durations: the response ladder stops once the case has its
 * answer (no coupon after resolution), the merchant's resolution clock pauses while the customer or
 * the platform owes the next step, and escalations neither race onto one rung nor shift the ladder.
 */
import { escalateUpdate, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, useCaseHarness } from '../support/case-harness';
import { order } from '../support/orders';
import { jacket, seafood } from './integrity-support';

const h = useCaseHarness();

const events = (v: CaseView) => v.timeline.map((t) => t.event);

describe('problem 3: the response ladder stops when no first response is needed', () => {
  test('spoiled food refunded automatically and never acknowledged: three days of survey wait climb no rung and grant no coupon', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
      await reach(handle, 'awaiting_survey');
      await h.env.sleep('3 days');
      const v = await view(handle);
      expect(v.acknowledgedAt).toBeUndefined();
      expect(v.escalations).toEqual([]);
      expect(v.coupons).toEqual([]);
      expect(v.sla.responseBreached).toBe(false);
      expect(world.calls.filter((c) => c.name === 'grantCoupon')).toHaveLength(0);
    });
  });
});

describe('problem 4: clocks follow the obligated party', () => {
  test('a return the customer never hands over: the 7 days are the customer\'s, so the merchant is not in breach', async () => {
    const world = newWorld([jacket(await h.now())]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
      let v = await reach(handle, 'awaiting_return_shipment');
      expect(v.currentWait).toMatchObject({ state: 'awaiting_return_shipment', party: 'customer', onDeadline: 'close', merchantClock: 'paused' });
      await h.env.sleep('8 days');
      v = await view(handle);
      expect(v.status).toBe('closed');
      expect(v.sla.resolutionBreached).toBe(false);
      expect(v.timeline.find((t) => t.event === 'resolution_clock_paused')?.detail).toContain('customer');
    });
  });

  test('a rejection nobody disputes: the dispute window is the customer\'s, the merchant is not in breach', async () => {
    const world = newWorld([jacket(await h.now(), { memberTier: 'standard' })]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'damaged', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: [{ url: 'https://img.example/j.jpg?score=0.1', kind: 'item' }] });
      const v0 = await reach(handle, 'rejected_open_to_dispute');
      expect(v0.currentWait).toMatchObject({ party: 'customer', merchantClock: 'paused' });
      await h.env.sleep('8 days');
      const v = await view(handle);
      expect(v.status).toBe('closed');
      expect(v.closeReason).toBe('the rejection stands');
      expect(v.sla.resolutionBreached).toBe(false);
    });
  });
});

describe('problem 9: escalations have defined effects and do not race', () => {
  test('a manual escalation whose contact look-up is still retrying when the SLA breaches: the ladder takes the next rung, never the same one', async () => {
    const world = newWorld([order(await h.now(), { orderId: 'ORD-P1' })]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-P1', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
      await reach(handle, 'awaiting_evidence');
      await h.env.sleep('14 minutes');
      // The directory is slow to answer for about two minutes, across the 15-minute breach.
      world.outages.findEscalationContact = 8;
      const manual = await handle.startUpdate(escalateUpdate, { args: [{ by: 'AG-EAST-01', reason: 'customer called twice' }], waitForStage: 'ACCEPTED' });
      await h.env.sleep('5 minutes');
      await manual.result();
      const v = await view(handle);
      const levels = v.escalations.map((e) => e.level);
      expect(v.escalations.map((e) => e.reason).sort()).toEqual(['manual', 'sla_breach']);
      expect(new Set(levels).size).toBe(levels.length);
      expect(v.escalationLevel).toBe(2);
    });
  });

  test('a failing refund alerts the next rung without climbing: a later manual escalation still lands on rung 1', async () => {
    const world = newWorld([seafood(await h.now())]);
    await h.run(world, async () => {
      world.outages.issueRefund = Infinity;
      const handle = await h.open({ orderId: 'ORD-SEAFOOD-SH', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity: 1 }], evidence: [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' }] });
      await h.env.sleep('2 minutes');
      let v = await view(handle);
      expect(v.status).toBe('needs_attention');
      expect(v.escalations.map((e) => [e.level, e.reason])).toEqual([[1, 'refund_payment_failing']]);
      expect(v.escalationLevel).toBe(0);
      await handle.executeUpdate(escalateUpdate, { args: [{ by: 'AG-EAST-01', reason: 'customer upset' }] });
      v = await view(handle);
      expect(v.escalationLevel).toBe(1);
      expect(v.escalations.at(-1)).toMatchObject({ level: 1, role: 'team_lead', reason: 'manual' });
      expect(events(v)).toContain('needs_attention');
    });
  });
});
