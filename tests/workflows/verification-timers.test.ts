/**
 * Verification's waits at their real durations: the customer's 48 hours for photos (with the
 * resolution clock paused meanwhile) and the human review's own deadline (1 hour for P1), each
 * with its default outcome when it passes.
 */
import { CURRENT_POLICY_VERSION, policyFor } from '../../src/policy';
import { acknowledgeUpdate, addEvidenceUpdate } from '../../src/workflows/case/contract';
import { newWorld, view, useCaseHarness } from '../support/case-harness';
import { order } from '../support/orders';

const HOUR = 3_600_000;
const policy = policyFor(CURRENT_POLICY_VERSION);

const h = useCaseHarness();

const photo = (score: number) => [{ url: `https://img.example/mug.jpg?score=${score}`, kind: 'item' as const }];

async function damagedMug(evidence: ReturnType<typeof photo> = []) {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-VERIFY' })]);
  const open = async () => {
    const handle = await h.open({ orderId: 'ORD-VERIFY', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }], evidence });
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    await h.settle();
    return handle;
  };
  return { world, open };
}

test('the policy under test: 48 hours for photos, 1 hour for a P1 review', () => {
  expect(policy.evidence.waitMinutes).toBe(48 * 60);
  expect(policy.evidence.reviewTimeoutMinutes.P1).toBe(60);
});

test('no photos within 48 hours: the claim lapses and the case closes; the resolution clock stood still meanwhile', async () => {
  const { world, open } = await damagedMug();
  await h.run(world, async () => {
    const handle = await open();
    let v = await view(handle);
    expect(v.status).toBe('awaiting_evidence');
    expect(v.sla.resolutionPausedSince).toBeDefined();
    const resolutionDue = v.deadlines.resolutionDueAt;

    await h.env.sleep('47 hours');
    v = await view(handle);
    expect(v.status).toBe('awaiting_evidence');
    // P1's 4-hour resolution target is long past in wall time, but the customer holds the case.
    expect(v.sla.resolutionBreached).toBe(false);
    expect(v.deadlines.resolutionDueAt).toBe(resolutionDue);

    await h.env.sleep('2 hours');
    v = await view(handle);
    expect(v.status).toBe('closed');
    expect(v.decision?.resolution).toBe('rejected');
    expect(v.closeReason).toBe('no evidence arrived before the deadline');
    expect(world.calls.map((c) => c.name)).not.toContain('scorePhotos');
  });
});

test('photos after 3 hours: the resolution deadline moves 3 hours later', async () => {
  const { world, open } = await damagedMug();
  await h.run(world, async () => {
    const handle = await open();
    const before = Date.parse((await view(handle)).deadlines.resolutionDueAt!);
    await h.env.sleep('3 hours');
    await handle.executeUpdate(addEvidenceUpdate, { args: [{ photos: photo(0.95) }] });
    await h.settle();
    const v = await view(handle);
    expect(v.timeline.map((t) => t.event)).toContain('resolution_clock_resumed');
    const shift = Date.parse(v.deadlines.resolutionDueAt!) - before;
    expect(shift).toBeGreaterThanOrEqual(3 * HOUR);
    expect(shift).toBeLessThan(3 * HOUR + 60_000);
    expect(v.sla.resolutionBreached).toBe(false);
  });
});

test('a P1 review not done within the hour: deemed approved, and the case moves on to its resolution', async () => {
  const { world, open } = await damagedMug(photo(0.5)); // standard member: 0.3 <= 0.5 < 0.8 → review
  await h.run(world, async () => {
    const handle = await open();
    let v = await view(handle);
    expect(v.status).toBe('awaiting_review');
    expect(v.verification.outcome).toBe('human_review');

    await h.env.sleep('59 minutes');
    expect((await view(handle)).status).toBe('awaiting_review');

    await h.env.sleep('2 minutes');
    v = await view(handle);
    expect(v.timeline.map((t) => t.event)).toContain('review_deadline_passed');
    expect(v.verification.outcome).toBe('approved');
    expect(v.decision?.resolution).toBe('reship');
    expect(v.status).toBe('awaiting_delivery');
  });
});
