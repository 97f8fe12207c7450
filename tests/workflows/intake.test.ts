/**
 * Intake refusals: a claim the case cannot take on closes at once as rejected, with its reason in
 * the view, instead of failing the run.
 */
import { newWorld, useCaseHarness } from '../support/case-harness';
import { order } from '../support/orders';

const h = useCaseHarness();

test('an order the order system does not know: closed as rejected, nothing else called', async () => {
  const world = newWorld([]);
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-NOT-IN-OMS', caseType: 'missing_item', items: [{ sku: 'SKU-MUG', quantity: 1 }] });
    const final = await handle.result();
    expect(final.status).toBe('closed');
    expect(final.decision).toMatchObject({ resolution: 'rejected', reasons: ['order ORD-NOT-IN-OMS is not known to the order system'] });
    expect(final.closeReason).toBe('order ORD-NOT-IN-OMS is not known to the order system');
    expect(world.calls.map((c) => c.name)).toEqual(['getOrder']);
    const sa = (await handle.describe()).searchAttributes;
    expect(sa.CaseStatus).toEqual(['closed']);
    expect(sa.Resolution).toEqual(['rejected']);
  });
});

test('items that are not in the order: closed as rejected at intake', async () => {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-INTAKE' })]);
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-INTAKE', caseType: 'missing_item', items: [{ sku: 'SKU-NOT-BOUGHT', quantity: 1 }] });
    const final = await handle.result();
    expect(final.status).toBe('closed');
    expect(final.decision?.resolution).toBe('rejected');
    expect(final.closeReason).toBe('items not in the order: SKU-NOT-BOUGHT');
    expect((await handle.describe()).searchAttributes.TemporalChangeVersion ?? []).not.toContain('claim-quantity-reason-2026-12');
    expect(world.calls.map((c) => c.name)).not.toContain('issueRefund');
  });
});

test('more of a SKU than the order holds: refused saying so, not "not in the order"', async () => {
  const world = newWorld([order(await h.now(), { orderId: 'ORD-INTAKE-QTY' })]);
  await h.run(world, async () => {
    const handle = await h.open({ orderId: 'ORD-INTAKE-QTY', caseType: 'missing_item', items: [{ sku: 'SKU-MUG', quantity: 3 }] });
    const final = await handle.result();
    expect(final.decision).toMatchObject({ resolution: 'rejected', reasons: ['more than ordered: SKU-MUG (3 claimed, 1 ordered)'] });
    expect(final.closeReason).toBe('more than ordered: SKU-MUG (3 claimed, 1 ordered)');
    expect(world.calls.map((c) => c.name)).toEqual(['getOrder', 'notifyCustomer']);
    // The patch marker is on this path only (the refusal of the case above carries none).
    expect((await handle.describe()).searchAttributes.TemporalChangeVersion).toEqual(expect.arrayContaining(['claim-quantity-reason-2026-12']));
  });
});
