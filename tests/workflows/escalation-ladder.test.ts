/**
 * The P1 response SLA (15 minutes) and every rung of the escalation ladder at its real window,
 * on the time-skipping server: who is called in, who is told, which coupon is due, and how an
 * acknowledgement or an agent's hand changes the climb.
 */
import { policyFor, CURRENT_POLICY_VERSION } from '../../src/policy';
import { acknowledgeUpdate, escalateUpdate } from '../../src/workflows/case/contract';
import { newWorld, view, type CaseHandle, useCaseHarness } from '../support/case-harness';
import type { FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';

const MINUTE = 60_000;
const policy = policyFor(CURRENT_POLICY_VERSION);

const h = useCaseHarness();

// A damaged mug (89 yuan, above the standard member's 30-yuan authority): P1, photos awaited for two
// days, so nothing but the SLA moves during the first hours.
async function p1Case(): Promise<{ world: FakeWorld; open: () => Promise<CaseHandle>; openedAt: number }> {
  const openedAt = await h.now();
  const world = newWorld([order(openedAt, { orderId: 'ORD-P1' })]);
  return { world, openedAt, open: () => h.open({ orderId: 'ORD-P1', caseType: 'damaged', items: [{ sku: 'SKU-MUG', quantity: 1 }] }) };
}

const sinceOpening = async (openedAt: number) => (await h.now()) - openedAt;

test('the policy under test: P1 answers in 15 minutes, rungs of 15, 30 and 60 minutes', () => {
  expect(policy.triage.responseMinutes.P1).toBe(15);
  expect(policy.ladder.windowMinutes.P1).toEqual([15, 30, 60]);
});

test('P1 breached at 15 minutes, then team lead, service manager and director each at the end of the previous window', async () => {
  const { world, open, openedAt } = await p1Case();
  await h.run(world, async () => {
    const handle = await open();
    await h.settle();
    expect((await view(handle)).priority).toBe('P1');
    await h.env.sleep('14 minutes');
    let v = await view(handle);
    expect(v.sla.responseBreached).toBe(false);
    expect(v.timeline.map((t) => t.event)).toContain('response_sla_warning');
    expect(v.escalationLevel).toBe(0);

    await h.env.sleep('2 minutes'); // 16 minutes: breached, rung 1 called in
    v = await view(handle);
    expect(await sinceOpening(openedAt)).toBeGreaterThanOrEqual(16 * MINUTE);
    expect(v.sla.responseBreached).toBe(true);
    expect(v.escalations.map((e) => [e.level, e.role, e.reason])).toEqual([[1, 'team_lead', 'sla_breach']]);

    await h.env.sleep('13 minutes'); // 29: still the team lead's window
    expect((await view(handle)).escalationLevel).toBe(1);
    await h.env.sleep('2 minutes'); // 31: service manager
    v = await view(handle);
    expect(v.escalations.map((e) => e.role)).toEqual(['team_lead', 'service_manager']);
    // The team lead's window is over and shows stopped; the response clock is overdue until answered.
    expect(v.clocks).toMatchObject({ response: { running: true, breached: true }, 'rung-1': { running: false }, 'rung-2': { running: true, breached: false } });

    await h.env.sleep('28 minutes'); // 59
    expect((await view(handle)).escalationLevel).toBe(2);
    await h.env.sleep('2 minutes'); // 61: director
    v = await view(handle);
    expect(v.escalations.map((e) => e.role)).toEqual(['team_lead', 'service_manager', 'director']);
    expect(v.clocks).toMatchObject({ 'rung-2': { running: false }, 'rung-3': { running: true } });

    await h.env.sleep('3 hours'); // nothing above the director
    v = await view(handle);
    expect(v.escalationLevel).toBe(3);
    expect(v.escalations).toHaveLength(3);

    // Each rung's contact was looked up in the case's region and told.
    const contacts = world.calls.filter((c) => c.name === 'findEscalationContact').map((c) => (c.input as { role: string }).role);
    expect(contacts).toEqual(['team_lead', 'service_manager', 'director']);
    const told = world.calls.filter((c) => c.name === 'notifyStaff').map((c) => c.input as { recipientId: string; template: string });
    for (const e of v.escalations) expect(told).toContainEqual(expect.objectContaining({ recipientId: e.contactId, template: 'sla_breached' }));
    // Coupons for a standard member: the initial breach and one per rung, 5 + 5 + 10 + 15 yuan.
    expect(v.coupons.map((c) => [c.reason, c.value])).toEqual([
      ['response-breach', 500],
      ['breach-level-1', 500],
      ['breach-level-2', 1000],
      ['breach-level-3', 1500],
    ]);
    expect(v.coupons.map((c) => c.value)).toEqual([...policy.ladder.breachCoupons.standard]);
  });
});

test('an acknowledgement in the service manager window stops the climb: no director, no more coupons', async () => {
  const { world, open } = await p1Case();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('35 minutes');
    expect((await view(handle)).escalationLevel).toBe(2);
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    await h.env.sleep('4 hours');
    const v = await view(handle);
    expect(v.escalationLevel).toBe(2);
    expect(v.coupons.map((c) => c.reason)).toEqual(['response-breach', 'breach-level-1', 'breach-level-2']);
  });
});

test('P1 acknowledged inside 15 minutes: no breach, no ladder', async () => {
  const { world, open } = await p1Case();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('12 minutes');
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    await h.env.sleep('2 hours');
    const v = await view(handle);
    expect(v.sla.responseBreached).toBe(false);
    expect(v.escalations).toEqual([]);
    expect(v.coupons).toEqual([]);
  });
});

test('a coupons outage does not hold the ladder: each rung is called in at the end of the previous window, and the coupons are granted aside once coupons work again', async () => {
  const { world, open } = await p1Case();
  await h.run(world, async () => {
    world.outages.grantCoupon = Infinity;
    const handle = await open();
    await h.settle();
    await h.env.sleep('16 minutes'); // breached, rung 1; its coupons fail their first try
    let v = await view(handle);
    expect(v.escalations.map((e) => e.role)).toEqual(['team_lead']);
    expect(v.timeline.filter((t) => t.event === 'side_effect_failing').map((t) => t.detail)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^coupon:response-breach: /), expect.stringMatching(/^coupon:breach-level-1: /)]),
    );
    // Each rung's window starts once its coupon's first try (five attempts, about half a minute) has failed.
    await h.env.sleep('15 minutes'); // 31: the service manager
    expect((await view(handle)).escalations.map((e) => e.role)).toEqual(['team_lead', 'service_manager']);
    await h.env.sleep('31 minutes'); // 62: the director, not hours later
    v = await view(handle);
    expect(v.escalations.map((e) => e.role)).toEqual(['team_lead', 'service_manager', 'director']);
    expect(v.coupons).toEqual([]);

    world.outages.grantCoupon = 0;
    await h.env.sleep('3 hours'); // every coupon's next try (30 minutes after its first) goes through
    v = await view(handle);
    expect(v.coupons.map((c) => c.reason).sort()).toEqual(['breach-level-1', 'breach-level-2', 'breach-level-3', 'response-breach']);
    expect(world.calls.filter((c) => c.name === 'notifyCustomer' && (c.input as { template: string }).template === 'coupon_granted')).toHaveLength(4);
  });
});

test('an agent escalates by hand: the next rung is called in, without a breach coupon', async () => {
  const { world, open } = await p1Case();
  await h.run(world, async () => {
    const handle = await open();
    await h.env.sleep('5 minutes');
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-EAST-P1' }] });
    const answer = await handle.executeUpdate(escalateUpdate, { args: [{ by: 'AG-EAST-P1', reason: 'customer threatens a complaint' }] });
    const after = await view(handle);
    expect(answer).toEqual({ caseId: after.caseId, status: after.status, seq: after.timeline.length }); // small: the view is a query away
    expect(after.escalations.map((e) => [e.level, e.role, e.reason])).toEqual([[1, 'team_lead', 'manual']]);
    expect(after.timeline.map((t) => t.event)).toContain('manual_escalation');
    // The team lead is told the case was escalated, with why; no SLA breached.
    const told = world.calls.filter((c) => c.name === 'notifyStaff').map((c) => c.input as { recipientId: string; template: string; params: Record<string, unknown> });
    expect(told.filter((m) => m.recipientId === after.escalations[0]!.contactId)).toEqual([
      expect.objectContaining({ template: 'case_escalated', params: expect.objectContaining({ level: 1, reason: 'manual' }) }),
    ]);
    await h.env.sleep('3 hours'); // acknowledged: the ladder does not climb on its own
    const v = await view(handle);
    expect(v.escalationLevel).toBe(1);
    expect(v.coupons).toEqual([]);
  });
});
