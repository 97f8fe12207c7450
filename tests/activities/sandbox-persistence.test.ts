/**
 * The sandbox's saves keep up with everything its systems do, over real HTTP: after refunds (and a
 * replayed one), reservations dispatched and released, a pickup booked and cancelled, a parcel's
 * tracking event, a quarantine, a coupon, a message and an order added by /admin, what the store
 * holds loads into exactly the world in memory, while the sandbox runs (each answer waits for its
 * save) and after a restart. An entry changed in place and not told (tracked.ts touch) would show
 * here as a difference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idempotencyKey } from '../../src/activities/types';
import { startSandbox } from '../../src/sandbox/server';
import { createState, disposeState, restoreState, serializeState, type SandboxState } from '../../src/sandbox/state';
import { SandboxStore } from '../../src/sandbox/store';
import { startHarness, type Harness } from './harness';

const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-sandbox-')), 'sandbox.db');
let h: Harness;
let stopped = false; // the test stops it to start again on the same file
beforeAll(async () => {
  h = await startHarness({ dataFile, now: Date.parse('2026-12-01T00:00:00Z') });
});
afterAll(() => (stopped ? undefined : h.close()));

/** The world a fresh sandbox would load from the store as it is now. */
function loaded(): SandboxState {
  const store = new SandboxStore(dataFile);
  const state = createState({ now: Date.parse('2026-12-01T00:00:00Z') });
  try {
    restoreState(state, store.load()!);
    return state;
  } finally {
    store.close();
    disposeState(state);
  }
}

test('every effect is in the store by the time its answer arrives, and after a restart', async () => {
  const a = h.activities;
  const refund = { caseId: 'CASE-P1', orderId: 'ORD-SEAFOOD-SH', amount: 45_800, reason: 'spoiled', lines: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], idempotencyKey: idempotencyKey('CASE-P1', 'refund') };
  await a.issueRefund(refund);
  await a.issueRefund(refund); // replayed: the ledger entry's count changes in place
  const reserved = async (caseId: string) => {
    const r = await a.reserveStock({ caseId, region: 'Northwest', items: [{ sku: 'SKU-CHERRY-2KG', quantity: 1 }], idempotencyKey: idempotencyKey(caseId, 'reserve') });
    if (!r.reserved) throw new Error('expected a reservation');
    return r.reservationId;
  };
  const shipped = await a.dispatchReshipment({ caseId: 'CASE-P2', orderId: 'ORD-FRESH-XJ', reservationId: await reserved('CASE-P2'), carrier: 'EMS', items: [{ sku: 'SKU-CHERRY-2KG', quantity: 1 }], idempotencyKey: idempotencyKey('CASE-P2', 'dispatch') });
  await a.releaseStock({ caseId: 'CASE-P3', reservationId: await reserved('CASE-P3'), idempotencyKey: idempotencyKey('CASE-P3', 'release') });
  const pickup = await a.schedulePickup({ caseId: 'CASE-P4', orderId: 'ORD-RETURN-BJ', carrier: 'JD', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], idempotencyKey: idempotencyKey('CASE-P4', 'schedule-pickup') });
  await a.cancelPickup({ caseId: 'CASE-P4', pickupId: pickup.pickupId, idempotencyKey: idempotencyKey('CASE-P4', 'cancel-pickup') });
  expect((await h.admin.call('POST', `/admin/carriers/shipments/${shipped.trackingNumber}/events`, { event: 'in_transit' })).status).toBe(202);
  await a.quarantineReturn({ caseId: 'CASE-P5', orderId: 'ORD-RETURN-BJ', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], idempotencyKey: idempotencyKey('CASE-P5', 'quarantine-return') });
  await a.grantCoupon({ caseId: 'CASE-P6', customerRef: 'CUST-0001', memberTier: 'platinum', value: 2_000, reason: 'sla_breach', idempotencyKey: idempotencyKey('CASE-P6', 'coupon') });
  await a.notifyCustomer({ caseId: 'CASE-P6', customerRef: 'CUST-0002', template: 'refund_accepted', params: { amount: 45_800, expectedWithinHours: 2 }, idempotencyKey: idempotencyKey('CASE-P6', 'notify') });
  const added = await h.admin.call('POST', '/admin/orders', {
    orderId: 'ORD-PERSIST-1', customer: { name: 'N', phone: '13800000000', address: 'A', channel: 'sms' }, memberTier: 'standard', status: 'delivered',
    items: [{ sku: 'SKU-SEAFOOD-CRAB', title: 'Crabs', category: 'fresh', unitPrice: 45_800, quantity: 1 }], destinationDivisionCode: '310101', carrier: 'SF', deliveredAt: '2026-11-30T00:00:00.000Z',
  });
  expect(added.status).toBe(201);

  // What these did, so the comparison below is about something.
  const world = h.sandbox.state;
  expect(world.ledger.list({ caseId: 'CASE-P1' })[0]!.replays).toBe(1);
  expect(world.parcels.get(shipped.trackingNumber)!.events.map((e) => e.event)).toEqual(['in_transit']);
  expect(world.pickups[pickup.pickupId]!.status).toBe('cancelled');
  expect([...world.reservations.values()].map((r) => r.status).sort()).toEqual(['dispatched', 'released']);

  expect(serializeState(loaded())).toEqual(serializeState(world));

  const before = serializeState(world);
  await h.close();
  stopped = true;
  const again = await startSandbox({ port: 0, dataFile, now: Date.parse('2026-12-01T00:00:00Z') });
  try {
    expect(serializeState(again.state)).toEqual(before);
  } finally {
    await again.close();
  }
});
