import { z } from 'zod';
import type { SystemClient } from '../http';
import type { QuarantineReceipt, QuarantineReturnInput } from '../types';

const receiptSchema: z.ZodType<QuarantineReceipt> = z.object({ quarantineId: z.string() });

/** Takes returned goods into quarantine: never back on sale (不二次上架). */
export function quarantineReturn(warehouse: SystemClient) {
  return ({ idempotencyKey, ...body }: QuarantineReturnInput): Promise<QuarantineReceipt> =>
    warehouse({ method: 'POST', path: '/quarantines', body, idempotencyKey }, receiptSchema);
}
