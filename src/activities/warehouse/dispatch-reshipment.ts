import { z } from 'zod';
import { CARRIERS } from '../../domain/types';
import type { SystemClient } from '../http';
import type { DispatchReshipmentInput, Shipment } from '../types';

export const shipmentSchema: z.ZodType<Shipment> = z.object({ shipmentId: z.string(), carrier: z.enum(CARRIERS), trackingNumber: z.string() });

/** Ships reserved stock (plus an optional courtesy gift) to the order's address; returns the tracking number. */
export function dispatchReshipment(warehouse: SystemClient) {
  return ({ idempotencyKey, ...body }: DispatchReshipmentInput): Promise<Shipment> =>
    warehouse({ method: 'POST', path: '/reshipments', body, idempotencyKey }, shipmentSchema);
}
