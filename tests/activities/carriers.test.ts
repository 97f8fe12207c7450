import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { startHarness, expectFailure, type Harness } from './harness';

const SECRET = 'test-webhook-secret';

/** A tiny carrier-webhook receiver that keeps the raw bodies, so the HMAC can be checked. */
interface Received { path: string; raw: string; signature?: string; timestamp?: string }
let receiver: Server;
let received: Received[] = [];
let refuseNext = 0;

let h: Harness;
beforeAll(async () => {
  const app = express();
  app.post('/webhooks/carriers/:carrier', express.raw({ type: '*/*' }), (req, res) => {
    if (refuseNext > 0) {
      refuseNext -= 1;
      res.status(503).end();
      return;
    }
    received.push({ path: req.path, raw: (req.body as Buffer).toString('utf8'), signature: req.get('x-signature'), timestamp: req.get('x-timestamp') });
    res.status(204).end();
  });
  receiver = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/carriers`;
  h = await startHarness({ webhookUrl, webhookSecret: SECRET, webhookRetryDelaysMs: [20, 40] });
});
beforeEach(async () => {
  await h.admin.reset();
  received = [];
  refuseNext = 0;
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const pickup = (caseId: string) => ({
  caseId, orderId: 'ORD-RETURN-BJ', carrier: 'JD' as const, items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], idempotencyKey: `${caseId}:schedule-pickup`,
});

describe('schedulePickup', () => {
  it('books a door pickup with a waybill number, once per key', async () => {
    const a = await h.activities.schedulePickup(pickup('CASE-C1'));
    expect(a).toEqual({ pickupId: expect.stringMatching(/^PU-/), carrier: 'JD', trackingNumber: expect.stringMatching(/^JDV\d+$/) });
    await expect(h.activities.schedulePickup(pickup('CASE-C1'))).resolves.toEqual(a);
    expect(await h.admin.ledger({ kind: 'pickup' })).toHaveLength(1);
  });

  it('an order not yet delivered cannot be picked up: CarriersRejected', async () => {
    const input = { ...pickup('CASE-C2'), orderId: 'ORD-UNSHIPPED-CD', items: [{ sku: 'SKU-EARBUDS', quantity: 1 }] };
    const failure = await expectFailure(h.activities.schedulePickup(input), 'CarriersRejected', true);
    expect(failure.message).toContain('order_not_delivered');
  });
});

describe('tracking webhooks', () => {
  it('pushes an event signed with HMAC-SHA256 of its timestamp and the exact body', async () => {
    const { trackingNumber } = await h.activities.schedulePickup(pickup('CASE-C3'));
    const push = await h.admin.call('POST', `/admin/carriers/shipments/${trackingNumber}/events`, { event: 'picked_up' });
    expect(push.status).toBe(202);
    expect(push.body.delivery).toMatchObject({ delivered: true, attempts: 1 });
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(hit!.path).toBe('/webhooks/carriers/JD');
    expect(JSON.parse(hit!.raw)).toEqual({ trackingNumber, event: 'picked_up', occurredAt: expect.any(String) });
    expect(Math.abs(Number(hit!.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(hit!.signature).toBe(createHmac('sha256', SECRET).update(`${hit!.timestamp}.${hit!.raw}`).digest('hex'));
    expect(hit!.signature).not.toBe(createHmac('sha256', SECRET).update(hit!.raw).digest('hex'));
  });

  it('retries a failing receiver with backoff and records the delivery', async () => {
    refuseNext = 2;
    const order = await h.activities.getOrder({ orderId: 'ORD-STUCK-LS' });
    const push = await h.admin.call('POST', `/admin/carriers/shipments/${order.trackingNumber}/events`, { event: 'lost' });
    expect(push.body.delivery).toMatchObject({ delivered: true, attempts: 3, carrier: 'EMS' });
    expect(received.map((r) => JSON.parse(r.raw).event)).toEqual(['lost']);
  });

  it('gives up after the last retry without taking the sandbox down', async () => {
    refuseNext = 10;
    const order = await h.activities.getOrder({ orderId: 'ORD-STUCK-LS' });
    const push = await h.admin.call('POST', `/admin/carriers/shipments/${order.trackingNumber}/events`, { event: 'exception' });
    expect(push.body.delivery).toMatchObject({ delivered: false, attempts: 3, lastStatus: 503 });
    await expect(h.activities.getOrder({ orderId: 'ORD-STUCK-LS' })).resolves.toMatchObject({ status: 'shipped' });
  });

  it('an unknown tracking number or event is refused by the admin API', async () => {
    expect((await h.admin.call('POST', '/admin/carriers/shipments/NOPE/events', { event: 'delivered' })).status).toBe(404);
    const order = await h.activities.getOrder({ orderId: 'ORD-STUCK-LS' });
    expect((await h.admin.call('POST', `/admin/carriers/shipments/${order.trackingNumber}/events`, { event: 'teleported' })).status).toBe(400);
  });
});

describe('auto-advance', () => {
  let auto: Harness;
  const autoReceived: string[] = [];
  let autoReceiver: Server;
  beforeAll(async () => {
    const app = express();
    app.post('/hooks/:carrier', express.json(), (req, res) => {
      autoReceived.push(`${req.params.carrier}:${req.body.event}`);
      res.status(200).json({ ok: true });
    });
    autoReceiver = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    auto = await startHarness({ webhookUrl: `http://127.0.0.1:${(autoReceiver.address() as AddressInfo).port}/hooks`, autoAdvanceMs: 30 });
  });
  afterAll(async () => {
    await auto.close();
    await new Promise((resolve) => autoReceiver.close(resolve));
  });

  it('a dispatched reshipment goes in_transit then delivered; a pickup picked_up then delivered', async () => {
    const reservation = await auto.activities.reserveStock({ caseId: 'CASE-A1', region: 'East', items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], idempotencyKey: 'CASE-A1:reserve' });
    if (!reservation.reserved) throw new Error('expected a reservation');
    await auto.activities.dispatchReshipment({ caseId: 'CASE-A1', orderId: 'ORD-SEAFOOD-SH', reservationId: reservation.reservationId, carrier: 'SF', items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], idempotencyKey: 'CASE-A1:dispatch' });
    await auto.activities.schedulePickup({ ...pickup('CASE-A2'), carrier: 'ZTO' });
    const deadline = Date.now() + 3_000;
    while (autoReceived.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(autoReceived.filter((e) => e.startsWith('SF:'))).toEqual(['SF:in_transit', 'SF:delivered']);
    expect(autoReceived.filter((e) => e.startsWith('ZTO:'))).toEqual(['ZTO:picked_up', 'ZTO:delivered']);
  });
});
