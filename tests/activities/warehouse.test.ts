import { idempotencyKey } from '../../src/activities/types';
import { startHarness, expectFailure, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.admin.reset());
afterAll(() => h.close());

const stockOf = async (warehouseId: string, sku: string) => (await h.admin.call('GET', '/admin/stock')).body.stock[warehouseId][sku] as number;
const quarantinedAt = async (warehouseId: string, sku: string) => (await h.admin.call('GET', '/admin/stock')).body.quarantine[warehouseId]?.[sku] as number | undefined;

const reserve = (caseId: string, sku = 'SKU-CHERRY-2KG', quantity = 2) => ({
  caseId, region: 'Northwest' as const, items: [{ sku, quantity }], idempotencyKey: idempotencyKey(caseId, 'reserve-reshipment'),
});

describe('reserveStock', () => {
  it('reserves in the region’s own warehouse and takes the units off sale', async () => {
    const before = await stockOf('WH-NORTHWEST-XA', 'SKU-CHERRY-2KG');
    const reservation = await h.activities.reserveStock(reserve('CASE-W1'));
    expect(reservation).toEqual({ reserved: true, reservationId: expect.stringMatching(/^RSV-/), warehouseId: 'WH-NORTHWEST-XA' });
    expect(await stockOf('WH-NORTHWEST-XA', 'SKU-CHERRY-2KG')).toBe(before - 2);
  });

  it('same key twice: one reservation, one decrement', async () => {
    const a = await h.activities.reserveStock(reserve('CASE-W2'));
    const b = await h.activities.reserveStock(reserve('CASE-W2'));
    expect(b).toEqual(a);
    expect(await h.admin.ledger({ kind: 'reservation' })).toHaveLength(1);
    expect(await stockOf('WH-NORTHWEST-XA', 'SKU-CHERRY-2KG')).toBe(18);
  });

  it('falls back to another warehouse when the region has none', async () => {
    await h.admin.call('PUT', '/admin/stock', { sku: 'SKU-CHERRY-2KG', quantity: 0, region: 'Northwest' });
    const reservation = await h.activities.reserveStock(reserve('CASE-W3'));
    expect(reservation).toMatchObject({ reserved: true, warehouseId: 'WH-EAST-SH' });
  });

  it('out of stock everywhere is an answer, not a failure', async () => {
    await expect(h.activities.reserveStock(reserve('CASE-W4', 'SKU-SNEAKER-LTD', 1))).resolves.toEqual({ reserved: false, reason: 'out_of_stock' });
    await h.admin.call('PUT', '/admin/stock', { sku: 'SKU-CHERRY-2KG', quantity: 1 });
    await expect(h.activities.reserveStock(reserve('CASE-W5', 'SKU-CHERRY-2KG', 2))).resolves.toEqual({ reserved: false, reason: 'out_of_stock' });
  });
});

describe('releaseStock and dispatchReshipment', () => {
  it('release gives the units back; releasing again changes nothing', async () => {
    const r = await h.activities.reserveStock(reserve('CASE-W6'));
    if (!r.reserved) throw new Error('expected a reservation');
    const release = { caseId: 'CASE-W6', reservationId: r.reservationId, idempotencyKey: 'CASE-W6:release-reshipment' };
    await expect(h.activities.releaseStock(release)).resolves.toBeUndefined();
    await h.activities.releaseStock(release);
    await h.activities.releaseStock({ ...release, idempotencyKey: 'CASE-W6:release-again' });
    expect(await stockOf('WH-NORTHWEST-XA', 'SKU-CHERRY-2KG')).toBe(20);
  });

  it('dispatches a reserved reshipment with a tracking number, once per key', async () => {
    const r = await h.activities.reserveStock(reserve('CASE-W7'));
    if (!r.reserved) throw new Error('expected a reservation');
    const input = { caseId: 'CASE-W7', orderId: 'ORD-FRESH-XJ', reservationId: r.reservationId, carrier: 'EMS' as const, giftSku: 'SKU-GIFT-TOWEL', items: [{ sku: 'SKU-CHERRY-2KG', quantity: 2 }], idempotencyKey: 'CASE-W7:dispatch-reshipment' };
    const shipment = await h.activities.dispatchReshipment(input);
    expect(shipment).toEqual({ shipmentId: expect.stringMatching(/^SHP-/), carrier: 'EMS', trackingNumber: expect.stringMatching(/^EM\d+CN$/) });
    await expect(h.activities.dispatchReshipment(input)).resolves.toEqual(shipment);
    expect(await h.admin.ledger({ kind: 'shipment' })).toHaveLength(1);
    const parcel = await h.admin.call('GET', `/carriers/shipments/${shipment.trackingNumber}`);
    expect(parcel.body).toMatchObject({ kind: 'reshipment', orderId: 'ORD-FRESH-XJ', caseId: 'CASE-W7', carrier: 'EMS' });
    const release = { caseId: 'CASE-W7', reservationId: r.reservationId, idempotencyKey: 'CASE-W7:release' };
    await expectFailure(h.activities.releaseStock(release), 'WarehouseConflict', true);
  });

  it('dispatching a released or unknown reservation is refused', async () => {
    const r = await h.activities.reserveStock(reserve('CASE-W8'));
    if (!r.reserved) throw new Error('expected a reservation');
    await h.activities.releaseStock({ caseId: 'CASE-W8', reservationId: r.reservationId, idempotencyKey: 'CASE-W8:release' });
    const base = { caseId: 'CASE-W8', orderId: 'ORD-FRESH-XJ', carrier: 'SF' as const, items: [{ sku: 'SKU-CHERRY-2KG', quantity: 2 }] };
    await expectFailure(h.activities.dispatchReshipment({ ...base, reservationId: r.reservationId, idempotencyKey: 'CASE-W8:d1' }), 'WarehouseConflict', true);
    await expectFailure(h.activities.dispatchReshipment({ ...base, reservationId: 'RSV-NOPE', idempotencyKey: 'CASE-W8:d2' }), 'WarehouseNotFound', true);
    expect(await h.admin.ledger({ kind: 'shipment' })).toHaveLength(0);
  });
});

describe('quarantineReturn', () => {
  it('holds returned goods apart: quarantine grows, sale stock does not', async () => {
    const input = { caseId: 'CASE-W9', orderId: 'ORD-RETURN-BJ', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], idempotencyKey: 'CASE-W9:quarantine-return' };
    const receipt = await h.activities.quarantineReturn(input);
    expect(receipt).toEqual({ quarantineId: expect.stringMatching(/^QR-/) });
    await h.activities.quarantineReturn(input);
    expect(await quarantinedAt('WH-NORTH-BJ', 'SKU-COAT-WOOL')).toBe(1);
    expect(await stockOf('WH-NORTH-BJ', 'SKU-COAT-WOOL')).toBe(20);
  });

  it('items the order does not hold are WarehouseRejected', async () => {
    const input = { caseId: 'CASE-W10', orderId: 'ORD-RETURN-BJ', items: [{ sku: 'SKU-COAT-WOOL', quantity: 3 }], idempotencyKey: 'CASE-W10:quarantine-return' };
    await expectFailure(h.activities.quarantineReturn(input), 'WarehouseRejected', true);
  });
});
