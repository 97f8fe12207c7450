/** Shared pieces of the issue-8 (case integrity) workflow tests: orders, carrier events, assertions. */
import type { NotifyStaffInput } from '../../src/activities/types';
import type { OrderSnapshot } from '../../src/domain/types';
import { carrierEventSignal } from '../../src/workflows/case/contract';
import { view, type CaseHandle } from '../support/case-harness';
import type { FakeWorld } from '../support/fake-activities';
import { order } from '../support/orders';

/** Hairy crab to Shanghai, delivered two hours ago: a spoiled claim is P1 and refunded at once. */
export const seafood = (now: number): OrderSnapshot =>
  order(now, {
    orderId: 'ORD-SEAFOOD-SH',
    items: [{ sku: 'SKU-CRAB', title: 'Hairy crab', category: 'fresh', unitPrice: 12_800, quantity: 1 }],
    deliveredAt: new Date(now - 2 * 3_600_000).toISOString(),
  });

/** A silver member's jacket to Beijing: a no-reason return goes through pickup and receipt. */
export const jacket = (now: number, overrides: Partial<OrderSnapshot> = {}): OrderSnapshot =>
  order(now, {
    orderId: 'ORD-JACKET-BJ',
    memberTier: 'silver',
    destinationDivisionCode: '110101',
    items: [{ sku: 'SKU-JACKET', title: 'Jacket', category: 'apparel', unitPrice: 45_900, quantity: 1 }],
    ...overrides,
  });

/** Sends a carrier event for the case's parcel of `kind`, stamped `occurredAt` (default now). */
export async function carrierEvent(
  handle: CaseHandle,
  kind: 'reshipment' | 'return_pickup',
  event: 'picked_up' | 'in_transit' | 'delivered' | 'lost',
  occurredAt = new Date().toISOString(),
): Promise<string> {
  const parcel = (await view(handle)).shipments.find((s) => s.kind === kind);
  if (!parcel) throw new Error(`no ${kind} parcel`);
  await handle.signal(carrierEventSignal, { trackingNumber: parcel.trackingNumber, event, occurredAt });
  return parcel.trackingNumber;
}

/** Every staff message the case sent. */
export function staffMessages(world: FakeWorld): NotifyStaffInput[] {
  return world.calls.filter((c) => c.name === 'notifyStaff').map((c) => c.input as NotifyStaffInput);
}

/** The workflow execution is running or completed: never failed, never timed out. */
export async function notRunningFailed(handle: CaseHandle): Promise<void> {
  const { status } = await handle.describe();
  if (status.name !== 'RUNNING' && status.name !== 'COMPLETED') throw new Error(`case ${handle.workflowId} is ${status.name}`);
}
