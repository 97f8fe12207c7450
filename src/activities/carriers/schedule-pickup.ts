import { z } from 'zod';
import { CARRIERS } from '../../domain/types';
import type { SystemClient } from '../http';
import type { Pickup, SchedulePickupInput } from '../types';

export const pickupSchema: z.ZodType<Pickup> = z.object({ pickupId: z.string(), carrier: z.enum(CARRIERS), trackingNumber: z.string() });

/** Books a door pickup (上门取件) of a return; its tracking events come back by webhook. */
export function schedulePickup(carriers: SystemClient) {
  return ({ idempotencyKey, ...body }: SchedulePickupInput): Promise<Pickup> =>
    carriers({ method: 'POST', path: '/pickups', body, idempotencyKey }, pickupSchema);
}
