import type { SystemClient } from '../http';
import { recordedUnder } from '../recorded';
import type { LookupMovementInput, ShipmentLookup } from '../types';
import { shipmentSchema } from './dispatch-reshipment';

/** The reshipment dispatched under an idempotency key, if any: for a dispatch whose answer was lost. */
export function lookupDispatch(warehouse: SystemClient) {
  return async (input: LookupMovementInput): Promise<ShipmentLookup> => {
    const shipment = await recordedUnder(warehouse, '/dispatches', input, 'dispatch_not_found', shipmentSchema);
    return shipment ? { found: true, shipment } : { found: false };
  };
}
