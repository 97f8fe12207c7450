/**
 * Carriers (SF, EMS, JD, ZTO): door pickups for returns (booked, looked up by the Idempotency-Key
 * they were booked under, cancelled before collection) and tracking lookups. Waybills for
 * reshipments are opened by the warehouse on dispatch; every parcel's events go to the webhook
 * (see tracking.ts), pushed by the admin API or, in auto-advance mode, on their own.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CARRIERS } from '../domain/types';
import { SandboxError, parse } from './http';
import { answerRecorded, respondOnce } from './ledger';
import { findOrder } from './orders';
import { assertItemsInOrder } from './remedies';
import { nextId, type SandboxState } from './state';
import { openParcel } from './tracking';
import { touch } from './tracked';

const caseId = z.string().min(1).max(128);
const pickupSchema = z.strictObject({
  caseId,
  orderId: z.string().min(1).max(64),
  carrier: z.enum(CARRIERS),
  items: z.array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.int().positive().max(999) })).min(1),
});
const cancelSchema = z.strictObject({ caseId });

/** Events after which the courier has the goods: too late to cancel. */
const COLLECTED = new Set(['picked_up', 'in_transit', 'delivered']);

export function carriersRouter(state: SandboxState): Router {
  const router = Router();

  /** Books a courier to collect a return at the customer's door (address taken from the OMS). */
  router.post('/pickups', (req, res) => {
    const body = parse(pickupSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'pickup', caseId: body.caseId, request: body }, () => {
      const order = findOrder(state, body.orderId);
      if (order.status !== 'delivered') throw new SandboxError(422, 'order_not_delivered', 'Only a delivered order can be picked up');
      assertItemsInOrder(order, body.items);
      const parcel = openParcel(state, { carrier: body.carrier, kind: 'pickup', orderId: order.orderId, caseId: body.caseId });
      const pickupId = nextId(state, 'PU');
      state.pickups[pickupId] = { pickupId, caseId: body.caseId, orderId: order.orderId, carrier: body.carrier, trackingNumber: parcel.trackingNumber, status: 'booked' };
      return { pickupId, carrier: body.carrier, trackingNumber: parcel.trackingNumber };
    });
  });

  /** The pickup booked under an Idempotency-Key (for `?caseId=`), or 404 `pickup_not_found`. */
  router.get('/pickups/by-key/:key', (req, res) => {
    answerRecorded(state.ledger, req, res, 'pickup', 'pickup_not_found');
  });

  /** Cancels a booked pickup of the case; cancelling a cancelled one succeeds, a collected one is 409. */
  router.post('/pickups/:pickupId/cancel', (req, res) => {
    const body = parse(cancelSchema, req.body);
    const pickupId = String(req.params.pickupId);
    respondOnce(state.ledger, req, res, { kind: 'pickup_cancellation', caseId: body.caseId, request: { ...body, pickupId }, status: 200 }, () => {
      const booking = state.pickups[pickupId];
      if (!booking || booking.caseId !== body.caseId) throw new SandboxError(404, 'pickup_not_found', `No pickup ${pickupId} for this case`);
      const events = state.parcels.get(booking.trackingNumber)?.events ?? [];
      if (booking.status === 'booked' && events.some((e) => COLLECTED.has(e.event))) {
        throw new SandboxError(409, 'pickup_already_collected', 'The courier has already collected the goods');
      }
      booking.status = 'cancelled';
      touch(state.pickups, pickupId);
      return { pickupId, status: 'cancelled' as const };
    });
  });

  /** A parcel's events so far. */
  router.get('/shipments/:trackingNumber', (req, res) => {
    const parcel = state.parcels.get(req.params.trackingNumber);
    if (!parcel) throw new SandboxError(404, 'shipment_not_found', `No parcel ${req.params.trackingNumber}`);
    res.json(parcel);
  });

  return router;
}
