/**
 * The world of the chaos test (chaos-integrity.test.ts): the kinds of cases it opens, the orders it
 * creates for them in the sandbox, and how a simulated customer and agent answer whatever a case
 * waits for. Not a test file; the checks and figures live in the test.
 */
import type { CaseType, ClaimedItem, EvidencePhoto, MemberTier } from '../../src/domain/types';

/** One kind of case: the order it is about, the claim, and how people answer it. */
export interface CaseKind {
  name: string;
  order: { items: ClaimedItem[]; division: string; tier: MemberTier; status: 'shipped' | 'delivered' };
  claim: { caseType: CaseType; items: ClaimedItem[]; evidence: EvidencePhoto[]; preferredResolution?: 'reship' | 'refund' | 'replace' };
  /** How the agent decides a human review. */
  review: 'approve' | 'reject';
  /** The customer withdraws as soon as the carrier has booked the return pickup (which must then be cancelled). */
  withdrawOnPickupBooked?: boolean;
  /** Once this case is closed, the customer opens this further claim on the same order line(s). */
  followUp?: { caseType: CaseType; items: ClaimedItem[]; evidence: EvidencePhoto[] };
}

const photo = (what: string, score: number): EvidencePhoto[] => [{ url: `https://img.example/chaos/${what}.jpg?score=${score}`, kind: 'item' }];

/** Ten kinds, every resolution path: refund, reship (+gift), review, rejection, return, replace, withdrawal, second claims. */
export const CASE_KINDS: CaseKind[] = [
  {
    name: 'spoiled crab, refunded; then a second claim on the same crab',
    order: { items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], division: '310101', tier: 'standard', status: 'delivered' },
    claim: { caseType: 'spoiled', items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], evidence: photo('crab-spoiled', 0.95) },
    review: 'approve',
    followUp: { caseType: 'damaged', items: [{ sku: 'SKU-SEAFOOD-CRAB', quantity: 1 }], evidence: photo('crab-damaged', 0.95) },
  },
  {
    name: 'damaged lipstick, reshipped with a gift',
    order: { items: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }], division: '330106', tier: 'gold', status: 'delivered' },
    claim: { caseType: 'damaged', items: [{ sku: 'SKU-LIPSTICK-999', quantity: 1 }], evidence: photo('lipstick-damaged', 0.95) },
    review: 'approve',
  },
  {
    name: 'damaged face cream (1 of 2), uncertain photo, approved on review',
    order: { items: [{ sku: 'SKU-FACE-CREAM', quantity: 2 }], division: '320102', tier: 'standard', status: 'delivered' },
    claim: { caseType: 'damaged', items: [{ sku: 'SKU-FACE-CREAM', quantity: 1 }], evidence: photo('cream', 0.6), preferredResolution: 'refund' },
    review: 'approve',
  },
  {
    name: 'damaged kettle, fake photo: rejected, then withdrawn in the dispute window',
    order: { items: [{ sku: 'SKU-KETTLE', quantity: 1 }], division: '500103', tier: 'standard', status: 'delivered' },
    claim: { caseType: 'damaged', items: [{ sku: 'SKU-KETTLE', quantity: 1 }], evidence: photo('kettle', 0.1) },
    review: 'reject',
  },
  {
    name: 'no-reason return of 1 of 3 T-shirts; then a second return of one more',
    order: { items: [{ sku: 'SKU-TSHIRT', quantity: 3 }], division: '420102', tier: 'silver', status: 'delivered' },
    claim: { caseType: 'return_no_reason', items: [{ sku: 'SKU-TSHIRT', quantity: 1 }], evidence: [] },
    review: 'approve',
    followUp: { caseType: 'quality_issue', items: [{ sku: 'SKU-TSHIRT', quantity: 1 }], evidence: photo('tshirt-seam', 0.95) },
  },
  {
    name: 'faulty earbuds within the replace window: replaced',
    order: { items: [{ sku: 'SKU-EARBUDS', quantity: 1 }], division: '440305', tier: 'gold', status: 'delivered' },
    claim: { caseType: 'quality_issue', items: [{ sku: 'SKU-EARBUDS', quantity: 1 }], evidence: photo('earbuds-faulty', 0.95) },
    review: 'approve',
  },
  {
    name: 'one bag of rice missing (1 of 2)',
    order: { items: [{ sku: 'SKU-RICE-5KG', quantity: 2 }], division: '230102', tier: 'standard', status: 'delivered' },
    claim: { caseType: 'missing_item', items: [{ sku: 'SKU-RICE-5KG', quantity: 1 }], evidence: [] },
    review: 'approve',
  },
  {
    name: 'wrong duvet: the right one sent, the wrong one picked up',
    order: { items: [{ sku: 'SKU-DUVET', quantity: 1 }], division: '330106', tier: 'gold', status: 'delivered' },
    claim: { caseType: 'wrong_item', items: [{ sku: 'SKU-DUVET', quantity: 1 }], evidence: photo('duvet-wrong', 0.95) },
    review: 'approve',
  },
  {
    name: 'tea never delivered: sent again',
    order: { items: [{ sku: 'SKU-TEA-LONGJING', quantity: 1 }], division: '350102', tier: 'standard', status: 'shipped' },
    claim: { caseType: 'not_delivered', items: [{ sku: 'SKU-TEA-LONGJING', quantity: 1 }], evidence: [] },
    review: 'approve',
  },
  {
    name: 'coat returned without reason, withdrawn once the pickup is booked (the pickup cancelled)',
    order: { items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], division: '110101', tier: 'silver', status: 'delivered' },
    claim: { caseType: 'return_no_reason', items: [{ sku: 'SKU-COAT-WOOL', quantity: 1 }], evidence: [] },
    review: 'approve',
    withdrawOnPickupBooked: true,
  },
];

/** The sandbox admin body of an order for `kind`, number `n` of the run (fake, personal-data-shaped test data). */
export function orderBody(kind: CaseKind, n: number): Record<string, unknown> {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  return {
    orderId: `ORD-CHAOS-${String(n).padStart(4, '0')}`,
    customer: { name: `Chaos Customer ${n}`, phone: `1380000${String(n).padStart(4, '0')}`, address: `${n} Test Road`, channel: 'app_push' },
    memberTier: kind.order.tier,
    status: kind.order.status,
    items: kind.order.items.map((i) => ({ ...CATALOGUE_LINE[i.sku]!, sku: i.sku, quantity: i.quantity })),
    destinationDivisionCode: kind.order.division,
    paidAt: hoursAgo(96),
    shippedAt: hoursAgo(72),
    ...(kind.order.status === 'delivered' && { deliveredAt: hoursAgo(24) }),
    carrier: 'SF',
  };
}

/** Titles, categories and prices of the SKUs the kinds use (the sandbox catalogue's). */
const CATALOGUE_LINE: Record<string, { title: string; category: string; unitPrice: number }> = {
  'SKU-SEAFOOD-CRAB': { title: 'Live hairy crabs, 8 pieces', category: 'fresh', unitPrice: 45_800 },
  'SKU-LIPSTICK-999': { title: 'Velvet matte lipstick #999', category: 'beauty', unitPrice: 32_000 },
  'SKU-FACE-CREAM': { title: 'Repair face cream 50 ml', category: 'beauty', unitPrice: 45_000 },
  'SKU-KETTLE': { title: 'Electric kettle', category: 'home', unitPrice: 15_900 },
  'SKU-TSHIRT': { title: 'Cotton T-shirt', category: 'apparel', unitPrice: 9_900 },
  'SKU-EARBUDS': { title: 'Wireless earbuds', category: '3c', unitPrice: 89_900 },
  'SKU-RICE-5KG': { title: 'Northeast rice 5 kg', category: 'grocery', unitPrice: 6_990 },
  'SKU-DUVET': { title: 'Silk duvet', category: 'home', unitPrice: 39_900 },
  'SKU-TEA-LONGJING': { title: 'Longjing green tea 250 g', category: 'grocery', unitPrice: 29_800 },
  'SKU-COAT-WOOL': { title: 'Wool coat', category: 'apparel', unitPrice: 89_900 },
};

/** The action a waiting case needs from a person, as `[path segment, role, body]`, or undefined. */
export function nextAction(
  status: string,
  kind: CaseKind,
  assignee: string | undefined,
  pickupBooked: boolean,
): { action: string; role: 'service' | 'agent'; body: Record<string, unknown> } | undefined {
  const agentId = assignee ?? 'AG-EAST-01';
  if (kind.withdrawOnPickupBooked && pickupBooked && status === 'awaiting_return_shipment') return { action: 'withdraw', role: 'service', body: { reason: 'changed my mind' } };
  switch (status) {
    case 'awaiting_evidence':
      return { action: 'evidence', role: 'service', body: { photos: photo('more-evidence', 0.95) } };
    case 'awaiting_review':
      return { action: 'review', role: 'agent', body: { agentId, decision: kind.review, ...(kind.review === 'reject' && { reason: 'photo does not show the damage' }) } };
    case 'rejected_open_to_dispute':
      return { action: 'withdraw', role: 'service', body: { reason: 'accepts the rejection' } };
    case 'awaiting_survey':
      return { action: 'feedback', role: 'service', body: { rating: 5 } };
    case 'awaiting_callback':
      return { action: 'notes', role: 'agent', body: { author: agentId, text: 'called the customer back', callbackDone: true } };
    default:
      return undefined;
  }
}
