/**
 * Paying a refund since CASE_INTEGRITY: granted, then paid exactly once under one idempotency key.
 * A payment system that stays down holds the case in `needs_attention` (retried at growing pauses
 * or by ops); a lost answer is looked up by key before anything else; a refusal (`PaymentsRejected`,
 * e.g. the amount exceeds what is refundable) is never retried on a timer: the case waits for an
 * agent, who is told why, to retry it or settle it by hand; unless the refund is the claim's only
 * movement (nothing returned or reshipped) and the order, read again, shows the claimed lines
 * remedied meanwhile by other cases (REFUSED_REFUND_EXPLAINED): then the refund is `refused` and the
 * caller closes the claim as rejected with that reason.
 */
import { patched } from '@temporalio/workflow';
import { failureType } from '../../activities/failures';
import { idempotencyKey } from '../../activities/types';
import { movements, quickCalls } from './activities';
import { failureMessage, runMovement } from './attention';
import { notifyCustomer, notifyStaff, staffTemplate, type CaseContext } from './context';
import { REFUSED_REFUND_EXPLAINED } from './patches';
import { remediedMeanwhile } from './remedy-recheck';
import { recordSettledAside } from './settled-remedy';

/**
 * Pays the refund; when it is the claim's only movement (`onlyMovement`), answers why it cannot be
 * paid if payments refuse it and the lines were remedied by other cases (then nothing was paid).
 */
export async function payRefundOnce(ctx: CaseContext, amount: number, reason: string, onlyMovement = false): Promise<string | undefined> {
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
      ...(onlyMovement && { explainRefusal: (type: string) => remediedElsewhere(ctx, type) }),
    },
  );
  if ('refused' in outcome) {
    refund.status = 'refused';
    refund.lastError = outcome.message;
    state.record('refund_refused', outcome.message);
    // Held for ops before (an earlier round failed): the assignee, told it was failing, learns it closed.
    const assignee = state.view.assignee;
    if (refund.attempts > 1 && assignee) await notifyStaff(ctx, assignee, staffTemplate('step_needs_attention'), { step: 'refund', reason: 'refund_refused_line_remedied' });
    return outcome.message;
  }
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
  return undefined;
}

/**
 * Why payments refused the refund, when the order system can tell: the claimed lines were remedied
 * by other cases after this one was decided (two claims on one line decided in the same moments).
 * An order system that does not answer explains nothing: the case holds for ops as before.
 */
async function remediedElsewhere(ctx: CaseContext, type: string): Promise<string | undefined> {
  if (type !== failureType('payments', 'Rejected') || !patched(REFUSED_REFUND_EXPLAINED)) return undefined;
  const read = await remediedMeanwhile(ctx);
  if ('failed' in read) {
    ctx.state.record('refusal_unexplained', `refund: the order was not read after the refusal: ${read.failed}`);
    return undefined;
  }
  return read.why === undefined ? undefined : `payments refused the refund: ${read.why}`;
}
