import type { SystemClient } from '../http';
import { recordedUnder } from '../recorded';
import type { LookupMovementInput, PickupLookup } from '../types';
import { pickupSchema } from './schedule-pickup';

/** The door pickup booked under an idempotency key, if any: for a booking whose answer was lost. */
export function lookupPickup(carriers: SystemClient) {
  return async (input: LookupMovementInput): Promise<PickupLookup> => {
    const pickup = await recordedUnder(carriers, '/pickups', input, 'pickup_not_found', pickupSchema);
    return pickup ? { found: true, pickup } : { found: false };
  };
}
