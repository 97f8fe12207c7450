/**
 * Resolution rules: what a granted claim becomes.
 *   damaged: reship at once, nothing sent back (无需退回，立即补发), a courtesy gift for gold/platinum
 *     or claims >= 100 CNY; refund if the customer prefers it or no carrier can reach.
 *   spoiled: refund immediately, nothing sent back.
 *   missing_item / not_delivered: reship; refund if preferred or unreachable.
 *   wrong_item: reship the right item, the wrong one comes back; if preferred refund or
 *     unreachable, return_and_refund (refund on receipt).
 *   quality_issue: 3c within 180 days of delivery → replace, not repair (只换不修), with return;
 *     otherwise return_and_refund. The customer's preference does not change this.
 *   return_no_reason: return_and_refund: door pickup, refund on receipt (七天无理由).
 * Every returned item is quarantined, never put back on sale (不二次上架).
 * Out of stock: see resolutionWhenOutOfStock.
 */
import type { CaseType, Category, Fen, MemberTier } from '../domain/types';
import type { PolicyConfig } from './config';
import { MINUTES_PER_DAY } from './units';

/** What the resolution rules need to know about a granted claim. */
export interface ResolutionInput {
  caseType: CaseType;
  categories: Category[];
  memberTier: MemberTier;
  claimValue: Fen;
  daysSinceDelivery: number | null;
  preferred?: 'reship' | 'refund' | 'replace';
  /** whether a carrier can reach the destination, for perishables with a cold chain (from chooseCarrier) */
  reshipReachable: boolean;
  /** why none can, when chooseCarrier said so: named in the decision's reasons */
  unreachableBecause?: 'no_cold_chain' | 'no_coverage';
}

/** How a granted claim is resolved. */
export interface ResolutionPlan {
  resolution: 'reship' | 'refund' | 'replace' | 'return_and_refund';
  returnRequired: boolean;
  /** returned goods are quarantined, never resold */
  quarantineOnReturn: boolean;
  gift: boolean;
  /** The gift SKU to add to the parcel, present exactly when `gift` is true. */
  giftSku?: string;
  /** Refund now (true) rather than on receipt of the returned goods. False when nothing is refunded. */
  refundImmediately: boolean;
  reasons: string[];
}

type Kind = ResolutionPlan['resolution'];

/** Builds a plan; replace and return_and_refund always take the goods back, a reship only if `takeBack`. */
function plan(resolution: Kind, reasons: string[], opts: { gift?: string; takeBack?: boolean } = {}): ResolutionPlan {
  const { gift, takeBack = false } = opts;
  const returnRequired = resolution === 'return_and_refund' || resolution === 'replace' || takeBack;
  return {
    resolution,
    returnRequired,
    quarantineOnReturn: returnRequired,
    gift: gift !== undefined,
    ...(gift !== undefined ? { giftSku: gift } : {}),
    refundImmediately: resolution === 'refund',
    reasons,
  };
}

/** Reship, unless the customer prefers a refund or no carrier can reach; then `fallback`. */
function reshipOr(input: ResolutionInput, fallback: Kind, reasons: string[], opts: { gift?: string; takeBack?: boolean } = {}): ResolutionPlan {
  if (input.preferred === 'refund') return plan(fallback, [...reasons, 'customer prefers a refund']);
  if (!input.reshipReachable) return plan(fallback, [...reasons, unreachable(input)]);
  return plan('reship', reasons, opts);
}

/** The reason a reshipment cannot go, as the decision states it. */
function unreachable(input: ResolutionInput): string {
  return input.unreachableBecause === 'no_cold_chain' ? 'no cold chain reaches the destination' : 'no carrier can reach the destination';
}

/** The gift SKU a reshipment earns, if any. */
function giftFor(policy: PolicyConfig, input: ResolutionInput): string | undefined {
  const r = policy.resolution;
  if (!r.giftCaseTypes.includes(input.caseType)) return undefined;
  const earned = r.giftTiers.includes(input.memberTier) || input.claimValue >= r.giftMinClaimValue;
  return earned ? r.giftSku : undefined;
}

/** Chooses reship, refund, replace or return-and-refund for a granted claim. */
export function planResolution(policy: PolicyConfig, input: ResolutionInput): ResolutionPlan {
  const r = policy.resolution;
  switch (input.caseType) {
    case 'damaged':
      return reshipOr(input, 'refund', ['damaged in transit: no need to send it back'], { gift: giftFor(policy, input) });
    case 'spoiled':
      return plan('refund', ['spoiled fresh goods: refund immediately']);
    case 'missing_item':
    case 'not_delivered':
      return reshipOr(input, 'refund', [`${input.caseType}: send the goods again`]);
    case 'wrong_item':
      return reshipOr(input, 'return_and_refund', ['wrong item: the right one is sent, the wrong one comes back'], { takeBack: true });
    case 'quality_issue': {
      const replaceable = input.categories.some((c) => r.replaceCategories.includes(c));
      const days = input.daysSinceDelivery;
      const withinDays = r.replaceWithinMinutes / MINUTES_PER_DAY;
      if (replaceable && days !== null && days <= withinDays) {
        if (!input.reshipReachable) return plan('return_and_refund', [`${unreachable(input)} for a replacement`]);
        return plan('replace', [`quality issue within ${withinDays} days: replace, not repair`]);
      }
      return plan('return_and_refund', ['quality issue: return and refund']);
    }
    case 'return_no_reason':
      return plan('return_and_refund', ['no-reason return: door pickup, refund on receipt']);
  }
}

/** The plan when the warehouse has no stock for a reship or replace: refund instead (no gift). */
export function resolutionWhenOutOfStock(p: ResolutionPlan): ResolutionPlan {
  if (p.resolution !== 'reship' && p.resolution !== 'replace') return p;
  const resolution: Kind = p.returnRequired ? 'return_and_refund' : 'refund';
  return {
    resolution,
    returnRequired: p.returnRequired,
    quarantineOnReturn: p.quarantineOnReturn,
    gift: false,
    refundImmediately: resolution === 'refund',
    reasons: [...p.reasons, 'out of stock: refund instead'],
  };
}

/** Refund for a list of items: sum of unit price × quantity, in integer fen; throws on bad input. */
export function refundAmount(items: ReadonlyArray<{ unitPrice: Fen; quantity: number }>): Fen {
  return items.reduce((sum, { unitPrice, quantity }) => {
    if (!Number.isSafeInteger(unitPrice) || unitPrice < 0 || !Number.isSafeInteger(quantity) || quantity < 0) {
      throw new Error(`refundAmount: unitPrice and quantity must be non-negative integers (got ${unitPrice} × ${quantity})`);
    }
    return sum + unitPrice * quantity;
  }, 0);
}
