import { z } from 'zod';
import type { SystemClient } from '../http';
import type { NotificationReceipt, NotifyCustomerInput } from '../types';

export const receiptSchema: z.ZodType<NotificationReceipt> = z.object({ messageId: z.string() });

/** Tells the customer about a step of their case, on their preferred channel. Once per idempotency key. */
export function notifyCustomer(notifications: SystemClient) {
  return ({ idempotencyKey, ...body }: NotifyCustomerInput): Promise<NotificationReceipt> =>
    notifications({ method: 'POST', path: '/customer-messages', body, idempotencyKey }, receiptSchema);
}
