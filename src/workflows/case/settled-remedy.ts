/**
 * What a step settled by hand remedied, told to the order system (SETTLED_REMEDY_RECORDED): the OMS
 * learns of refunds and reshipments from payments and the warehouse, so without this a later case on
 * the same lines would see nothing remedied and be paid again. Recorded under the movement's own
 * idempotency key, so a step both settled and (unknown to ops) done by the system counts once. Retried
 * aside, never holding the case; when the tries run out the assignee is told.
 */
import { patched } from '@temporalio/workflow';
import type { RecordSettledRemedyInput } from '../../activities/types';
import { movements } from './activities';
import { retriedAside, type CaseContext } from './context';
import { SETTLED_REMEDY_RECORDED } from './patches';

/** Pauses between tries of a failing record (minutes), then staff are told. */
const RECORD_RETRY_PAUSES = [30, 120, 480, 1440, 1440];

export type SettledRemedy = { kind: 'refund'; amount: number } | { kind: 'reshipment' };

export function recordSettledAside(ctx: CaseContext, settled: SettledRemedy, idempotencyKey: string): void {
  if (!patched(SETTLED_REMEDY_RECORDED)) return;
  const { caseId, orderId, items: lines } = ctx.input;
  const input: RecordSettledRemedyInput = settled.kind === 'refund'
    ? { caseId, orderId, kind: 'refund', lines, amount: settled.amount, idempotencyKey }
    : { caseId, orderId, kind: 'reshipment', lines, idempotencyKey };
  const record = async () => {
    const { recorded } = await movements.recordSettledRemedy(input);
    ctx.state.record('remedy_recorded', `${settled.kind} settled by hand ${recorded ? 'recorded with' : 'already known to'} the order system`);
    return true;
  };
  ctx.aside.push(retriedAside(ctx, 'record-settled-remedy', record, RECORD_RETRY_PAUSES));
}
