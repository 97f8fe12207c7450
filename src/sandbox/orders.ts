/**
 * The order management system (OMS). `GET /orders/:orderId` answers the OrderSnapshot, which has
 * no personal data: the customer is an opaque ref and the destination only its division code.
 * Orders can be added through the admin API with `createOrderSchema`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CARRIERS, CATEGORIES, MEMBER_TIERS, type OrderItem, type OrderSnapshot } from '../domain/types';
import { regionOf } from './geography';
import { SandboxError, parse } from './http';
import { requireIdempotencyKey, stableStringify } from './ledger';
import { assertItemsInOrder, recordRemedy, refundLines, remediedByLine, remediedLinesSchema, reshipmentLines } from './remedies';
import { nextSequence, type SandboxOrder, type SandboxState } from './state';

/**
 * The snapshot of an order, with exactly the fields of OrderSnapshot and nothing of the customer;
 * each line carries what earlier cases remedied on it (`remedied`, absent when nothing).
 */
export function toSnapshot(state: SandboxState, order: SandboxOrder): OrderSnapshot {
  const { orderId, customerRef, memberTier, status, items, destinationDivisionCode, paidAt, shippedAt, deliveredAt, carrier, trackingNumber } = order;
  const remedied = remediedByLine(state, orderId);
  const line = (i: OrderItem): OrderItem => ({ ...i, ...(remedied[i.sku] && { remedied: remedied[i.sku] }) });
  return {
    orderId, customerRef, memberTier, status, items: items.map(line), destinationDivisionCode, paidAt,
    ...(shippedAt && { shippedAt }), ...(deliveredAt && { deliveredAt }), ...(carrier && { carrier }), ...(trackingNumber && { trackingNumber }),
  };
}

export function findOrder(state: SandboxState, orderId: string): SandboxOrder {
  const order = state.orders.get(orderId);
  if (!order) throw new SandboxError(404, 'order_not_found', `No order ${orderId}`);
  return order;
}

/** The order's total in fen: the most that can ever be refunded on it. */
export function orderTotal(order: OrderSnapshot): number {
  return order.items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);
}

const isoDate = z.iso.datetime({ offset: true });
export const createOrderSchema = z
  .strictObject({
    orderId: z.string().regex(/^[A-Za-z0-9-]{3,64}$/).optional(),
    customerRef: z.string().regex(/^[A-Za-z0-9-]{3,64}$/).optional(),
    customer: z.strictObject({
      name: z.string().min(1).max(100),
      phone: z.string().regex(/^\+?[0-9-]{6,20}$/),
      address: z.string().min(1).max(300),
      channel: z.enum(['sms', 'app_push', 'mini_program']).default('app_push'),
    }),
    memberTier: z.enum(MEMBER_TIERS),
    status: z.enum(['unshipped', 'shipped', 'delivered']),
    items: z.array(z.strictObject({
      sku: z.string().min(1).max(64),
      title: z.string().min(1).max(200),
      category: z.enum(CATEGORIES),
      unitPrice: z.int().positive(),
      quantity: z.int().positive().max(999),
    })).min(1),
    destinationDivisionCode: z.string().regex(/^\d{6}$/).refine((c) => regionOf(c) !== undefined, 'Unknown GB/T 2260 province'),
    paidAt: isoDate.optional(),
    shippedAt: isoDate.optional(),
    deliveredAt: isoDate.optional(),
    carrier: z.enum(CARRIERS).optional(),
    trackingNumber: z.string().regex(/^[A-Z0-9]{6,30}$/).optional(),
  })
  .refine((o) => o.status === 'unshipped' || o.carrier, { message: 'A shipped or delivered order needs a carrier', path: ['carrier'] });
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

/** Adds an order (and its parcel, if shipped); 409 if the id is taken. Fills in ids and dates. */
export function addOrder(state: SandboxState, input: CreateOrderInput): SandboxOrder {
  const n = nextSequence(state, 'admin-order');
  const orderId = input.orderId ?? `ORD-ADMIN-${String(n).padStart(4, '0')}`;
  if (state.orders.has(orderId)) throw new SandboxError(409, 'order_exists', `Order ${orderId} already exists`);
  const now = new Date().toISOString();
  const shipped = input.status !== 'unshipped';
  const order: SandboxOrder = {
    ...input,
    orderId,
    customerRef: input.customerRef ?? `CUST-A${String(n).padStart(4, '0')}`,
    paidAt: input.paidAt ?? now,
    ...(shipped && { shippedAt: input.shippedAt ?? now, trackingNumber: input.trackingNumber ?? `${input.carrier}${String(800_000_000_000 + n)}` }),
    ...(input.status === 'delivered' && { deliveredAt: input.deliveredAt ?? now }),
  };
  state.orders.set(orderId, order);
  if (order.carrier && order.trackingNumber) {
    state.parcels.set(order.trackingNumber, {
      trackingNumber: order.trackingNumber, carrier: order.carrier, kind: 'original', orderId,
      events: order.deliveredAt ? [{ event: 'delivered', occurredAt: order.deliveredAt }] : [],
    });
  }
  return order;
}

const settledLines = remediedLinesSchema.unwrap().min(1);
/** A step settled by hand: a refund (lines and amount) or a reshipment (lines), never free text. */
const settledRemedySchema = z.discriminatedUnion('kind', [
  z.strictObject({ caseId: z.string().min(1).max(128), kind: z.literal('refund'), lines: settledLines, amount: z.int().positive() }),
  z.strictObject({ caseId: z.string().min(1).max(128), kind: z.literal('reshipment'), lines: settledLines }),
]);

export function ordersRouter(state: SandboxState): Router {
  const router = Router();
  router.get('/orders/:orderId', (req, res) => {
    res.json(toSnapshot(state, findOrder(state, req.params.orderId)));
  });

  /**
   * Records what a step settled by hand remedied on the order's lines, once per Idempotency-Key
   * (the movement's own key, so a refund both paid by payments and settled by hand counts once):
   * 201 `{recorded: true}` (again for the same request), 200 `{recorded: false}` when payments or
   * the warehouse already remedied the case's order under the key, else 409 `idempotency_key_reused`.
   */
  router.post('/orders/:orderId/remedies', (req, res) => {
    const key = requireIdempotencyKey(req);
    const body = parse(settledRemedySchema, req.body);
    const order = findOrder(state, req.params.orderId);
    assertItemsInOrder(order, body.lines);
    const lines = body.kind === 'refund' ? refundLines(order, body.lines, body.amount) : reshipmentLines(order, body.lines);
    const remedy = { key, kind: body.kind, orderId: order.orderId, caseId: body.caseId, lines };
    const known = state.remedies[key];
    if (!known) {
      recordRemedy(state, { ...remedy, settled: true });
      return void res.status(201).json({ recorded: true });
    }
    // The same settlement again (a retry whose answer was lost): the same answer.
    const { recordedAt: _at, ...was } = known;
    if (stableStringify(was) === stableStringify({ ...remedy, settled: true })) return void res.status(201).set('Idempotent-Replayed', 'true').json({ recorded: true });
    // Payments or the warehouse already remedied this order under the key: the system did the step too.
    if (!known.settled && known.orderId === order.orderId && known.caseId === body.caseId) return void res.status(200).json({ recorded: false });
    throw new SandboxError(409, 'idempotency_key_reused', 'This Idempotency-Key already recorded another remedy', { kind: known.kind, orderId: known.orderId });
  });
  return router;
}
