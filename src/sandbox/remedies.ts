/**
 * The OMS's record of what cases remedied on each order line: refunds that name their lines and
 * dispatched reshipments (reship or replace) add quantity and value to the lines they cover, so a
 * later case can see what is left to claim. One record per Idempotency-Key, so a retried call never
 * counts twice. Plain JSON (a Record of plain objects) so the sandbox state persists as is.
 */
import { z } from 'zod';
import type { ClaimedItem, Fen, OrderItem } from '../domain/types';
import { SandboxError } from './http';
import type { SandboxOrder, SandboxState } from './state';

export interface RemedyLine { sku: string; quantity: number; amount: Fen }
export interface Remedy {
  /** The Idempotency-Key of the refund or dispatch that remedied. */
  key: string;
  kind: 'refund' | 'reshipment';
  orderId: string;
  caseId: string;
  lines: RemedyLine[];
  /** Recorded from a step settled by hand (POST /orders/:orderId/remedies), not by payments or the warehouse. */
  settled?: true;
  recordedAt: string;
}
export type Remedied = NonNullable<OrderItem['remedied']>;

/** The lines a refund or dispatch says it remedies; absent (older callers) = none recorded. */
export const remediedLinesSchema = z
  .array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.int().positive().max(999) }))
  .max(100)
  .default([]);

/** 422 `item_not_in_order` when an item is not on the order or claims more units than were bought. */
export function assertItemsInOrder(order: SandboxOrder, items: readonly ClaimedItem[]): void {
  for (const i of items) {
    const bought = order.items.find((o) => o.sku === i.sku)?.quantity ?? 0;
    if (i.quantity > bought) throw new SandboxError(422, 'item_not_in_order', `Order has ${bought} of ${i.sku}`);
  }
}

/**
 * A refund's amount spread over its lines in proportion to their value (unit price × quantity),
 * in whole fen; the rounding remainder goes to the last line so the parts add up to `amount`.
 */
export function refundLines(order: SandboxOrder, lines: readonly ClaimedItem[], amount: Fen): RemedyLine[] {
  const values = lines.map((l) => (order.items.find((o) => o.sku === l.sku)?.unitPrice ?? 0) * l.quantity);
  const total = values.reduce((a, b) => a + b, 0);
  let left = amount;
  return lines.map((l, i) => {
    const last = i === lines.length - 1;
    const share = last ? left : total > 0 ? Math.floor((amount * values[i]!) / total) : 0;
    left -= share;
    return { sku: l.sku, quantity: l.quantity, amount: share };
  });
}

/** A reshipment's lines, each worth what the customer paid for those units. */
export function reshipmentLines(order: SandboxOrder, items: readonly ClaimedItem[]): RemedyLine[] {
  return items.map((i) => ({ sku: i.sku, quantity: i.quantity, amount: (order.items.find((o) => o.sku === i.sku)?.unitPrice ?? 0) * i.quantity }));
}

/** Records a remedy once per key; a second record under the same key is ignored. */
export function recordRemedy(state: SandboxState, remedy: Omit<Remedy, 'recordedAt'>): void {
  if (remedy.lines.length === 0 || state.remedies[remedy.key]) return;
  state.remedies[remedy.key] = { ...remedy, recordedAt: new Date().toISOString() };
}

/** sku → quantity and amount remedied so far on an order, summed over every recorded remedy. */
export function remediedByLine(state: SandboxState, orderId: string): Record<string, Remedied> {
  const byLine: Record<string, Remedied> = {};
  for (const remedy of Object.values(state.remedies)) {
    if (remedy.orderId !== orderId) continue;
    for (const l of remedy.lines) {
      const sum = byLine[l.sku] ?? { quantity: 0, amount: 0 };
      byLine[l.sku] = { quantity: sum.quantity + l.quantity, amount: sum.amount + l.amount };
    }
  }
  return byLine;
}
