import { adminClient, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: Date.parse('2026-11-20T08:00:00Z') });
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

describe('sandbox admin API', () => {
  it('seeds the scenario orders across regions, tiers and categories, without personal data', async () => {
    const { body } = await h.admin.call('GET', '/admin/orders');
    const ids = body.orders.map((o: { orderId: string }) => o.orderId);
    expect(ids).toEqual(expect.arrayContaining(['ORD-LIPSTICK-XJ', 'ORD-SEAFOOD-SH', 'ORD-RETURN-BJ', 'ORD-FRESH-XJ', 'ORD-PHONE-GZ']));
    expect(ids.length).toBeGreaterThanOrEqual(25);
    const provinces = new Set(body.orders.map((o: { destinationDivisionCode: string }) => o.destinationDivisionCode.slice(0, 2)));
    for (const p of ['31', '65', '44', '11', '51', '42', '21', '54']) expect(provinces).toContain(p);
    expect(new Set(body.orders.map((o: { memberTier: string }) => o.memberTier))).toEqual(new Set(['standard', 'silver', 'gold', 'platinum']));
    expect(new Set(body.orders.map((o: { status: string }) => o.status))).toEqual(new Set(['unshipped', 'shipped', 'delivered']));
    const json = JSON.stringify(body);
    for (const { customer } of h.sandbox.state.orders.values()) {
      for (const personal of [customer.name, customer.phone, customer.address]) expect(json).not.toContain(personal);
    }
    expect(json).not.toMatch(/"(customer|name|phone|address)"/);
    expect(body.orders.find((o: { orderId: string }) => o.orderId === 'ORD-SEAFOOD-SH').deliveredAt).toBe('2026-11-20T06:00:00.000Z');
  });

  it('refuses an invalid order with 400 and the zod issues', async () => {
    const res = await h.admin.call('POST', '/admin/orders', { memberTier: 'diamond', status: 'delivered', items: [], destinationDivisionCode: '999999' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['customer', 'memberTier', 'items', 'destinationDivisionCode']));
  });

  it('refuses a duplicate order id with 409', async () => {
    const order = {
      orderId: 'ORD-SEAFOOD-SH', customer: { name: 'A', phone: '13900000000', address: 'B' }, memberTier: 'gold', status: 'unshipped',
      items: [{ sku: 'S', title: 'T', category: 'home', unitPrice: 100, quantity: 1 }], destinationDivisionCode: '310101',
    };
    expect((await h.admin.call('POST', '/admin/orders', order)).status).toBe(409);
  });

  it('validates fault configs and systems', async () => {
    expect((await h.admin.call('PUT', '/admin/faults/payments', { errorRate: 2 })).status).toBe(400);
    expect((await h.admin.call('PUT', '/admin/faults/payments', { bogus: 1 })).status).toBe(400);
    expect((await h.admin.call('PUT', '/admin/faults/teleporter', {})).status).toBe(400);
    const ok = await h.admin.call('PUT', '/admin/faults/payments', { failNext: 2 });
    expect(ok.body).toEqual({ system: 'payments', errorRate: 0, status: 503, latencyMs: 0, timeoutRate: 0, failNext: 2, hangNext: 0 });
    expect((await h.admin.call('GET', '/admin/faults')).body.payments.failNext).toBe(2);
    expect((await h.admin.call('DELETE', '/admin/faults/payments')).status).toBe(204);
    expect((await h.admin.call('GET', '/admin/faults')).body).toEqual({});
  });

  it('counts calls per system; admin calls are not counted', async () => {
    await h.activities.getOrder({ orderId: 'ORD-RETURN-BJ' });
    await h.activities.getOrder({ orderId: 'ORD-RETURN-BJ' });
    await h.admin.call('GET', '/admin/orders');
    const stats = (await h.admin.call('GET', '/admin/stats')).body;
    expect(stats.orders).toEqual({ calls: 2, faults: 0, timeouts: 0, lostAnswers: 0 });
    expect(stats.payments.calls).toBe(0);
  });

  it('refuses effects without an Idempotency-Key', async () => {
    const res = await fetch(`${h.sandbox.url}/payments/refunds`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caseId: 'C', orderId: 'ORD-SEAFOOD-SH', amount: 1, reason: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('idempotency_key_required');
  });

  it('reset empties the ledger, faults and counters and restores stock', async () => {
    await h.activities.issueRefund({ caseId: 'C', orderId: 'ORD-SEAFOOD-SH', amount: 1, reason: 'x', lines: [], idempotencyKey: 'C:refund' });
    await h.admin.call('PUT', '/admin/stock', { sku: 'SKU-KETTLE', quantity: 0 });
    await h.admin.fault('orders', { failNext: 5 });
    await h.admin.reset();
    expect(await h.admin.ledger()).toEqual([]);
    expect((await h.admin.call('GET', '/admin/faults')).body).toEqual({});
    expect((await h.admin.call('GET', '/admin/stats')).body.payments.calls).toBe(0);
    expect((await h.admin.call('GET', '/admin/stock')).body.stock['WH-EAST-SH']['SKU-KETTLE']).toBe(20);
  });

  it('a second sandbox is a separate world', async () => {
    await h.activities.issueRefund({ caseId: 'C', orderId: 'ORD-SEAFOOD-SH', amount: 1, reason: 'x', lines: [], idempotencyKey: 'C:refund' });
    const other = await startHarness();
    try {
      expect(await adminClient(other.sandbox.url).ledger()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
