/**
 * Reshipping since CASE_INTEGRITY: stock reserved, then the parcel dispatched, each under its own
 * idempotency key and held in `needs_attention` while its system stays down. A dispatch whose answer
 * was lost is looked up by key before anything is compensated: a parcel that did leave is tracked,
 * never refunded as well. A refusal (carrier or warehouse says no) releases the stock (a
 * compensation retried aside, never fatal) and falls back to a refund. A dispatch ops settle by hand
 * saying their parcel did not use the reserved stock (`stockUsed: false`) releases it too, once the
 * dispatch is known not done by the system (at once, or when a settlement taken unverified is
 * looked up again); the case counts the reshipment as done by hand, with no refund.
 */
import { patched } from '@temporalio/workflow';
import { failureType } from '../../activities/failures';
import { idempotencyKey } from '../../activities/types';
import type { Carrier } from '../../domain/types';
import { movements, quickCalls } from './activities';
import { runMovement, settlementOf } from './attention';
import { notifyCustomer, retriedAside, type CaseContext } from './context';
import type { AttentionStep, ShipmentState } from './contract';
import { SETTLED_DISPATCH_RELEASES_STOCK } from './patches';
import { recordSettledAside } from './settled-remedy';
import { planWait, waitIn } from './waits';

/** Refusals after which the reserved stock goes back and the case refunds instead. */
const DISPATCH_REFUSALS = [failureType('carriers', 'Rejected'), failureType('warehouse', 'Rejected'), failureType('warehouse', 'Conflict')];
/** Pauses between tries of a failing stock release (minutes), then staff are told. */
const RELEASE_RETRY_PAUSES = [30, 120, 480, 1440, 1440];

/** 'shipped' and delivered, 'handled' by ops by hand, or 'failed' (refund instead). */
export async function reshipOnce(ctx: CaseContext, carrier: Carrier, gift: boolean): Promise<'delivered' | 'handled' | 'failed'> {
  const { state, input } = ctx;
  state.committed = true;
  state.moveTo('resolving');
  const reserved = await runMovement(ctx, 'reserve_stock', () =>
    movements.reserveStock({ caseId: input.caseId, region: ctx.intake.region, items: input.items, idempotencyKey: idempotencyKey(input.caseId, 'reserve-stock') }),
  );
  const dispatchKey = idempotencyKey(input.caseId, 'dispatch-reshipment');
  if (!reserved.done) return handledByHand(ctx, 'reserve_stock', reserved, dispatchKey);
  const reservation = reserved.value;
  if (!reservation.reserved) {
    state.record('out_of_stock', 'no stock to reship; refunding instead');
    return 'failed';
  }
  // The parcel ops sent by hand did not use the reserved stock: it goes back (SETTLED_DISPATCH_RELEASES_STOCK).
  const releaseUnused = (stockUsed: boolean | undefined): void => {
    if (stockUsed === false && patched(SETTLED_DISPATCH_RELEASES_STOCK)) releaseAside(ctx, reservation.reservationId);
  };
  const dispatched = await runMovement(
    ctx,
    'dispatch_reshipment',
    () =>
      movements.dispatchReshipment({
        caseId: input.caseId,
        orderId: input.orderId,
        reservationId: reservation.reservationId,
        carrier,
        ...(gift ? { giftSku: ctx.policy.resolution.giftSku } : {}),
        items: input.items,
        idempotencyKey: dispatchKey,
      }),
    {
      fallbackOn: DISPATCH_REFUSALS,
      onSettlementVerified: (settled) => releaseUnused(settled.stockUsed),
      reconcile: async () => {
        const found = await quickCalls.lookupDispatch({ caseId: input.caseId, idempotencyKey: dispatchKey });
        return found.found ? found.shipment : undefined;
      },
    },
  );
  if ('refused' in dispatched) {
    state.record('reshipment_failed', dispatched.message);
    releaseAside(ctx, reservation.reservationId);
    return 'failed';
  }
  if (!dispatched.done) {
    if ('unverified' in dispatched && dispatched.stockUsed === false) {
      // The system's parcel may have left with that stock: released only once the look-up finds the dispatch not done.
      state.record('stock_release_held', `${reservation.reservationId}: the dispatch could not be looked up; released once it is found not done`);
    } else if ('settledBy' in dispatched) releaseUnused(dispatched.stockUsed);
    return handledByHand(ctx, 'dispatch_reshipment', dispatched, dispatchKey);
  }
  const shipment = dispatched.value;
  const delivery = planWait(ctx, 'awaiting_delivery');
  const parcel: ShipmentState = { kind: 'reshipment', carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, status: 'created', dueAt: '' };
  state.view.shipments.push(parcel);
  state.markResolved();
  state.record('reshipment_dispatched', `${shipment.carrier} ${shipment.trackingNumber}${gift ? ' with a gift' : ''}`);
  const arrived = await waitIn(ctx, 'awaiting_delivery', delivery, () => parcel.status === 'delivered' || parcel.status === 'lost' || state.closed, {
    summary: `reshipment ${parcel.trackingNumber} deadline`,
    onEnter: async () => {
      parcel.dueAt = state.view.currentWait?.dueAt ?? '';
      await notifyCustomer(ctx, 'reship_dispatched', { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
    },
  });
  if (!arrived) parcel.status = 'overdue';
  if (parcel.status === 'delivered') {
    await notifyCustomer(ctx, 'reship_delivered', { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber });
    return 'delivered';
  }
  state.record('parcel_lost', `${parcel.trackingNumber} ${parcel.status}; refunding instead`);
  return 'failed';
}

/**
 * Ops carried the reshipment out by hand: the case counts as resolved and goes on to the survey; the
 * order system is told under the dispatch's key (SETTLED_REMEDY_RECORDED), whichever step was settled.
 */
function handledByHand(ctx: CaseContext, step: AttentionStep, outcome: object, dispatchKey: string): 'handled' {
  ctx.state.markResolved();
  ctx.state.record('reshipment_handled_by_hand', step);
  const settled = settlementOf(outcome);
  if (settled) recordSettledAside(ctx, step, settled, { kind: 'reshipment' }, dispatchKey);
  ctx.state.sync();
  return 'handled';
}

/** Compensation: the reserved stock goes back, retried aside so a failing warehouse never holds the refund. */
function releaseAside(ctx: CaseContext, reservationId: string): void {
  const release = async () => {
    await movements.releaseStock({ caseId: ctx.input.caseId, reservationId, idempotencyKey: idempotencyKey(ctx.input.caseId, 'release-stock') });
    ctx.state.record('stock_released', reservationId);
    return true;
  };
  ctx.aside.push(retriedAside(ctx, 'release-stock', release, RELEASE_RETRY_PAUSES));
}
