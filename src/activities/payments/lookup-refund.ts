import type { SystemClient } from '../http';
import { recordedUnder } from '../recorded';
import type { LookupMovementInput, RefundLookup } from '../types';
import { refundSchema } from './issue-refund';

/** The refund paid under an idempotency key, if any: for a refund whose answer was lost. */
export function lookupRefund(payments: SystemClient) {
  return async (input: LookupMovementInput): Promise<RefundLookup> => {
    const refund = await recordedUnder(payments, '/refunds', input, 'refund_not_found', refundSchema);
    return refund ? { found: true, refund } : { found: false };
  };
}
