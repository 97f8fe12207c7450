/**
 * Policy 2026-12-v2: a missing_item or not_delivered claim at or above the small-compensation
 * authority is reviewed by a person before anything moves (no photo decides it); before, it was
 * approved at once. At real durations on the time-skipping server (its clock starts on Friday
 * 18 September 2026, 20:00 in Shanghai: the east desk's review deadline counts working time).
 */
import type { CaseView } from '../../src/workflows/case/contract';
import { reviewUpdate } from '../../src/workflows/case/contract';
import { newWorld, reach, useCaseHarness, view, type CaseHandle } from '../support/case-harness';
import { effects, type FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';

const h = useCaseHarness({ startAt: '2026-09-18T12:00:00Z', eachTest: true });

const events = (v: CaseView) => v.timeline.map((t) => t.event);
const KETTLE = { sku: 'SKU-KETTLE', title: 'Kettle', category: 'home' as const, unitPrice: 15_900, quantity: 1 };
const MOVEMENTS = ['issueRefund', 'reserveStock', 'dispatchReshipment'] as const;
const moved = (world: FakeWorld) => MOVEMENTS.flatMap((name) => effects(world, name));

async function kettleWorld(overrides: { status?: 'shipped'; deliveredAt?: undefined } = {}): Promise<FakeWorld> {
  const now = await h.now();
  return newWorld([order(now, { orderId: 'ORD-KETTLE-9', items: [KETTLE], ...overrides })]);
}

function openClaim(caseType: 'missing_item' | 'not_delivered', policyVersion = '2026-12-v2'): Promise<CaseHandle> {
  return h.open({ orderId: 'ORD-KETTLE-9', caseType, items: [{ sku: 'SKU-KETTLE', quantity: 1 }], preferredResolution: 'refund', policyVersion });
}

test('2026-12-v2: a missing item worth 159 yuan waits for a review, and a rejection leaves it open to dispute with nothing paid', async () => {
  const world = await kettleWorld();
  await h.run(world, async () => {
    const handle = await openClaim('missing_item');
    const waiting = await reach(handle, 'awaiting_review');
    expect(waiting.verification.outcome).toBe('human_review');
    expect(waiting.timeline.find((t) => t.event === 'verification')?.detail).toMatch(/missing_item claim above the small-compensation authority: sent to review/);
    // The reviewer is told what to look at: no photo score, the packing record or the carrier's trace.
    const asked = world.calls.filter((c) => c.name === 'notifyStaff').map((c) => c.input as { template: string; params: object }).find((m) => m.template === 'review_requested');
    expect(asked?.params).toMatchObject({ basis: 'packing_record_or_trace' });
    expect(asked?.params).not.toHaveProperty('score');

    await h.env.sleep('2 hours'); // still waiting: nothing moved while nobody looked
    expect((await view(handle)).status).toBe('awaiting_review');
    expect(moved(world)).toEqual([]);

    await handle.executeUpdate(reviewUpdate, { args: [{ agentId: 'AG-1', decision: 'reject', reason: 'packing record shows the kettle packed' }] });
    const rejected = await reach(handle, 'rejected_open_to_dispute');
    expect(rejected.decision).toMatchObject({ resolution: 'rejected', reasons: ["the packing record or the carrier's trace does not support the claim"] });
    expect(moved(world)).toEqual([]);
  });
});

test('2026-12-v2: a parcel not delivered, unreviewed until its deadline, is deemed approved then and refunded', async () => {
  const world = await kettleWorld({ status: 'shipped', deliveredAt: undefined });
  await h.run(world, async () => {
    const handle = await openClaim('not_delivered');
    const waiting = await reach(handle, 'awaiting_review');
    const due = Date.parse(waiting.currentWait?.dueAt as string);
    expect(waiting.currentWait?.state).toBe('awaiting_review');

    await h.env.sleep(due - (await h.now()) - 60_000); // a minute before the deadline: still waiting
    expect((await view(handle)).status).toBe('awaiting_review');
    expect(moved(world)).toEqual([]);

    await h.env.sleep('2 minutes');
    const refunded = await reach(handle, 'awaiting_survey');
    expect(events(refunded)).toContain('review_deadline_passed');
    expect(refunded.refund).toMatchObject({ amount: 15_900, status: 'paid' });
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('2026-12-v1 (cases already open under it): the same missing-item claim is still refunded at once', async () => {
  const world = await kettleWorld();
  await h.run(world, async () => {
    const handle = await openClaim('missing_item', '2026-12-v1');
    const refunded = await reach(handle, 'awaiting_survey');
    expect(refunded.verification.outcome).toBe('not_required');
    expect(events(refunded)).not.toContain('review_deadline_passed');
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});

test('2026-12-v2: a claim split over cases counts what the first already got: the second missing towel waits for a review', async () => {
  const now = await h.now();
  const world = newWorld([order(now, { orderId: 'ORD-TOWELS', items: [{ sku: 'SKU-TOWEL', title: 'Towel', category: 'home', unitPrice: 1_990, quantity: 2 }] })]);
  await h.run(world, async () => {
    const claim = () => h.open({ orderId: 'ORD-TOWELS', caseType: 'missing_item', items: [{ sku: 'SKU-TOWEL', quantity: 1 }], preferredResolution: 'refund', policyVersion: '2026-12-v2' });
    const first = await reach(await claim(), 'awaiting_survey'); // 19.90 CNY, alone below the 30 CNY authority
    expect(first.verification.outcome).toBe('auto_approved');
    const second = await reach(await claim(), 'awaiting_review'); // 19.90 + 19.90 reach it
    expect(second.timeline.find((t) => t.event === 'verification')?.detail).toMatch(/sent to review/);
    expect(effects(world, 'issueRefund')).toHaveLength(1);
  });
});
