/**
 * Payments: refunds against an order's paid amount. A refund above what is left refundable is
 * refused with 422 (a business refusal: retrying cannot help). Idempotent per Idempotency-Key; a
 * refund names the order lines it remedies, which the OMS records (remedies.ts). The refund made
 * under a key can be looked up, for a caller whose answer was lost.
 */
import { Router } from 'express';
import { z } from 'zod';
import { SandboxError, parse } from './http';
import { answerRecorded, respondOnce } from './ledger';
import { findOrder, orderTotal } from './orders';
import { assertItemsInOrder, recordRemedy, refundLines, remediedLinesSchema } from './remedies';
import { nextId, type SandboxState } from './state';

const refundSchema = z.strictObject({
  caseId: z.string().min(1).max(128),
  orderId: z.string().min(1).max(64),
  amount: z.int().positive(),
  reason: z.string().min(1).max(200),
  lines: remediedLinesSchema,
});

export function paymentsRouter(state: SandboxState): Router {
  const router = Router();

  /** Refund `amount` fen of an order's payment to the customer's original payment method. */
  router.post('/refunds', (req, res) => {
    const body = parse(refundSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'refund', caseId: body.caseId, request: body }, (key) => {
      const order = findOrder(state, body.orderId);
      assertItemsInOrder(order, body.lines);
      const refundable = orderTotal(order) - (state.refunded.get(order.orderId) ?? 0);
      if (body.amount > refundable) {
        throw new SandboxError(422, 'refund_exceeds_refundable', `Refund of ${body.amount} fen exceeds the ${refundable} fen still refundable`, { refundable });
      }
      state.refunded.set(order.orderId, (state.refunded.get(order.orderId) ?? 0) + body.amount);
      recordRemedy(state, { key, kind: 'refund', orderId: order.orderId, caseId: body.caseId, lines: refundLines(order, body.lines, body.amount) });
      return { refundId: nextId(state, 'RF'), amount: body.amount, status: 'succeeded' as const };
    });
  });

  /** The refund made under an Idempotency-Key (for `?caseId=`), or 404 `refund_not_found`. */
  router.get('/refunds/by-key/:key', (req, res) => {
    answerRecorded(state.ledger, req, res, 'refund', 'refund_not_found');
  });

  /** What was paid, refunded and is still refundable on an order. */
  router.get('/orders/:orderId/refunds', (req, res) => {
    const order = findOrder(state, req.params.orderId);
    const refunded = state.refunded.get(order.orderId) ?? 0;
    const refunds = state.ledger.list({ kind: 'refund' }).filter((e) => (e.request as { orderId?: string }).orderId === order.orderId);
    res.json({ orderId: order.orderId, paid: orderTotal(order), refunded, refundable: orderTotal(order) - refunded, refunds: refunds.map((e) => e.result) });
  });

  return router;
}
