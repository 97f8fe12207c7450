/**
 * The case kinds of the chaos run: each an order created in the sandbox, the request that opens the
 * case, what a person does over the API while it runs, and what must be true at the end (the
 * resolution, the region visibility must answer for, and the ledger's effects for that case).
 * Drawn from tests/e2e/field-scenarios.test.ts, which proves each path on the dev server.
 */
import type { LedgerKind } from '../../src/sandbox/ledger';

export interface CaseKind {
  name: string;
  /** The order created through the sandbox's admin API (customer details are the sandbox's own). */
  order: { memberTier: string; destinationDivisionCode: string; sku: string; title: string; category: string; unitPrice: number; quantity: number; deliveredHoursAgo: number; carrier: string };
  open: { caseType: string; evidence?: Array<{ url: string; kind: 'item' | 'parcel' }>; preferredResolution?: string };
  /** The assigned specialist acknowledges (as the field scenarios do for damaged parcels). */
  acknowledge: boolean;
  expected: { resolution: string; region: string; ledger: Partial<Record<LedgerKind, number>> };
}

export const CASE_KINDS: CaseKind[] = [
  {
    name: 'spoiled-seafood-refund',
    order: { memberTier: 'standard', destinationDivisionCode: '310101', sku: 'SKU-SEAFOOD-CRAB', title: 'Live hairy crabs, 8 pieces', category: 'fresh', unitPrice: 45_800, quantity: 1, deliveredHoursAgo: 2, carrier: 'SF' },
    open: { caseType: 'spoiled', evidence: [{ url: 'https://img.example/crab-spoiled.jpg', kind: 'item' }] },
    acknowledge: false,
    expected: { resolution: 'refund', region: 'East', ledger: { refund: 1, shipment: 0, pickup: 0 } },
  },
  {
    name: 'damaged-lipstick-reship-ems',
    order: { memberTier: 'platinum', destinationDivisionCode: '650102', sku: 'SKU-LIPSTICK-999', title: 'Velvet matte lipstick #999', category: 'beauty', unitPrice: 32_000, quantity: 1, deliveredHoursAgo: 24, carrier: 'EMS' },
    open: { caseType: 'damaged', evidence: [{ url: 'https://img.example/lipstick-damaged.jpg', kind: 'item' }] },
    acknowledge: true,
    expected: { resolution: 'reship', region: 'Northwest', ledger: { shipment: 1, refund: 0, pickup: 0 } },
  },
  {
    name: 'return-coat-pickup-refund',
    order: { memberTier: 'silver', destinationDivisionCode: '110101', sku: 'SKU-COAT-WOOL', title: 'Wool coat', category: 'apparel', unitPrice: 89_900, quantity: 1, deliveredHoursAgo: 72, carrier: 'JD' },
    open: { caseType: 'return_no_reason' },
    acknowledge: false,
    expected: { resolution: 'return_and_refund', region: 'North', ledger: { pickup: 1, quarantine: 1, refund: 1, shipment: 0 } },
  },
  {
    name: 'crushed-cherries-no-cold-chain-refund',
    order: { memberTier: 'gold', destinationDivisionCode: '650102', sku: 'SKU-CHERRY-2KG', title: 'Chilean cherries 2 kg', category: 'fresh', unitPrice: 25_800, quantity: 2, deliveredHoursAgo: 3, carrier: 'EMS' },
    open: { caseType: 'damaged', evidence: [{ url: 'https://img.example/cherries-damaged.jpg', kind: 'item' }], preferredResolution: 'reship' },
    acknowledge: true,
    expected: { resolution: 'refund', region: 'Northwest', ledger: { refund: 1, reservation: 0, shipment: 0 } },
  },
];

/** The i-th case of the run: kinds in rotation, each on its own order. */
export function planCase(i: number): { index: number; kind: CaseKind; orderId: string; idempotencyKey: string } {
  const kind = CASE_KINDS[i % CASE_KINDS.length]!;
  return { index: i, kind, orderId: `ORD-CHAOS-${String(i).padStart(4, '0')}`, idempotencyKey: `chaos-open-${i}` };
}

/** The sandbox admin body that creates the case's order. */
export function orderBody(orderId: string, kind: CaseKind, now: number): Record<string, unknown> {
  const o = kind.order;
  const delivered = now - o.deliveredHoursAgo * 3_600_000;
  return {
    orderId,
    customer: { name: 'Chaos Test', phone: '+8613800000000', address: 'Sandbox address 1', channel: 'app_push' },
    memberTier: o.memberTier,
    status: 'delivered',
    items: [{ sku: o.sku, title: o.title, category: o.category, unitPrice: o.unitPrice, quantity: o.quantity }],
    destinationDivisionCode: o.destinationDivisionCode,
    paidAt: new Date(delivered - 48 * 3_600_000).toISOString(),
    shippedAt: new Date(delivered - 24 * 3_600_000).toISOString(),
    deliveredAt: new Date(delivered).toISOString(),
    carrier: o.carrier,
  };
}
