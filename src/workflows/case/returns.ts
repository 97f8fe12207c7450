/**
 * The return flow since CASE_INTEGRITY: door pickup (a lost answer looked up by key), the customer's
 * hand-over deadline (the merchant's clock paused), the warehouse's receipt deadline, quarantine.
 * The customer may still withdraw until the goods are handed over; a withdrawn or forfeited return
 * cancels its pickup (retried aside, never fatal). Every deadline comes from the waiting table.
 */
import { patched } from '@temporalio/workflow';
import { idempotencyKey } from '../../activities/types';
import type { Carrier } from '../../domain/types';
import { movements, quickCalls } from './activities';
import { runMovement } from './attention';
import { notifyCustomer, retriedAside, type CaseContext } from './context';
import type { ShipmentState } from './contract';
import { RETURN_RESOLVING_STATUS, RETURN_WITHDRAWN_BEFORE_PICKUP } from './patches';
import { planWait, waitIn } from './waits';

/** Pauses between tries of a failing pickup cancellation (minutes), then staff are told. */
const CANCEL_RETRY_PAUSES = [30, 120, 480, 1440];
const HANDED_OVER: ShipmentState['status'][] = ['picked_up', 'in_transit', 'delivered'];

export async function collectReturnOnce(ctx: CaseContext, carrier: Carrier): Promise<'received' | 'not_shipped' | 'withdrawn'> {
  const { state, input } = ctx;
  // Decided: the case shows it is being resolved while the pickup is booked (RETURN_RESOLVING_STATUS).
  if (patched(RETURN_RESOLVING_STATUS) && state.status !== 'resolving') state.moveTo('resolving'); // resolving already after a re-read order (REMEDY_RECHECK)
  const pickupKey = idempotencyKey(input.caseId, 'schedule-pickup');
  const lookUp = async () => {
    const found = await quickCalls.lookupPickup({ caseId: input.caseId, idempotencyKey: pickupKey });
    return found.found ? found.pickup : undefined;
  };
  // Withdrawn while the pickup was being booked (RETURN_WITHDRAWN_BEFORE_PICKUP; asked only once the
  // customer has withdrawn): before, a booking held for ops went on, and could be settled and refunded.
  const withdrawn = () => state.withdrawn && patched(RETURN_WITHDRAWN_BEFORE_PICKUP);
  const booked = await runMovement(
    ctx,
    'schedule_pickup',
    () => movements.schedulePickup({ caseId: input.caseId, orderId: input.orderId, carrier, items: input.items, idempotencyKey: pickupKey }),
    { reconcile: lookUp, abandon: { when: withdrawn, why: 'the customer withdrew' } },
  );
  if ('abandoned' in booked) {
    // A try whose answer was lost may still have booked it: looked up by key, then cancelled.
    ctx.aside.push(retriedAside(ctx, 'cancel-pickup', async () => {
      const pickup = await lookUp();
      if (pickup) await cancelPickup(ctx, pickup.pickupId, pickup.trackingNumber);
      else state.record('pickup_not_booked', 'looked up by idempotency key after the withdrawal');
      return true;
    }, CANCEL_RETRY_PAUSES));
    return 'withdrawn';
  }
  let parcel: ShipmentState | undefined;
  if (booked.done) {
    const pickup = booked.value;
    parcel = { kind: 'return_pickup', carrier: pickup.carrier, trackingNumber: pickup.trackingNumber, status: 'created', dueAt: '', pickupId: pickup.pickupId };
    state.view.shipments.push(parcel);
    // Withdrawn while the booking went through: cancelled, and no "pickup scheduled" message.
    if (withdrawn()) {
      cancelPickupAside(ctx, parcel);
      return 'withdrawn';
    }
    const p = parcel;
    const handedOver = await waitIn(ctx, 'awaiting_return_shipment', planWait(ctx, 'awaiting_return_shipment'), () => HANDED_OVER.includes(p.status) || state.withdrawn, {
      summary: `return_pickup ${p.trackingNumber} deadline`,
      onEnter: async () => {
        p.dueAt = state.view.currentWait?.dueAt ?? '';
        await notifyCustomer(ctx, 'pickup_scheduled', { carrier: p.carrier, trackingNumber: p.trackingNumber });
      },
    });
    if (!HANDED_OVER.includes(p.status)) {
      if (!handedOver) p.status = 'overdue';
      cancelPickupAside(ctx, p);
      return state.withdrawn ? 'withdrawn' : 'not_shipped';
    }
  }
  // The goods are on their way back: from here the case can no longer be withdrawn.
  state.committed = true;
  const p = parcel;
  const received = await waitIn(ctx, 'awaiting_return_receipt', planWait(ctx, 'awaiting_return_receipt'), () => p?.status === 'delivered' || state.returnReceived, {
    summary: 'warehouse receipt deadline',
    ...(p ? { onEnter: async () => void (p.dueAt = state.view.currentWait?.dueAt ?? '') } : {}),
  });
  state.record(received ? 'return_received' : 'return_receipt_deemed', received ? (p?.trackingNumber ?? 'by hand') : 'warehouse did not confirm in time');
  const quarantined = await runMovement(ctx, 'quarantine_return', () =>
    movements.quarantineReturn({ caseId: input.caseId, orderId: input.orderId, items: input.items, idempotencyKey: idempotencyKey(input.caseId, 'quarantine-return') }),
  );
  state.record('return_quarantined', quarantined.done ? quarantined.value.quarantineId : 'by hand');
  await notifyCustomer(ctx, 'return_received', {});
  return 'received';
}

/** A forfeited or withdrawn return: the booked pickup is cancelled, aside from the main story. */
function cancelPickupAside(ctx: CaseContext, parcel: ShipmentState): void {
  const pickupId = parcel.pickupId;
  if (!pickupId) return;
  const cancel = async () => {
    await cancelPickup(ctx, pickupId, parcel.trackingNumber);
    parcel.status = 'cancelled';
    return true;
  };
  ctx.aside.push(retriedAside(ctx, 'cancel-pickup', cancel, CANCEL_RETRY_PAUSES));
}

async function cancelPickup(ctx: CaseContext, pickupId: string, trackingNumber: string): Promise<void> {
  await movements.cancelPickup({ caseId: ctx.input.caseId, pickupId, idempotencyKey: idempotencyKey(ctx.input.caseId, 'cancel-pickup') });
  ctx.state.record('pickup_cancelled', trackingNumber);
}
