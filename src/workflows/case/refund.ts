/**
 * Paying a refund since CASE_INTEGRITY: granted, then paid exactly once under one idempotency key.
 * A payment system that stays down holds the case in `needs_attention` (retried at growing pauses
 * or by ops); a lost answer is looked up by key before anything else; a refusal (`PaymentsRejected`,
 * e.g. the amount exceeds what is refundable) is never retried on a timer: the case waits for an
 * agent, who is told why, to retry it or settle it by hand.
 */
import { idempotencyKey } from '../../activities/types';
import { movements, quickCalls } from './activities';
import { failureMessage, runMovement } from './attention';
import { notifyCustomer, type CaseContext } from './context';
import { recordSettledAside } from './settled-remedy';

export async function payRefundOnce(ctx: CaseContext, amount: number, reason: string): Promise<void> {
  const { state, input } = ctx;
  state.committed = true;
  state.view.refund = { amount, status: 'granted', attempts: 0 };
  state.moveTo('refund_pending');
  await notifyCustomer(ctx, 'refund_accepted', { amount, expectedWithinHours: 2 });
  const refund = state.view.refund;
  const key = idempotencyKey(input.caseId, 'refund');
  const outcome = await runMovement(
    ctx,
    'refund',
    async () => {
      refund.attempts += 1;
      try {
        return await movements.issueRefund({ caseId: input.caseId, orderId: input.orderId, amount, reason, lines: input.items, idempotencyKey: key });
      } catch (err) {
        refund.status = 'failing';
        refund.lastError = failureMessage(err);
        throw err;
      }
    },
    {
      reconcile: async () => {
        const found = await quickCalls.lookupRefund({ caseId: input.caseId, idempotencyKey: key });
        return found.found ? found.refund : undefined;
      },
    },
  );
  refund.status = 'paid';
  refund.lastError = undefined;
  if (outcome.done) refund.refundId = outcome.value.refundId;
  else if ('reference' in outcome) {
    refund.refundId = `manual:${outcome.reference}`;
    recordSettledAside(ctx, 'refund', { by: outcome.settledBy, reference: outcome.reference }, { kind: 'refund', amount }, key);
  }
  state.markResolved();
  state.record('refund_paid', `${amount} fen`);
  state.sync();
  await notifyCustomer(ctx, 'refund_paid', { amount });
}
