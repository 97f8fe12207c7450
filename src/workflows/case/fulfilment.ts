/**
 * Carrying out the decision: refund exactly once (granted and paid are two states; a failing payment
 * stays visible, escalates and is retried with the same key), reship with stock reserved first and
 * released if dispatch fails, and the return flow (door pickup → return deadline → receipt →
 * quarantine, never resold) before a refund or a replacement.
 */
import { ActivityFailure, ApplicationFailure, condition, patched, sleep } from '@temporalio/workflow';
import { idempotencyKey } from '../../activities/types';
import type { Carrier } from '../../domain/types';
import { deliveryDeadlineMinutes, waitingRule, type WaitingState } from '../../policy';
import { movements } from './activities';
import { addMinutes, escalate, minutes, notifyCustomer, notifyStaff, type CaseContext } from './context';
import type { ShipmentState } from './contract';
import { NOTIFY_RESHIP_DELIVERED } from './patches';
import { nowIso } from './state';

/** How long to wait before paying a failing refund again. */
const REFUND_RETRY_PAUSE = '30 minutes';

/** The deadline of a waiting state whose rule is a fixed number of minutes. */
export function waitMinutes(ctx: CaseContext, state: WaitingState): number {
  const rule = waitingRule(ctx.policy, state);
  if (typeof rule.deadlineMinutes !== 'number') throw new Error(`waiting rule ${state} has no fixed deadline`);
  return rule.deadlineMinutes;
}

function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** Grants the refund, then pays it; never gives up, never pays twice (cases before CASE_INTEGRITY; see refund.ts). */
export async function payRefund(ctx: CaseContext, amount: number, reason: string): Promise<void> {
  const { state } = ctx;
  state.committed = true;
  state.view.refund = { amount, status: 'granted', attempts: 0 };
  state.moveTo('refund_pending');
  await notifyCustomer(ctx, 'refund_accepted', { amount, expectedWithinHours: 2 });
  const refund = state.view.refund;
  for (;;) {
    refund.attempts += 1;
    try {
      const paid = await movements.issueRefund({
        caseId: ctx.input.caseId,
        orderId: ctx.input.orderId,
        amount,
        reason,
        lines: ctx.input.items,
        idempotencyKey: idempotencyKey(ctx.input.caseId, 'refund'),
      });
      refund.status = 'paid';
      refund.refundId = paid.refundId;
      refund.lastError = undefined;
      break;
    } catch (err) {
      const firstFailure = refund.status !== 'failing';
      refund.status = 'failing';
      refund.lastError = failureMessage(err);
      state.record('refund_payment_failing', refund.lastError);
      state.sync();
      if (firstFailure) {
        if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'refund_payment_failing', { amount });
        await escalate(ctx, 'refund_payment_failing');
      }
      await sleep(REFUND_RETRY_PAUSE, { summary: 'retry failing refund payment' });
    }
  }
  state.markResolved();
  state.record('refund_paid', `${amount} fen`);
  state.sync();
  await notifyCustomer(ctx, 'refund_paid', { amount });
}

/** Waits for a parcel's terminal carrier event or its deadline. */
async function awaitParcel(ctx: CaseContext, parcel: ShipmentState, done: ShipmentState['status'][]): Promise<boolean> {
  const arrived = await condition(() => done.includes(parcel.status) || ctx.state.closed, Math.max(1, Date.parse(parcel.dueAt) - Date.now()), {
    summary: `${parcel.kind} ${parcel.trackingNumber} deadline`,
  });
  if (!arrived) parcel.status = 'overdue';
  return arrived;
}

/** Reserves stock and dispatches a replacement; returns false when it could not ship (refund instead). */
export async function reship(ctx: CaseContext, carrier: Carrier, gift: boolean): Promise<boolean> {
  const { state, input } = ctx;
  state.committed = true;
  state.moveTo('resolving');
  const region = state.view.region ?? 'East';
  const reservation = await movements.reserveStock({
    caseId: input.caseId,
    region,
    items: input.items,
    idempotencyKey: idempotencyKey(input.caseId, 'reserve-stock'),
  });
  if (!reservation.reserved) {
    state.record('out_of_stock', 'no stock to reship; refunding instead');
    return false;
  }
  let shipment;
  try {
    shipment = await movements.dispatchReshipment({
      caseId: input.caseId,
      orderId: input.orderId,
      reservationId: reservation.reservationId,
      carrier,
      ...(gift ? { giftSku: ctx.policy.resolution.giftSku } : {}),
      items: input.items,
      idempotencyKey: idempotencyKey(input.caseId, 'dispatch-reshipment'),
    });
  } catch (err) {
    // Compensation: give the reserved stock back before falling back to a refund.
    state.record('reshipment_failed', failureMessage(err));
    await movements.releaseStock({
      caseId: input.caseId,
      reservationId: reservation.reservationId,
      idempotencyKey: idempotencyKey(input.caseId, 'release-stock'),
    });
    state.record('stock_released', reservation.reservationId);
    return false;
  }
  const dueAt = addMinutes(nowIso(), deliveryDeadlineMinutes(ctx.policy, region, state.view.remote ?? false));
  const parcel: ShipmentState = { kind: 'reshipment', carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, status: 'created', dueAt: dueAt.toISOString() };
  state.view.shipments.push(parcel);
  state.markResolved();
  state.record('reshipment_dispatched', `${shipment.carrier} ${shipment.trackingNumber}${gift ? ' with a gift' : ''}`);
  await notifyCustomer(ctx, 'reship_dispatched', { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
  state.moveTo('awaiting_delivery', dueAt);
  await awaitParcel(ctx, parcel, ['delivered', 'lost']);
  if (parcel.status === 'delivered') {
    // Added after the v1 histories: cases that reached this point before the change replay without
    // the message (no marker in their history); new cases record the marker and send it.
    if (patched(NOTIFY_RESHIP_DELIVERED)) {
      await notifyCustomer(ctx, 'reship_delivered', { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber });
    }
    return true;
  }
  state.record('parcel_lost', `${parcel.trackingNumber} ${parcel.status}; refunding instead`);
  return false;
}

/** Door pickup, then the customer's return deadline and the warehouse's receipt deadline. */
export async function collectReturn(ctx: CaseContext, carrier: Carrier): Promise<'received' | 'not_shipped'> {
  const { state, input } = ctx;
  state.committed = true;
  const pickup = await movements.schedulePickup({
    caseId: input.caseId,
    orderId: input.orderId,
    carrier,
    items: input.items,
    idempotencyKey: idempotencyKey(input.caseId, 'schedule-pickup'),
  });
  const shipDue = addMinutes(nowIso(), waitMinutes(ctx, 'awaiting_return_shipment'));
  const parcel: ShipmentState = { kind: 'return_pickup', carrier: pickup.carrier, trackingNumber: pickup.trackingNumber, status: 'created', dueAt: shipDue.toISOString() };
  state.view.shipments.push(parcel);
  await notifyCustomer(ctx, 'pickup_scheduled', { carrier: pickup.carrier, trackingNumber: pickup.trackingNumber });
  state.moveTo('awaiting_return_shipment', shipDue);
  const handedOver = await awaitParcel(ctx, parcel, ['picked_up', 'in_transit', 'delivered']);
  if (!handedOver) return 'not_shipped';

  const receiptDue = addMinutes(nowIso(), waitMinutes(ctx, 'awaiting_return_receipt'));
  parcel.dueAt = receiptDue.toISOString();
  state.moveTo('awaiting_return_receipt', receiptDue);
  const received = await condition(() => parcel.status === 'delivered' || state.returnReceived, minutes(waitMinutes(ctx, 'awaiting_return_receipt')), {
    summary: 'warehouse receipt deadline',
  });
  state.record(received ? 'return_received' : 'return_receipt_deemed', received ? parcel.trackingNumber : 'warehouse did not confirm in time');
  const quarantine = await movements.quarantineReturn({
    caseId: input.caseId,
    orderId: input.orderId,
    items: input.items,
    idempotencyKey: idempotencyKey(input.caseId, 'quarantine-return'),
  });
  state.record('return_quarantined', quarantine.quarantineId);
  await notifyCustomer(ctx, 'return_received', {});
  return 'received';
}
