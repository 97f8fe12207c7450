import { z } from 'zod';
import type { SystemClient } from '../http';
import type { ReserveStockInput, StockReservation } from '../types';

const reservationSchema: z.ZodType<StockReservation> = z.discriminatedUnion('reserved', [
  z.object({ reserved: z.literal(true), reservationId: z.string(), warehouseId: z.string() }),
  z.object({ reserved: z.literal(false), reason: z.literal('out_of_stock') }),
]);

/** Holds stock for a reshipment, regional warehouse first. Out of stock is an answer, not a failure. */
export function reserveStock(warehouse: SystemClient) {
  return ({ idempotencyKey, ...body }: ReserveStockInput): Promise<StockReservation> =>
    warehouse({ method: 'POST', path: '/reservations', body, idempotencyKey }, reservationSchema);
}
