import { z } from 'zod';
import type { SystemClient } from '../http';
import type { RecordSettledRemedyInput, RemedyRecord } from '../types';

const remedyRecordSchema: z.ZodType<RemedyRecord> = z.object({ recorded: z.boolean() });

/**
 * Tells the OMS what a step settled by hand remedied (a refund's lines and amount, a reshipment's
 * items), so a later case on the same lines sees it. Recorded once per idempotency key: the key is
 * the movement's own, so a step both settled and (unknown to ops) done by the system counts once.
 */
export function recordSettledRemedy(oms: SystemClient) {
  return ({ idempotencyKey, orderId, ...body }: RecordSettledRemedyInput): Promise<RemedyRecord> =>
    oms({ method: 'POST', path: `/orders/${encodeURIComponent(orderId)}/remedies`, body, idempotencyKey }, remedyRecordSchema);
}
