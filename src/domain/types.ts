/**
 * The after-sales vocabulary shared by every layer (API, workflows, activities, sandbox, policy).
 * Plain constants and types only: this module is bundled into workflow code, so no zod, no I/O.
 */

export const CASE_TYPES = [
  'damaged',
  'missing_item',
  'wrong_item',
  'quality_issue',
  'not_delivered',
  'spoiled',
  'return_no_reason',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CHANNELS = ['app', 'mini_program', 'web', 'hotline', 'online_chat', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

/** P1 = 15-minute first response, P2 = 30 minutes, P3 = low impact. */
export const PRIORITIES = ['P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MEMBER_TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type MemberTier = (typeof MEMBER_TIERS)[number];

export const RESOLUTIONS = [
  'reship',
  'refund',
  'partial_refund',
  'replace',
  'return_and_refund',
  'rejected',
  'withdrawn',
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** The seven mainland regions, derived from the GB/T 2260 province code of the destination. */
export const REGIONS = ['East', 'South', 'North', 'Central', 'Southwest', 'Northwest', 'Northeast'] as const;
export type Region = (typeof REGIONS)[number];

/** Product categories the resolution and carrier rules distinguish. `fresh` is perishable. */
export const CATEGORIES = ['fresh', '3c', 'beauty', 'apparel', 'home', 'grocery'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CARRIERS = ['SF', 'EMS', 'JD', 'ZTO'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const URGENCIES = ['normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Money is always an integer number of fen (0.01 CNY) to keep arithmetic exact. */
export type Fen = number;

export interface OrderItem {
  sku: string;
  title: string;
  category: Category;
  unitPrice: Fen;
  quantity: number;
  /** What earlier cases of this order already remedied on this line (refunded, reshipped, replaced).
   *  Absent = nothing. The OMS is the owner of this record. */
  remedied?: { quantity: number; amount: Fen };
}

/**
 * What the OMS tells a case about an order. Deliberately free of personal data: the customer is an
 * opaque reference and the destination only its province code; systems that need the address
 * (warehouse, carriers) look it up by order id themselves.
 */
export interface OrderSnapshot {
  orderId: string;
  customerRef: string;
  memberTier: MemberTier;
  status: 'unshipped' | 'shipped' | 'delivered';
  items: OrderItem[];
  /** GB/T 2260 code of the destination: 6 digits, the first two name the province. */
  destinationDivisionCode: string;
  paidAt: string;
  shippedAt?: string;
  deliveredAt?: string;
  /** Carrier and tracking number of the original parcel, if shipped. */
  carrier?: Carrier;
  trackingNumber?: string;
}

export interface ClaimedItem {
  sku: string;
  quantity: number;
}

export interface EvidencePhoto {
  /** Where the photo is stored (object storage URL or key). Never a data URI. */
  url: string;
  kind?: 'parcel' | 'item' | 'label' | 'other';
}
