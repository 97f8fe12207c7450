/**
 * Notifications: messages to customers (on their preferred channel: SMS, app push or mini-program
 * message, looked up by customerRef) and to staff (console). Deduplicated by Idempotency-Key and
 * recorded in the ledger; template params are ids, amounts and times, never personal data.
 */
import { CUSTOMER_MESSAGE_TEMPLATES, STAFF_MESSAGE_TEMPLATES } from '../domain/messages';
import { Router } from 'express';
import { z } from 'zod';
import { SandboxError, parse } from './http';
import { respondOnce } from './ledger';
import { nextId, type CustomerChannel, type SandboxState } from './state';

const CUSTOMER_TEMPLATES = CUSTOMER_MESSAGE_TEMPLATES;
const STAFF_TEMPLATES = STAFF_MESSAGE_TEMPLATES;

const params = z.record(z.string().max(64), z.union([z.string().max(500), z.number()])).default({});
const customerSchema = z.strictObject({
  caseId: z.string().min(1).max(128), customerRef: z.string().min(1).max(64), template: z.enum(CUSTOMER_TEMPLATES), params,
});
const staffSchema = z.strictObject({
  caseId: z.string().min(1).max(128), recipientId: z.string().min(1).max(64), template: z.enum(STAFF_TEMPLATES), params,
});

function channelOf(state: SandboxState, customerRef: string): CustomerChannel {
  for (const order of state.orders.values()) if (order.customerRef === customerRef) return order.customer.channel;
  throw new SandboxError(404, 'customer_not_found', `No customer ${customerRef}`);
}

export function notificationsRouter(state: SandboxState): Router {
  const router = Router();
  const log = state.options.log ?? (() => undefined);

  /** Tells the customer about a step of their case. */
  router.post('/customer-messages', (req, res) => {
    const body = parse(customerSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'notification', caseId: body.caseId, request: body }, () => {
      const channel = channelOf(state, body.customerRef);
      const messageId = nextId(state, 'MSG');
      log('customer notified', { system: 'notifications', template: body.template, caseId: body.caseId, channel, messageId });
      return { messageId, channel };
    });
  });

  /** Tells an agent (or their lead) about a case in their console. */
  router.post('/staff-messages', (req, res) => {
    const body = parse(staffSchema, req.body);
    respondOnce(state.ledger, req, res, { kind: 'notification', caseId: body.caseId, request: body }, () => {
      const messageId = nextId(state, 'MSG');
      log('staff notified', { system: 'notifications', template: body.template, caseId: body.caseId, recipientId: body.recipientId, messageId });
      return { messageId, channel: 'console' as const };
    });
  });

  return router;
}
