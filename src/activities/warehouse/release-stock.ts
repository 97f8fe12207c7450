import { z } from 'zod';
import type { SystemClient } from '../http';
import type { ReleaseStockInput } from '../types';

/** Gives reserved stock back (the undo of reserveStock). Releasing twice is harmless. */
export function releaseStock(warehouse: SystemClient) {
  return async ({ caseId, reservationId, idempotencyKey }: ReleaseStockInput): Promise<void> => {
    const path = `/reservations/${encodeURIComponent(reservationId)}/release`;
    await warehouse({ method: 'POST', path, body: { caseId }, idempotencyKey }, z.unknown());
  };
}
