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
    expect(world.calls.map((c) => c.name)).not.toContain('issueRefund');
  });
});
