/** Order snapshots for workflow tests, relative to a given "now" (the test server's clock). */
import type { OrderSnapshot } from '../../src/domain/types';

const HOUR = 3_600_000;

export function order(now: number, overrides: Partial<OrderSnapshot> & Pick<OrderSnapshot, 'orderId'>): OrderSnapshot {
  return {
    customerRef: 'CUST-0001',
    memberTier: 'standard',
    status: 'delivered',
    items: [{ sku: 'SKU-MUG', title: 'Mug', category: 'home', unitPrice: 8_900, quantity: 1 }],
    destinationDivisionCode: '310101',
    paidAt: new Date(now - 72 * HOUR).toISOString(),
    shippedAt: new Date(now - 48 * HOUR).toISOString(),
    deliveredAt: new Date(now - 24 * HOUR).toISOString(),
    carrier: 'SF',
    trackingNumber: 'SF0000001',
    ...overrides,
  };
}
