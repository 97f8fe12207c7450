/**
 * What the chaos test (chaos-integrity.test.ts) checks in the sandbox once every case rests: each
 * check returns the violations it found, so a failure names every offending line, case or key.
 */
import { remediedByLine } from '../../src/sandbox/remedies';
import type { SandboxState } from '../../src/sandbox/state';
import type { ClaimedItem } from '../../src/domain/types';

/** A case as the checks see it: its order and the lines it claimed. */
export interface ClaimedCase { caseId: string; orderId: string; claimed: ClaimedItem[] }

/** The OMS record: no order line remedied beyond its quantity or value; no case beyond its claim. */
export function overRemedied(state: SandboxState, orderIds: string[], cases: ClaimedCase[]): string[] {
  const problems: string[] = [];
  for (const orderId of orderIds) {
    const order = state.orders.get(orderId)!;
    const remedied = remediedByLine(state, orderId);
    for (const line of order.items) {
      const r = remedied[line.sku];
      if (r && (r.quantity > line.quantity || r.amount > line.unitPrice * line.quantity)) problems.push(`${orderId}/${line.sku}: remedied ${r.quantity} (${r.amount} fen) of ${line.quantity}`);
    }
  }
  for (const c of cases) {
    const byCase: Record<string, number> = {};
    for (const remedy of Object.values(state.remedies).filter((r) => r.caseId === c.caseId)) for (const l of remedy.lines) byCase[l.sku] = (byCase[l.sku] ?? 0) + l.quantity;
    for (const [sku, quantity] of Object.entries(byCase)) {
      const claimed = c.claimed.find((i) => i.sku === sku)?.quantity ?? 0;
      if (quantity > claimed) problems.push(`${c.caseId}: remedied ${quantity} of ${sku}, claimed ${claimed}`);
    }
  }
  return problems;
}

/**
 * The same from the ledger alone, whatever lines the workflow declared: a case that moved money or
 * a parcel remedied its claim, no case did both, and the claims so remedied fit each order line.
 */
export function movedTwice(state: SandboxState, cases: ClaimedCase[]): string[] {
  const problems: string[] = [];
  const movedByLine: Record<string, number> = {};
  for (const c of cases) {
    const refunded = state.ledger.list({ kind: 'refund', caseId: c.caseId }).length > 0;
    const shipped = state.ledger.list({ kind: 'shipment', caseId: c.caseId }).length > 0;
    if (refunded && shipped) problems.push(`${c.caseId}: refunded and reshipped`);
    if (!refunded && !shipped) continue;
    for (const i of c.claimed) movedByLine[`${c.orderId}/${i.sku}`] = (movedByLine[`${c.orderId}/${i.sku}`] ?? 0) + i.quantity;
  }
  for (const [line, quantity] of Object.entries(movedByLine)) {
    const [orderId, sku] = line.split('/');
    const bought = state.orders.get(orderId!)!.items.find((i) => i.sku === sku)!.quantity;
    if (quantity > bought) problems.push(`${line}: claims of ${quantity} remedied, ${bought} bought`);
  }
  return problems;
}

/** No key paid, shipped or couponed twice; at most one parcel per case; no case refunded beyond its claim. */
export function paidOrShippedTwice(state: SandboxState, cases: ClaimedCase[]): string[] {
  const problems: string[] = [];
  const ledger = state.ledger.list();
  for (const kind of ['refund', 'shipment', 'coupon'] as const) {
    const keys = ledger.filter((e) => e.kind === kind).map((e) => e.key);
    for (const key of new Set(keys)) if (keys.filter((k) => k === key).length > 1) problems.push(`${kind} key ${key} recorded twice`);
  }
  for (const c of cases) {
    const parcels = ledger.filter((e) => e.kind === 'shipment' && e.caseId === c.caseId).length;
    if (parcels > 1) problems.push(`${c.caseId}: ${parcels} parcels`);
    const refunded = ledger.filter((e) => e.kind === 'refund' && e.caseId === c.caseId).reduce((sum, e) => sum + (e.result as { amount: number }).amount, 0);
    const order = state.orders.get(c.orderId)!;
    const claimed = c.claimed.reduce((sum, i) => sum + (order.items.find((o) => o.sku === i.sku)?.unitPrice ?? 0) * i.quantity, 0);
    if (refunded > claimed) problems.push(`${c.caseId}: refunded ${refunded} fen of a ${claimed} fen claim`);
  }
  return problems;
}

/** A return that will not come (the case withdrawn or rejected) leaves no door pickup booked. */
export function pickupsLeftBooked(state: SandboxState, closedWithoutReturn: string[]): string[] {
  const collected = (trackingNumber: string) => (state.parcels.get(trackingNumber)?.events ?? []).some((e) => e.event !== 'exception');
  return Object.values(state.pickups)
    .filter((p) => closedWithoutReturn.includes(p.caseId) && p.status === 'booked' && !collected(p.trackingNumber))
    .map((p) => `${p.caseId}: pickup ${p.pickupId} still booked`);
}
