import { z } from 'zod';
import type { SystemClient } from '../http';
import type { CancelPickupInput } from '../types';

const cancelledSchema = z.object({ pickupId: z.string(), status: z.literal('cancelled') });

/**
 * Cancels a booked door pickup (a forfeited or withdrawn return). Cancelling a cancelled pickup
 * succeeds; one the courier already collected is CarriersConflict, an unknown one CarriersNotFound.
 */
export function cancelPickup(carriers: SystemClient) {
  return async ({ caseId, pickupId, idempotencyKey }: CancelPickupInput): Promise<void> => {
    await carriers({ method: 'POST', path: `/pickups/${encodeURIComponent(pickupId)}/cancel`, body: { caseId }, idempotencyKey }, cancelledSchema);
  };
}
