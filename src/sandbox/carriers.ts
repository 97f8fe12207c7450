/**
 * Carriers (SF, EMS, JD, ZTO): door pickups for returns and tracking lookups. Waybills for
 * reshipments are opened by the warehouse on dispatch; every parcel's events go to the webhook
 * (see tracking.ts), pushed by the admin API or, in auto-advance mode, on their own.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CARRIERS } from '../domain/types';
import { SandboxError, parse } from './http';
import { respondOnce } from './ledger';
import { findOrder } from './orders';
import { nextId, type SandboxState } from './state';
import { openParcel } from './tracking';

const pickupSchema = z.strictObject({
  caseId: z.string().min(1).max(128),
  orderId: z.string().min(1).max(64),
  carrier: z.enum(CARRIERS),
  items: z.array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.int().positive().max(999) })).min(1),
});

export function carriersRouter(state: SandboxState): Router {
  const router = Router();

  /** Books a courier to collect a return at the customer's door (address taken from the OMS). */
  router.post('/pickups', (req, res) => {
    const body = parse(pickupSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'pickup', caseId: body.caseId, request: body }, () => {
      const order = findOrder(state, body.orderId);
      if (order.status !== 'delivered') throw new SandboxError(422, 'order_not_delivered', 'Only a delivered order can be picked up');
      for (const i of body.items) {
        const bought = order.items.find((o) => o.sku === i.sku)?.quantity ?? 0;
        if (i.quantity > bought) throw new SandboxError(422, 'item_not_in_order', `Order has ${bought} of ${i.sku}`);
      }
      const parcel = openParcel(state, { carrier: body.carrier, kind: 'pickup', orderId: order.orderId, caseId: body.caseId });
      return { pickupId: nextId(state, 'PU'), carrier: body.carrier, trackingNumber: parcel.trackingNumber };
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
