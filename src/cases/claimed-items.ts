/**
 * The items a case claims, as its Temporal UI details show them (`- items: \`SKU-A\` × 1, …`), and
 * the way back: so a second opening for the same order and type can tell a repeat of the open
 * case's claim from a claim of other items, with no store and no call to the case's worker.
 */
import type { ClaimedItem } from '../domain/types';

/** The details line of a case's items, in the order the request named them. */
export function itemsDetailLine(items: readonly ClaimedItem[]): string {
  return `- items: ${items.map((i) => `\`${i.sku}\` × ${i.quantity}`).join(', ')}`;
}

/** The items a case's details name, or undefined when they name none (details written another way). */
export function itemsInDetails(details: string | undefined): ClaimedItem[] | undefined {
  const line = details?.split('\n').find((l) => l.startsWith('- items: '));
  if (line === undefined) return undefined;
  const items = [...line.matchAll(/`([^`]+)` × (\d+)/g)].map((m) => ({ sku: m[1] as string, quantity: Number(m[2]) }));
  return items.length > 0 ? items : undefined;
}

/** Whether two claims name the same quantities of the same SKUs, in any order (a SKU named twice counts once per line, summed). */
export function sameItems(a: readonly ClaimedItem[], b: readonly ClaimedItem[]): boolean {
  const total = (items: readonly ClaimedItem[]) => {
    const bySku = new Map<string, number>();
    for (const i of items) bySku.set(i.sku, (bySku.get(i.sku) ?? 0) + i.quantity);
    return bySku;
  };
  const x = total(a);
  const y = total(b);
  return x.size === y.size && [...x].every(([sku, q]) => y.get(sku) === q);
}

/** The items for a message: `SKU-A × 1, SKU-B × 2`. */
export function itemsText(items: readonly ClaimedItem[]): string {
  return items.map((i) => `${i.sku} × ${i.quantity}`).join(', ');
}
