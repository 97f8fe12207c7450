/**
 * Since REMEDY_RECHECK (patches.ts): an approved claim more than RECHECK_AFTER_MS after the case
 * was opened (a review, an evidence wait, a dispute; or an intake slowed by retries) reads the order
 * again before its first movement, and is refused when the lines it claims were remedied meanwhile by
 * another case of the order. The case shows `resolving` from that moment, so a second review, a
 * ruling or another preferred resolution is refused while the order is read; a withdrawal is still
 * taken (nothing has moved) and the caller closes the case for it. A claim decided within the minute
 * keeps what intake read, unless a person approved it in a review (REVIEW_RECHECK: a reviewer may
 * answer within seconds, while another case of the order paid at once). If the order system does not answer within two minutes, or refuses, the
 * case goes on with what intake read and says so on its timeline (the payments system still caps
 * refunds at the order's total); it never fails the case. Checked once: a return's refund, days
 * later once the goods are back, is not checked again.
 */
import { patched } from '@temporalio/workflow';
import { remedyRefusal } from '../../policy/claims';
import { quickCalls } from './activities';
import { failureText, type CaseContext } from './context';
import { REMEDY_RECHECK, REVIEW_RECHECK } from './patches';

/** How long after the opening an approval reads the order again. */
export const RECHECK_AFTER_MS = 60_000;

/** Why the claim can no longer be remedied, or undefined to go on. */
export async function recheckRemedies(ctx: CaseContext): Promise<string | undefined> {
  if (!ctx.state.integrity) return undefined;
  const late = Date.now() - Date.parse(ctx.input.openedAt) >= RECHECK_AFTER_MS;
  // Asked only by a review approved within the minute (older histories of one replay without it).
  if (!late && !(ctx.state.reviewDecision === 'approve' && patched(REVIEW_RECHECK))) return undefined;
  if (!patched(REMEDY_RECHECK)) return undefined;
  ctx.state.moveTo('resolving');
  const read = await remediedMeanwhile(ctx);
  if ('failed' in read) ctx.state.record('remedy_recheck_failed', `the order was not read again: ${read.failed}; going on with what intake read`);
  return 'why' in read ? read.why : undefined;
}

/**
 * The order read again: why its claimed lines can no longer be remedied (other cases remedied them;
 * `why` undefined when they still can), or why the order could not be read.
 */
export async function remediedMeanwhile(ctx: CaseContext): Promise<{ why: string | undefined } | { failed: string }> {
  try {
    const order = await quickCalls.getOrder({ orderId: ctx.input.orderId });
    return { why: remedyRefusal(order.items, ctx.input.items) };
  } catch (err) {
    return { failed: failureText(err) };
  }
}
