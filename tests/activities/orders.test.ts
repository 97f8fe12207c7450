import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: new Date('2026-11-20T08:00:00Z') });
});
afterAll(() => h.close());

describe('getOrder', () => {
  it('returns the scenario order as an OrderSnapshot', async () => {
    const order = await h.activities.getOrder({ orderId: 'ORD-LIPSTICK-XJ' });
    expect(order).toMatchObject({
      orderId: 'ORD-LIPSTICK-XJ',
      memberTier: 'platinum',
      status: 'delivered',
      destinationDivisionCode: '650102',
      deliveredAt: '2026-11-19T08:00:00.000Z',
      items: [{ sku: 'SKU-LIPSTICK-999', category: 'beauty', quantity: 1 }],
    });
    expect(order.customerRef).toMatch(/^CUST-\d{4}$/);
  });

  it('carries no personal data: the sandbox knows the customer, the snapshot does not', async () => {
    const order = await h.activities.getOrder({ orderId: 'ORD-SEAFOOD-SH' });
    const customer = h.sandbox.state.orders.get('ORD-SEAFOOD-SH')!.customer;
    const json = JSON.stringify(order);
    expect(json).not.toContain(customer.phone);
    expect(json).not.toContain(customer.name);
    expect(json).not.toContain(customer.address);
    expect(Object.keys(order).sort()).toEqual(
      ['carrier', 'customerRef', 'deliveredAt', 'destinationDivisionCode', 'items', 'memberTier', 'orderId', 'paidAt', 'shippedAt', 'status', 'trackingNumber'],
    );
  });

  it('drops fields a merchant OMS adds beyond the contract (personal data never reaches history)', async () => {
    const leakyFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = { ...((await res.json()) as object), customerName: 'Wang Wei', phone: '13800001234' };
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
    };
    const { createActivities } = await import('../../src/activities');
    const order = await createActivities({ ...h.deps, fetch: leakyFetch }).getOrder({ orderId: 'ORD-SEAFOOD-SH' });
    expect(order).not.toHaveProperty('customerName');
    expect(order).not.toHaveProperty('phone');
    expect(order.orderId).toBe('ORD-SEAFOOD-SH');
  });

  it('puts seeded dates relative to `now`, so windows are testable', async () => {
    const phone = await h.activities.getOrder({ orderId: 'ORD-PHONE-GZ' });
    expect(phone).toMatchObject({ memberTier: 'gold', destinationDivisionCode: '440305', deliveredAt: '2026-10-11T08:00:00.000Z' });
    const unshipped = await h.activities.getOrder({ orderId: 'ORD-UNSHIPPED-CD' });
    expect(unshipped.status).toBe('unshipped');
    expect(unshipped).not.toHaveProperty('trackingNumber');
  });

  it('an unknown order is OrdersNotFound, not retried', async () => {
    const failure = await expectFailure(h.activities.getOrder({ orderId: 'ORD-NOPE' }), 'OrdersNotFound', true);
    expect(failure.message).toContain('404 order_not_found');
  });

  it('reads an order created through the admin API', async () => {
    const created = await h.admin.call('POST', '/admin/orders', {
      orderId: 'ORD-TEST-LHASA',
      customer: { name: 'Test Person', phone: '13900000000', address: 'Somewhere 1' },
      memberTier: 'silver',
      status: 'delivered',
      carrier: 'EMS',
      items: [{ sku: 'SKU-YAK-JERKY', title: 'Yak jerky', category: 'grocery', unitPrice: 12_800, quantity: 2 }],
      destinationDivisionCode: '540102',
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('13900000000');
    const order = await h.activities.getOrder({ orderId: 'ORD-TEST-LHASA' });
    expect(order).toMatchObject({ memberTier: 'silver', carrier: 'EMS', destinationDivisionCode: '540102' });
    expect(order.trackingNumber).toMatch(/^EMS\d+/);
  });
});
