/**
 * Since REMEDY_RECHECK (patches.ts): an approved claim whose order was read more than
 * RECHECK_AFTER_MS ago reads it again just before money or stock moves, and is refused when the
 * lines it claims were remedied meanwhile by another case of the order (another case type, opened
 * while this one waited for its review, evidence or dispute). A claim decided at once keeps what
 * intake read: nothing could have changed in between. If the order system does not answer within
 * two minutes, the case goes on with what intake read and says so on its timeline (the payments
 * system still caps refunds at the order's total); it never fails the case.
 */
import { patched } from '@temporalio/workflow';
import { remedyRefusal } from '../../policy/claims';
import { quickCalls } from './activities';
import { failureText, type CaseContext } from './context';
import { REMEDY_RECHECK } from './patches';

/** How old the order may be before a claim is checked against it again. */
export const RECHECK_AFTER_MS = 60_000;

/** Why the claim can no longer be remedied, or undefined to go on. */
export async function recheckRemedies(ctx: CaseContext): Promise<string | undefined> {
  if (!ctx.state.integrity || Date.now() - Date.parse(ctx.input.openedAt) < RECHECK_AFTER_MS) return undefined;
  if (!patched(REMEDY_RECHECK)) return undefined;
  try {
    const order = await quickCalls.getOrder({ orderId: ctx.input.orderId });
    return remedyRefusal(order.items, ctx.input.items);
  } catch (err) {
    ctx.state.record('remedy_recheck_failed', `the order was not read again: ${failureText(err)}; going on with what intake read`);
    return undefined;
  }
}
