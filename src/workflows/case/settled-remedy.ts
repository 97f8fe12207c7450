/**
 * What a step settled by hand remedied, told to the order system (SETTLED_REMEDY_RECORDED): the OMS
 * learns of refunds and reshipments from payments and the warehouse, so without this a later case on
 * the same lines would see nothing remedied and be paid again. Recorded under the movement's own
 * idempotency key, so a step both settled and (unknown to ops) done by the system counts once. Retried
 * aside, never holding the case; when the tries run out, or at once when the OMS refuses the record,
 * the assignee is told.
 */
import { patched } from '@temporalio/workflow';
import type { RecordSettledRemedyInput } from '../../activities/types';
import { movements } from './activities';
import { failureMessage, isRefusal, tellDuplicated } from './attention';
import { notifyStaff, retriedAside, staffTemplate, type CaseContext } from './context';
import type { AttentionStep } from './contract';
import { SETTLED_REMEDY_RECORDED } from './patches';

/**
 * Pauses between tries of a failing record (minutes), then staff are told: short at first, since a
 * claim on the same line opened before the record lands is not refused (found from outside: with 30
 * minutes first, a claim opened once the order system was back was paid again); about 2.5 days in all.
 */
const RECORD_RETRY_PAUSES = [1, 2, 5, 15, 30, 120, 480, 1440, 1440];

export type SettledRemedy = { kind: 'refund'; amount: number } | { kind: 'reshipment' };

export function recordSettledAside(ctx: CaseContext, step: AttentionStep, settled: { by: string; reference: string }, remedy: SettledRemedy, idempotencyKey: string): void {
  if (!patched(SETTLED_REMEDY_RECORDED)) return;
  const { caseId, orderId, items: lines } = ctx.input;
  const input: RecordSettledRemedyInput = remedy.kind === 'refund'
    ? { caseId, orderId, kind: 'refund', lines, amount: remedy.amount, idempotencyKey }
    : { caseId, orderId, kind: 'reshipment', lines, idempotencyKey };
  const record = async () => {
    let recorded: boolean;
    try {
      ({ recorded } = await movements.recordSettledRemedy(input));
    } catch (err) {
      if (!isRefusal(err)) throw err; // an outage: tried again after the pause
      // The order system refuses the record: asking again cannot help, so the assignee is told at once.
      ctx.state.record('remedy_record_refused', `${remedy.kind} settled by hand: ${failureMessage(err)}; record it with the order system by hand`);
      if (ctx.state.view.assignee) await notifyStaff(ctx, ctx.state.view.assignee, staffTemplate('step_needs_attention'), { step, reason: 'remedy_record_refused' });
      return true;
    }
    if (recorded) ctx.state.record('remedy_recorded', `${remedy.kind} settled by hand recorded with the order system`);
    // The OMS already counts a remedy under the step's own key: payments or the warehouse did it too.
    else await tellDuplicated(ctx, step, settled, 'the order system already counts its remedy under its key');
    return true;
  };
  ctx.aside.push(retriedAside(ctx, 'record-settled-remedy', record, RECORD_RETRY_PAUSES));
}
