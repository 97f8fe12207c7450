/**
 * The admin API (under /admin): what tests and demos use to arrange the world and read what
 * happened. Orders, stock, faults, the ledger, call counters, webhook deliveries, tracking events
 * pushed on demand, and reset. Never subject to injected faults.
 */
import { Router } from 'express';
import { z } from 'zod';
import { SYSTEMS } from '../domain/systems';
import { REGIONS } from '../domain/types';
import { faultConfigSchema } from './faults';
import { WAREHOUSES } from './geography';
import { SandboxError, parse } from './http';
import { LEDGER_KINDS } from './ledger';
import { addOrder, createOrderSchema, findOrder, toSnapshot } from './orders';
import { resetState, type SandboxState } from './state';
import { recordTrackingEvent } from './tracking';

const stockSchema = z
  .strictObject({
    sku: z.string().min(1).max(64),
    quantity: z.int().min(0),
    warehouseId: z.enum(Object.values(WAREHOUSES) as [string, ...string[]]).optional(),
    region: z.enum(REGIONS).optional(),
  })
  .refine((s) => !(s.warehouseId && s.region), 'Give a warehouseId or a region, not both');
const eventSchema = z.strictObject({ event: z.enum(['picked_up', 'in_transit', 'delivered', 'exception', 'lost']) });
const ledgerQuery = z.object({ kind: z.enum(LEDGER_KINDS).optional(), caseId: z.string().optional(), key: z.string().optional() });
const systemParam = z.enum(SYSTEMS);

const asObject = (book: Map<string, Map<string, number>>) =>
  Object.fromEntries([...book].map(([wh, shelf]) => [wh, Object.fromEntries(shelf)]));

export function adminRouter(state: SandboxState): Router {
  const router = Router();

  router.get('/orders', (_req, res) => {
    res.json({ orders: [...state.orders.values()].map((o) => toSnapshot(state, o)) });
  });
  router.get('/orders/:orderId', (req, res) => {
    res.json(toSnapshot(state, findOrder(state, req.params.orderId)));
  });
  router.post('/orders', (req, res) => {
    res.status(201).json(toSnapshot(state, addOrder(state, parse(createOrderSchema, req.body))));
  });

  /** Sets the units on sale of a sku: in one warehouse, a region's warehouse, or (neither) all. */
  router.put('/stock', (req, res) => {
    const body = parse(stockSchema, req.body);
    const targets = body.warehouseId ? [body.warehouseId] : body.region ? [WAREHOUSES[body.region]] : Object.values(WAREHOUSES);
    for (const wh of targets) state.stock.get(wh)?.set(body.sku, body.quantity);
    res.json({ sku: body.sku, quantity: body.quantity, warehouseIds: targets });
  });
  router.get('/stock', (_req, res) => {
    res.json({ stock: asObject(state.stock), quarantine: asObject(state.quarantine) });
  });

  router.get('/faults', (_req, res) => {
    res.json(Object.fromEntries(state.faults));
  });
  router.put('/faults/:system', (req, res) => {
    const system = parse(systemParam, req.params.system);
    const config = parse(faultConfigSchema, req.body);
    state.faults.set(system, config);
    res.json({ system, ...config });
  });
  router.delete('/faults/:system', (req, res) => {
    state.faults.delete(parse(systemParam, req.params.system));
    res.status(204).end();
  });
  router.delete('/faults', (_req, res) => {
    state.faults.clear();
    res.status(204).end();
  });

  router.get('/ledger', (req, res) => {
    res.json({ entries: state.ledger.list(parse(ledgerQuery, req.query)) });
  });
  /** What refunds and reshipments remedied, per Idempotency-Key and order line. */
  router.get('/remedies', (_req, res) => {
    res.json({ remedies: Object.values(state.remedies) });
  });
  router.get('/pickups', (_req, res) => {
    res.json({ pickups: Object.values(state.pickups) });
  });
  router.get('/stats', (_req, res) => {
    res.json(state.stats);
  });
  router.get('/webhooks', (_req, res) => {
    res.json({ deliveries: state.webhookDeliveries });
  });

  /** Makes the carrier report an event now; answers once the webhook got it (or gave up). */
  router.post('/carriers/shipments/:trackingNumber/events', async (req, res) => {
    const { event } = parse(eventSchema, req.body);
    if (!state.parcels.has(req.params.trackingNumber)) throw new SandboxError(404, 'shipment_not_found', `No parcel ${req.params.trackingNumber}`);
    const delivery = await recordTrackingEvent(state, req.params.trackingNumber, event);
    res.status(202).json({ trackingNumber: req.params.trackingNumber, event, delivery });
  });

  router.post('/reset', (_req, res) => {
    resetState(state);
    res.status(204).end();
  });

  return router;
}
