/**
 * The response SLA at its real durations (30 minutes for P2, 15 for P1) on the time-skipping
 * server: met by an acknowledgement, breached without one.
 */
import { acknowledgeUpdate } from '../../src/workflows/case/contract';
import { newWorld, view, useCaseHarness } from '../support/case-harness';
import { order } from '../support/orders';

const h = useCaseHarness();

const MINUTE = 60_000;

// A wrong item for a standard member: P2 (30 minutes); it then waits two days for photos.
async function p2Case() {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-P2' })]);
  return { world, open: () => h.open({ orderId: 'ORD-P2', caseType: 'wrong_item', items: [{ sku: 'SKU-MUG', quantity: 1 }] }) };
}

test('a P2 case breaches its 30-minute response SLA: the server skips the real 30 minutes', async () => {
  const { world, open } = await p2Case();
  await h.run(world, async () => {
    const handle = await open();
    const startedAt = await h.now();
    await h.env.sleep('29 minutes');
    const before = await view(handle);
    expect(before.priority).toBe('P2');
    expect(before.sla.responseBreached).toBe(false);
    expect(before.timeline.map((t) => t.event)).toContain('response_sla_warning');

    await h.env.sleep('2 minutes');
    const after = await view(handle);
    expect((await h.now()) - startedAt).toBeGreaterThanOrEqual(31 * MINUTE);
    expect(after.sla.responseBreached).toBe(true);
    expect(after.escalationLevel).toBe(1);
    expect(after.escalations[0]).toMatchObject({ level: 1, role: 'team_lead', reason: 'sla_breach' });
    expect(after.coupons.map((c) => c.reason)).toEqual(['response-breach', 'breach-level-1']);
  });
});

test('an acknowledgement inside 30 minutes stops the clock: no breach, no escalation', async () => {
  const { world, open } = await p2Case();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('20 minutes');
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-01' }] });
    await h.env.sleep('3 hours');
    const v = await view(handle);
    expect(v.acknowledgedAt).toBeDefined();
    expect(v.sla.responseBreached).toBe(false);
    expect(v.escalationLevel).toBe(0);
    expect(world.calls.filter((c) => c.name === 'findEscalationContact')).toHaveLength(0);
  });
});
