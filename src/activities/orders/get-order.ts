import { z } from 'zod';
import { CARRIERS, CATEGORIES, MEMBER_TIERS, type OrderSnapshot } from '../../domain/types';
import type { SystemClient } from '../http';
import type { GetOrderInput } from '../types';

const orderSnapshotSchema: z.ZodType<OrderSnapshot> = z.object({
  orderId: z.string(),
  customerRef: z.string(),
  memberTier: z.enum(MEMBER_TIERS),
  status: z.enum(['unshipped', 'shipped', 'delivered']),
  items: z.array(z.object({
    sku: z.string(), title: z.string(), category: z.enum(CATEGORIES), unitPrice: z.int().nonnegative(), quantity: z.int().positive(),
    remedied: z.object({ quantity: z.int().nonnegative(), amount: z.int().nonnegative() }).optional(),
  })),
  destinationDivisionCode: z.string().regex(/^\d{6}$/),
  paidAt: z.string(),
  shippedAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  carrier: z.enum(CARRIERS).optional(),
  trackingNumber: z.string().optional(),
});

/** Reads an order from the OMS: items (with what earlier cases remedied), prices, tier, dates, destination province; no personal data. */
export function getOrder(oms: SystemClient) {
  return ({ orderId }: GetOrderInput): Promise<OrderSnapshot> =>
    oms({ method: 'GET', path: `/orders/${encodeURIComponent(orderId)}` }, orderSnapshotSchema);
}
