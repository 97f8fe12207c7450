import { z } from 'zod';
import type { SystemClient } from '../http';
import type { IssueRefundInput, Refund } from '../types';

export const refundSchema: z.ZodType<Refund> = z.object({ refundId: z.string(), amount: z.int(), status: z.literal('succeeded') });

/** Refunds `amount` fen to the customer. At most once per idempotency key; above the refundable amount → PaymentsRejected. */
export function issueRefund(payments: SystemClient) {
  return ({ idempotencyKey, ...body }: IssueRefundInput): Promise<Refund> =>
    payments({ method: 'POST', path: '/refunds', body, idempotencyKey }, refundSchema);
}
