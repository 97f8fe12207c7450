/**
 * The warehouse: stock reservations for reshipments (the case's regional warehouse first, then any
 * other that holds every item), release, dispatch of a reserved reshipment through a carrier (the
 * order lines it remedies are recorded with the OMS, remedies.ts; the dispatch made under a key can
 * be looked up), and quarantine of returned goods, held apart and never back on sale.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CARRIERS, REGIONS } from '../domain/types';
import { WAREHOUSES, warehouseFor } from './geography';
import { SandboxError, parse } from './http';
import { answerRecorded, respondOnce } from './ledger';
import { findOrder } from './orders';
import { assertItemsInOrder, recordRemedy, remediedLinesSchema, reshipmentLines } from './remedies';
import { nextId, type SandboxState } from './state';
import { openParcel } from './tracking';
import { touch } from './tracked';

const items = z.array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.int().positive().max(999) })).min(1);
const caseId = z.string().min(1).max(128);
const reserveSchema = z.strictObject({ caseId, region: z.enum(REGIONS), items });
const releaseSchema = z.strictObject({ caseId });
const dispatchSchema = z.strictObject({
  caseId, orderId: z.string().min(1).max(64), reservationId: z.string().min(1), carrier: z.enum(CARRIERS), giftSku: z.string().min(1).max(64).optional(),
  items: remediedLinesSchema,
});
const quarantineSchema = z.strictObject({ caseId, orderId: z.string().min(1).max(64), items });

type Items = z.infer<typeof items>;

function findWarehouseWithStock(state: SandboxState, preferred: string, wanted: Items): string | undefined {
  const order = [preferred, ...Object.values(WAREHOUSES).filter((w) => w !== preferred)];
  return order.find((wh) => wanted.every((i) => (state.stock.get(wh)?.get(i.sku) ?? 0) >= i.quantity));
}

function adjust(book: Map<string, Map<string, number>>, warehouseId: string, sku: string, delta: number): void {
  const shelf = book.get(warehouseId) ?? new Map<string, number>();
  shelf.set(sku, (shelf.get(sku) ?? 0) + delta);
  book.set(warehouseId, shelf);
}

export function warehouseRouter(state: SandboxState): Router {
  const router = Router();

  /** Holds stock for a reshipment; out of stock everywhere is an answer (200), not an error. */
  router.post('/reservations', (req, res) => {
    const body = parse(reserveSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'reservation', caseId: body.caseId, request: body, status: (r) => (r.reserved ? 201 : 200) }, () => {
      const warehouseId = findWarehouseWithStock(state, WAREHOUSES[body.region], body.items);
      if (!warehouseId) return { reserved: false, reason: 'out_of_stock' } as const;
      for (const i of body.items) adjust(state.stock, warehouseId, i.sku, -i.quantity);
      const reservationId = nextId(state, 'RSV');
      state.reservations.set(reservationId, { reservationId, caseId: body.caseId, warehouseId, items: body.items, status: 'active' });
      return { reserved: true, reservationId, warehouseId } as const;
    });
  });

  /** Gives a reservation's stock back; releasing twice is fine, releasing a dispatched one is not. */
  router.post('/reservations/:reservationId/release', (req, res) => {
    const body = parse(releaseSchema, req.body);
    const reservationId = req.params.reservationId;
    respondOnce(state.ledger, req, res, { kind: 'release', caseId: body.caseId, request: { ...body, reservationId }, status: 200 }, () => {
      const reservation = state.reservations.get(reservationId);
      if (!reservation) throw new SandboxError(404, 'reservation_not_found', `No reservation ${reservationId}`);
      if (reservation.status === 'dispatched') throw new SandboxError(409, 'reservation_dispatched', 'The reserved stock has already shipped');
      if (reservation.status === 'active') for (const i of reservation.items) adjust(state.stock, reservation.warehouseId, i.sku, i.quantity);
      reservation.status = 'released';
      touch(state.reservations, reservationId);
      return { reservationId, status: 'released' };
    });
  });

  /** Ships a reserved reshipment (plus an optional courtesy gift) to the order's address. */
  router.post('/reshipments', (req, res) => {
    const body = parse(dispatchSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'shipment', caseId: body.caseId, request: body }, (key) => {
      const order = findOrder(state, body.orderId);
      assertItemsInOrder(order, body.items);
      const reservation = state.reservations.get(body.reservationId);
      if (!reservation) throw new SandboxError(404, 'reservation_not_found', `No reservation ${body.reservationId}`);
      if (reservation.status !== 'active') throw new SandboxError(409, 'reservation_not_active', `Reservation is ${reservation.status}`);
      reservation.status = 'dispatched';
      touch(state.reservations, body.reservationId);
      const parcel = openParcel(state, { carrier: body.carrier, kind: 'reshipment', orderId: order.orderId, caseId: body.caseId });
      recordRemedy(state, { key, kind: 'reshipment', orderId: order.orderId, caseId: body.caseId, lines: reshipmentLines(order, body.items) });
      return { shipmentId: nextId(state, 'SHP'), carrier: body.carrier, trackingNumber: parcel.trackingNumber, warehouseId: reservation.warehouseId };
    });
  });

  /** The reshipment dispatched under an Idempotency-Key (for `?caseId=`), or 404 `dispatch_not_found`. */
  router.get('/dispatches/by-key/:key', (req, res) => {
    answerRecorded(state.ledger, req, res, 'shipment', 'dispatch_not_found');
  });

  /** Takes returned goods into quarantine at the order's regional warehouse; sale stock is untouched. */
  router.post('/quarantines', (req, res) => {
    const body = parse(quarantineSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'quarantine', caseId: body.caseId, request: body }, () => {
      const order = findOrder(state, body.orderId);
      assertItemsInOrder(order, body.items);
      const warehouseId = warehouseFor(order.destinationDivisionCode);
      for (const i of body.items) adjust(state.quarantine, warehouseId, i.sku, i.quantity);
      return { quarantineId: nextId(state, 'QR'), warehouseId };
    });
  });

  return router;
}
