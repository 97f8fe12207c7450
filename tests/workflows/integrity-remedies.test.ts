/**
 * Issue 8, problems 5 to 8 at real durations: remedies bounded per order line across cases, a
 * dispatch whose answer was lost looked up before anything is compensated, a forfeited or withdrawn
 * return cancelling its pickup, entitlements judged at the claim's opening; and carrier events that
 * arrive out of order never moving a parcel back.
 */
import type { IssueRefundInput } from '../../src/activities/types';
import { addEvidenceUpdate, feedbackUpdate, reviewUpdate, withdrawUpdate, type CaseView } from '../../src/workflows/case/contract';
import { newWorld, reach, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';
import { carrierEvent, jacket } from './integrity-support';

const DAY = 86_400_000;

const h = useCaseHarness();

const events = (v: CaseView) => v.timeline.map((t) => t.event);
const photo = [{ url: 'https://img.example/c.jpg?score=0.95', kind: 'item' as const }];

/** Two boxes of crab on one line; each spoiled claim is refunded at once, then the survey is answered. */
async function spoiledClaim(world: FakeWorld, quantity: number): Promise<CaseView> {
  const handle = await h.open({ orderId: 'ORD-CRAB-2', caseType: 'spoiled', items: [{ sku: 'SKU-CRAB', quantity }], evidence: photo });
  const v = await reachEither(handle);
  if (v.status === 'awaiting_survey') {
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 5 }] });
    return reach(handle, 'closed');
  }
  return v;
}

async function reachEither(handle: CaseHandle): Promise<CaseView> {
  for (let i = 0; i < 300; i++) {
    const v = await view(handle);
    if (v.status === 'awaiting_survey' || v.status === 'closed') return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('case neither refunded nor closed');
}

describe('problem 5: remedies are bounded per order line across cases', () => {
  test('one box of two refunded, then the other, then a third claim on the same line is refused at intake', async () => {
    const now = await h.now();
    const world = newWorld([
      order(now, { orderId: 'ORD-CRAB-2', items: [{ sku: 'SKU-CRAB', title: 'Crab', category: 'fresh', unitPrice: 12_800, quantity: 2 }], deliveredAt: new Date(now - 3_600_000).toISOString() }),
    ]);
    await h.run(world, async () => {
      const first = await spoiledClaim(world, 1);
      expect(first.refund).toMatchObject({ amount: 12_800, status: 'paid' });
      const refundInput = world.calls.find((c) => c.name === 'issueRefund')?.input as IssueRefundInput;
      expect(refundInput.lines).toEqual([{ sku: 'SKU-CRAB', quantity: 1 }]);
      expect(world.orders['ORD-CRAB-2']?.items[0]?.remedied).toEqual({ quantity: 1, amount: 12_800 });

      const second = await spoiledClaim(world, 1); // the rest of the line is still claimable
      expect(second.refund).toMatchObject({ amount: 12_800, status: 'paid' });

      const third = await spoiledClaim(world, 1);
      expect(third.status).toBe('closed');
      expect(third.decision?.resolution).toBe('rejected');
      expect(third.closeReason).toMatch(/already remedied by earlier cases.*SKU-CRAB: 1 claimed, 0 of 2 left/);
      expect(effects(world, 'issueRefund')).toHaveLength(2);
    });
  });
});

describe('a claim approved late reads the order again before anything moves (REMEDY_RECHECK)', () => {
  const kettleOrder = async () => {
    const now = await h.now();
    return newWorld([
      order(now, { orderId: 'ORD-KETTLE-1', items: [{ sku: 'SKU-KETTLE', title: 'Kettle', category: 'home', unitPrice: 15_900, quantity: 1 }], deliveredAt: new Date(now - 3_600_000).toISOString() }),
    ]);
  };
  const damagedAwaitingReview = () =>
    h.open({ orderId: 'ORD-KETTLE-1', caseType: 'damaged', items: [{ sku: 'SKU-KETTLE', quantity: 1 }], evidence: [{ url: 'https://img.example/k.jpg?score=0.5', kind: 'item' }], preferredResolution: 'refund' });
  const approve = (handle: CaseHandle) => handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-1', decision: 'approve' }] });
  /** The damaged case awaiting its review ten minutes on, the order system then down: its approval is late and its second read fails. */
  const lateApprovalWithOrdersDown = async (world: FakeWorld) => {
    const damaged = await damagedAwaitingReview();
    await reach(damaged, 'awaiting_review');
    await h.env.sleep('10 minutes');
    world.outages.getOrder = Infinity;
    return damaged;
  };

  test('a damaged claim approved after its review is refused when a missing-item case refunded the line meanwhile: the line is paid once', async () => {
    const world = await kettleOrder();
    await h.run(world, async () => {
      const damaged = await damagedAwaitingReview();
      await reach(damaged, 'awaiting_review');
      const missing = await h.open({ orderId: 'ORD-KETTLE-1', caseType: 'missing_item', items: [{ sku: 'SKU-KETTLE', quantity: 1 }], preferredResolution: 'refund' });
      expect((await reachEither(missing)).refund).toMatchObject({ amount: 15_900, status: 'paid' });
      await h.env.sleep('10 minutes'); // the reviewer comes later
      await approve(damaged);
      const v = await reach(damaged, 'closed');
      expect(v.decision?.resolution).toBe('rejected');
      expect(v.closeReason).toMatch(/already remedied by earlier cases.*SKU-KETTLE: 1 claimed, 0 of 1 left/);
      expect(effects(world, 'issueRefund')).toHaveLength(1);
      expect(world.orders['ORD-KETTLE-1']?.items[0]?.remedied).toEqual({ quantity: 1, amount: 15_900 });
    });
  });

  test('a late approval whose line is still claimable is paid after the second read; an order system that does not answer then is noted, not fatal', async () => {
    const world = await kettleOrder();
    await h.run(world, async () => {
      const damaged = await lateApprovalWithOrdersDown(world);
      const approved = approve(damaged); // answers once the case moves on, after the second read gives up
      await h.env.sleep('3 minutes'); // the second read's two minutes of retries
      await approved;
      const v = await reachEither(damaged);
      expect(v.refund).toMatchObject({ amount: 15_900, status: 'paid' });
      expect(v.timeline.find((t) => t.event === 'remedy_recheck_failed')?.detail).toMatch(/going on with what intake read/);
      expect(world.calls.filter((c) => c.name === 'getOrder').length).toBeGreaterThan(1);
      world.outages.getOrder = 0;
    });
  });

  test('while the order is read again the case shows resolving: a second review is refused, a withdrawal is taken and closes the case; nothing is paid', async () => {
    const world = await kettleOrder();
    await h.run(world, async () => {
      const damaged = await lateApprovalWithOrdersDown(world);
      const approved = approve(damaged);
      await h.env.sleep('30 seconds');
      // Decided: the case shows resolving while it reads the order, so a second review is refused…
      expect((await view(damaged)).status).toBe('resolving');
      const second = await damaged.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-2', decision: 'reject' }] }).catch((err: Error) => err);
      expect(String((second as Error).cause ?? second)).toMatch(/cannot review while the case is resolving/);
      // …and a withdrawal is taken: nothing has moved yet.
      const withdrawal = await damaged.startUpdate(withdrawUpdate, { args: [{ reason: 'found it in the cupboard' }], waitForStage: 'ACCEPTED' });
      await h.env.sleep('3 minutes'); // the second read gives up
      expect((await withdrawal.result()).status).toBe('closed');
      await approved;
      const v = await view(damaged);
      expect(v.decision?.resolution).toBe('withdrawn');
      expect(effects(world, 'issueRefund')).toHaveLength(0);
      world.outages.getOrder = 0;
    });
  });

  test('a claim decided at once reads the order once', async () => {
    const world = await kettleOrder();
    await h.run(world, async () => {
      const missing = await h.open({ orderId: 'ORD-KETTLE-1', caseType: 'missing_item', items: [{ sku: 'SKU-KETTLE', quantity: 1 }], preferredResolution: 'refund' });
      expect((await reachEither(missing)).refund).toMatchObject({ status: 'paid' });
      expect(world.calls.filter((c) => c.name === 'getOrder')).toHaveLength(1);
    });
  });
});

describe('problem 6: ambiguous outcomes are reconciled before compensating', () => {
  test('the warehouse shipped but every answer was lost: the dispatch is found by its key and tracked; no stock released, no refund', async () => {
    const world = newWorld([order(await h.now(), { orderId: 'ORD-RESHIP' })]);
    await h.run(world, async () => {
      world.lostAnswers.dispatchReshipment = 5;
      const handle = await h.open({ orderId: 'ORD-RESHIP', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], evidence: photo });
      await h.env.sleep('2 minutes');
      const v = await reach(handle, 'awaiting_delivery');
      expect(events(v)).toContain('reconciled');
      expect(v.shipments).toEqual([expect.objectContaining({ kind: 'reshipment', status: 'created' })]);
      expect(world.calls.filter((c) => c.name === 'lookupDispatch')).toHaveLength(1);
      expect(world.calls.filter((c) => c.name === 'releaseStock')).toHaveLength(0);
      expect(world.calls.filter((c) => c.name === 'issueRefund')).toHaveLength(0);
      expect(effects(world, 'dispatchReshipment')).toHaveLength(1);
      expect(world.calls.find((c) => c.name === 'dispatchReshipment')?.input).toMatchObject({ items: [{ sku: 'SKU-MUG', quantity: 1 }] });
    });
  });
});

describe('problem 7: a forfeited or withdrawn return cancels its pickup', () => {
  test('not handed over within 7 days: the booked pickup is cancelled', async () => {
    const world = newWorld([jacket(await h.now())]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
      await reach(handle, 'awaiting_return_shipment');
      await h.env.sleep('7 days');
      await h.env.sleep('1 hour');
      const v = await view(handle);
      expect(v.status).toBe('closed');
      const pickup = effects(world, 'schedulePickup') as { pickupId: string }[];
      expect(world.calls.filter((c) => c.name === 'cancelPickup').map((c) => (c.input as { pickupId: string }).pickupId)).toEqual([pickup[0]?.pickupId]);
      expect(v.shipments[0]?.status).toBe('cancelled');
    });
  });

  test('withdrawn before handing the parcel over: closed as withdrawn and the pickup cancelled', async () => {
    const world = newWorld([jacket(await h.now())]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-JACKET-BJ', caseType: 'return_no_reason', items: [{ sku: 'SKU-JACKET', quantity: 1 }] });
      await reach(handle, 'awaiting_return_shipment');
      const v = await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'keeping it after all' }] });
      expect(v.status).toBe('closed');
      expect((await handle.result()).decision?.resolution).toBe('withdrawn');
      await h.settle();
      expect(world.calls.filter((c) => c.name === 'cancelPickup')).toHaveLength(1);
      expect(effects(world, 'issueRefund')).toHaveLength(0);
    });
  });
});

describe('problem 8: entitlements are judged at the claim\'s opening', () => {
  test('a 3C fault claimed on day 179 whose photos come two days later is still replaced, not refunded', async () => {
    const now = await h.now();
    const world = newWorld([
      order(now, {
        orderId: 'ORD-PHONE',
        items: [{ sku: 'SKU-PHONE', title: 'Phone', category: '3c', unitPrice: 299_900, quantity: 1 }],
        paidAt: new Date(now - 182 * DAY).toISOString(),
        shippedAt: new Date(now - 181 * DAY).toISOString(),
        deliveredAt: new Date(now - 179 * DAY).toISOString(),
      }),
    ]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-PHONE', caseType: 'quality_issue', items: [{ sku: 'SKU-PHONE', quantity: 1 }] });
      await reach(handle, 'awaiting_evidence');
      await h.env.sleep('40 hours'); // decision on day 180.7: past the 180-day replace window
      await handle.executeUpdate(addEvidenceUpdate, { args: [{ photos: photo }] });
      await h.settle();
      const v = await view(handle);
      expect(v.decision?.resolution).toBe('replace');
    });
  });
});

describe('carrier events out of order', () => {
  test('an older picked-up event arriving after a newer in-transit event does not move the parcel back', async () => {
    const world = newWorld([order(await h.now(), { orderId: 'ORD-RESHIP' })]);
    await h.run(world, async () => {
      const handle = await h.open({ orderId: 'ORD-RESHIP', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], evidence: photo });
      await reach(handle, 'awaiting_delivery');
      await carrierEvent(handle, 'reshipment', 'in_transit', '2026-12-03T10:00:00.000Z');
      await carrierEvent(handle, 'reshipment', 'picked_up', '2026-12-03T08:00:00.000Z');
      await h.settle();
      const v = await view(handle);
      expect(v.shipments[0]).toMatchObject({ status: 'in_transit', lastEventAt: '2026-12-03T10:00:00.000Z' });
      expect(events(v)).toContain('carrier_stale:picked_up');
    });
  });
});
