/**
 * Continue-as-new at a rejected claim's dispute window and arbitration (issue 14): the claim is
 * rejected, so its resolution clock is not done but parked (paused while the customer, then the
 * platform, holds the case). A busy case hands over there; the resumed run restarts the clock's
 * watch from the carried clock, waits what is left of the same 7-day deadline, and then goes on as
 * before: the window lapses at its original deadline, or the customer disputes, wins the ruling in
 * a third run and the jacket is reshipped. Nothing is told, paid or shipped twice.
 */
import { arbitrationRulingUpdate, acknowledgeUpdate, addNoteUpdate, carrierEventSignal, disputeUpdate, feedbackUpdate } from '../../src/workflows/case/contract';
import { newWorld, reach, view, useCaseHarness, type CaseHandle } from '../support/case-harness';
import type { FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';
import { runChain, runFigure, acceptedUpdates } from '../support/run-chain';

const NOTES = 650;
const MINUTE = 60_000;
const h = useCaseHarness();

async function rejectedJacket(orderId: string): Promise<{ world: FakeWorld; open: () => Promise<CaseHandle> }> {
  const now = await h.now();
  const world = newWorld([
    order(now, { orderId, destinationDivisionCode: '110101', items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }] }),
  ]);
  const open = async () => {
    const handle = await h.open({ orderId, caseType: 'damaged', items: [{ sku: 'SKU-JACKET', quantity: 1 }], evidence: [{ url: 'https://img.example/j.jpg?score=0.1', kind: 'item' }] });
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ agentId: 'AG-NORTH-01' }] });
    await reach(handle, 'rejected_open_to_dispute');
    await h.settle();
    return handle;
  };
  return { world, open };
}

async function notes(handle: CaseHandle, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await handle.executeUpdate(addNoteUpdate, { args: [{ author: 'AG-NORTH-01', text: `note ${i + 1}` }] });
}

const calls = (world: FakeWorld, name: string, template?: string) =>
  world.calls.filter((c) => c.name === name && (!template || (c.input as { template?: string }).template === template)).length;

test('a dispute window continues as new with its resolution clock parked, and lapses at its original deadline', async () => {
  const { world, open } = await rejectedJacket('ORD-JACKET-LAPSE');
  await h.run(world, async () => {
    const handle = await open();
    const due = (await view(handle)).currentWait?.dueAt ?? '';
    await h.env.sleep('1 day');
    await notes(handle, NOTES);
    const runs = await runChain(h.env.client, handle);
    runs.forEach((r, i) => console.log(`[figure] dispute case ${runFigure(r, i, acceptedUpdates(r, addNoteUpdate.name))}`));
    expect(runs.length).toBe(2);
    const resumed = await view(handle);
    expect(resumed.status).toBe('rejected_open_to_dispute');
    expect(resumed.currentWait?.dueAt).toBe(due);
    expect(resumed.clocks?.resolution?.running).toBe(false);

    await h.env.sleep(Date.parse(due) - (await h.now()) - 10 * MINUTE);
    expect((await view(handle)).status).toBe('rejected_open_to_dispute');
    await h.env.sleep('20 minutes');
    const closed = await reach(handle, 'closed');
    expect(closed.decision?.resolution).toBe('rejected');
    expect(Date.parse(closed.closedAt ?? '') - Date.parse(due)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(closed.closedAt ?? '') - Date.parse(due)).toBeLessThan(MINUTE);
    // The restarted watch of the resolution clock ended with the case: the chain completes.
    expect((await handle.result()).status).toBe('closed');
    expect(calls(world, 'notifyCustomer', 'case_rejected')).toBe(1);
    expect(calls(world, 'notifyCustomer', 'case_closed')).toBe(1);
  });
}, 900_000);

test('a disputed claim continues as new in arbitration; the customer wins in the third run, the resolution clock resumes and the jacket is reshipped once', async () => {
  const { world, open } = await rejectedJacket('ORD-JACKET-ARB');
  await h.run(world, async () => {
    const handle = await open();
    await notes(handle, NOTES);
    expect((await runChain(h.env.client, handle)).length).toBe(2);
    await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'the box was crushed' }] });
    const arbitration = await reach(handle, 'in_arbitration');
    const due = arbitration.currentWait?.dueAt ?? '';
    await h.env.sleep('2 days');
    await notes(handle, NOTES);
    expect((await runChain(h.env.client, handle)).length).toBe(3);
    const resumed = await view(handle);
    expect(resumed.status).toBe('in_arbitration');
    expect(resumed.currentWait?.dueAt).toBe(due);
    const pausedDue = resumed.clocks?.resolution;
    expect(pausedDue?.running).toBe(false);

    await handle.executeUpdate(arbitrationRulingUpdate, { args: [{ ruling: 'customer', reference: 'ARB-7' }] });
    const delivery = await reach(handle, 'awaiting_delivery');
    // The clock runs again in the resumed run, its deadline moved by the time it was paused.
    expect(delivery.timeline.some((e) => e.event === 'resolution_clock_resumed')).toBe(true);
    expect(delivery.resolvedAt).toBeDefined();
    const parcel = delivery.shipments.find((s) => s.kind === 'reshipment');
    await handle.signal(carrierEventSignal, { trackingNumber: parcel?.trackingNumber ?? '', event: 'delivered', occurredAt: new Date(await h.now()).toISOString() });
    await reach(handle, 'awaiting_survey');
    await handle.executeUpdate(feedbackUpdate, { args: [{ rating: 4 }] });
    const closed = await reach(handle, 'closed');
    expect(closed.decision?.resolution).toBe('reship');
    expect((await handle.result()).status).toBe('closed');

    expect(calls(world, 'dispatchReshipment')).toBe(1);
    expect(calls(world, 'notifyCustomer', 'case_rejected')).toBe(1);
    expect(calls(world, 'issueRefund')).toBe(0);
    const warnings = world.calls.filter((c) => c.name === 'notifyStaff' && (c.input as { params: { clock?: string } }).params.clock === 'resolution');
    expect(warnings.length).toBeLessThanOrEqual(1);
  });
}, 900_000);

test('the resolution clock restarted in a resumed run still warns and breaches (once) when the approved reshipment cannot go out', async () => {
  const { world, open } = await rejectedJacket('ORD-JACKET-BREACH');
  await h.run(world, async () => {
    const handle = await open();
    await notes(handle, NOTES);
    expect((await runChain(h.env.client, handle)).length).toBe(2);
    // The warehouse goes down; the customer disputes and the platform rules for them in the resumed run.
    world.outages.reserveStock = Infinity;
    await handle.executeUpdate(disputeUpdate, { args: [{ by: 'customer', reason: 'the box was crushed' }] });
    await reach(handle, 'in_arbitration');
    await handle.executeUpdate(arbitrationRulingUpdate, { args: [{ ruling: 'customer', reference: 'ARB-9' }] });
    await reach(handle, 'needs_attention');
    await h.env.sleep('5 hours');
    const v = await view(handle);
    expect(v.sla.resolutionBreached).toBe(true);
    expect(v.timeline.filter((e) => e.event === 'resolution_sla_warning')).toHaveLength(1);
    expect(v.timeline.filter((e) => e.event === 'resolution_sla_breached')).toHaveLength(1);
    const staff = (template: string) =>
      world.calls.filter((c) => c.name === 'notifyStaff' && (c.input as { template: string; params: { clock?: string } }).template === template && (c.input as { params: { clock?: string } }).params.clock === 'resolution');
    // One warning, to the assignee and (P1) the team lead's queue.
    expect(staff('sla_warning').map((c) => (c.input as { recipientId: string }).recipientId)).toEqual(['AG-NORTH-P1', 'QUEUE-NORTH-TEAM_LEAD']);
    expect(staff('sla_breached')).toHaveLength(1);
  });
}, 900_000);
