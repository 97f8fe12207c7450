/**
 * Claim windows: how long after delivery each case type may be opened. Windows are inclusive:
 * a case opened exactly at the end of its window is still in time.
 *   return_no_reason 7 days (七天无理由), never for fresh goods; spoiled 48 hours;
 *   damaged / missing_item / wrong_item 15 days; quality_issue 30 days, 180 days for 3c (if any
 *   claimed category has a longer window, the longest applies); not_delivered: the order must be
 *   shipped and not yet delivered. Every other type needs a delivered order with a delivery time.
 */
import type { CaseType, Category, ClaimedItem, Fen, OrderItem } from '../domain/types';
import type { PolicyConfig } from './config';
import { MINUTES_PER_DAY, minutesToMs, MS_PER_DAY } from './units';

/** What the claim window needs to know. Instants are epoch milliseconds. */
export interface ClaimWindowInput {
  caseType: CaseType;
  categories: Category[];
  orderStatus: 'unshipped' | 'shipped' | 'delivered';
  deliveredAtMs?: number;
  openedAtMs: number;
}

/** Whether a case may be opened; days since delivery are exact (fractional), null when undelivered. */
export type ClaimWindow = { open: true; daysSinceDelivery: number | null } | { open: false; reason: string };

/** The window in minutes for a case type and the claimed categories (the longest applicable). */
export function claimWindowMinutes(policy: PolicyConfig, caseType: Exclude<CaseType, 'not_delivered'>, categories: readonly Category[]): number {
  const c = policy.claimWindows;
  const overrides = c.byCategoryMinutes[caseType] ?? {};
  return categories.reduce((max, cat) => Math.max(max, overrides[cat] ?? 0), c.afterDeliveryMinutes[caseType]);
}

/** Decides whether a case of this type may still be opened for this order. */
export function claimWindow(policy: PolicyConfig, input: ClaimWindowInput): ClaimWindow {
  const { caseType } = input;
  const excluded = (policy.claimWindows.excludedCategories[caseType] ?? []).filter((cat) => input.categories.includes(cat));
  if (excluded.length > 0) {
    return { open: false, reason: `${caseType} is not available for ${excluded.join(', ')} goods` };
  }
  if (caseType === 'not_delivered') {
    if (input.orderStatus === 'shipped') return { open: true, daysSinceDelivery: null };
    return { open: false, reason: `not_delivered needs a shipped, undelivered order (order is ${input.orderStatus})` };
  }
  if (input.orderStatus !== 'delivered') {
    return { open: false, reason: `${caseType} needs a delivered order (order is ${input.orderStatus})` };
  }
  if (input.deliveredAtMs === undefined || !Number.isFinite(input.deliveredAtMs)) {
    return { open: false, reason: 'order is delivered but its delivery time is unknown' };
  }
  const elapsedMs = Math.max(0, input.openedAtMs - input.deliveredAtMs);
  const windowMinutes = claimWindowMinutes(policy, caseType, input.categories);
  if (elapsedMs > minutesToMs(windowMinutes)) {
    return { open: false, reason: `${caseType} window of ${windowMinutes / MINUTES_PER_DAY} days after delivery has passed` };
  }
  return { open: true, daysSinceDelivery: elapsedMs / MS_PER_DAY };
}

/** A claimed line the order does not hold: its SKU is not on the order (`ordered` 0), or more was claimed than ordered. */
export interface UnorderedClaim {
  sku: string;
  claimed: number;
  ordered: number;
}

/** The claimed lines the order does not hold (a line holds a claim when one order line of its SKU has the quantity). */
export function unorderedClaims(items: readonly OrderItem[], claimed: readonly ClaimedItem[]): UnorderedClaim[] {
  return claimed.flatMap((c) => {
    const ordered = Math.max(0, ...items.filter((i) => i.sku === c.sku).map((i) => i.quantity));
    return ordered >= c.quantity ? [] : [{ sku: c.sku, claimed: c.quantity, ordered }];
  });
}

/** Why such a claim is refused, each line told as what it is: not on the order, or more than ordered. */
export function unorderedClaimsReason(unordered: readonly UnorderedClaim[]): string | undefined {
  const absent = unordered.filter((u) => u.ordered === 0).map((u) => u.sku);
  const beyond = unordered.filter((u) => u.ordered > 0).map((u) => `${u.sku} (${u.claimed} claimed, ${u.ordered} ordered)`);
  const parts = [...(absent.length > 0 ? [`items not in the order: ${absent.join(', ')}`] : []), ...(beyond.length > 0 ? [`more than ordered: ${beyond.join(', ')}`] : [])];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** What is still claimable on an order line after earlier cases' remedies. */
export function claimableOnLine(item: OrderItem): { quantity: number; amount: Fen } {
  const done = item.remedied ?? { quantity: 0, amount: 0 };
  return {
    quantity: Math.max(0, item.quantity - done.quantity),
    amount: Math.max(0, item.unitPrice * item.quantity - done.amount),
  };
}

/** Why a claim asks for more than the lines still have (earlier cases' remedies), or undefined. */
export function remedyRefusal(items: readonly OrderItem[], claimed: readonly ClaimedItem[]): string | undefined {
  const over = claimed.flatMap((c) => {
    const item = items.find((i) => i.sku === c.sku);
    if (!item) return [];
    const left = claimableOnLine(item);
    return c.quantity > left.quantity || left.amount <= 0
      ? [`${c.sku}: ${c.quantity} claimed, ${left.quantity} of ${item.quantity} left after earlier remedies`]
      : [];
  });
  return over.length > 0 ? `already remedied by earlier cases (${over.join('; ')})` : undefined;
}

/** The value of a claim, each line capped at what remains unremedied on it. */
export function claimableValue(items: readonly OrderItem[], claimed: readonly ClaimedItem[]): Fen {
  return claimed.reduce((sum, c) => {
    const item = items.find((i) => i.sku === c.sku);
    return item ? sum + Math.min(item.unitPrice * c.quantity, claimableOnLine(item).amount) : sum;
  }, 0);
}
