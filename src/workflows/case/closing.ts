/**
 * Closing the loop: the satisfaction survey with its deadline, the follow-up callback a low rating
 * opens, and for rejected claims the dispute window and the platform's arbitration (小二介入).
 */
import { condition } from '@temporalio/workflow';
import { surveyLowRating } from '../../policy';
import { addMinutes, escalate, minutes, notifyCustomer, notifyStaff, type CaseContext } from './context';
import { waitMinutes } from './fulfilment';
import { nowIso } from './state';
import type { ResumeAt } from './checkpoint';
import { planWait, waitIn, type CarryAt } from './waits';

/** The survey (a low rating opens a follow-up callback); a resumed run (continue-as-new) starts at `from`. */
export async function runSurvey(ctx: CaseContext, from?: ResumePoint): Promise<void> {
  const { state } = ctx;
  if (state.integrity) return surveyFromTable(ctx, from);
  const surveyMinutes = waitMinutes(ctx, 'awaiting_survey');
  state.moveTo('awaiting_survey', addMinutes(nowIso(), surveyMinutes));
  await notifyCustomer(ctx, 'survey', { withinDays: Math.round(surveyMinutes / 1440) });
  const answered = await condition(() => state.view.feedback !== undefined, minutes(surveyMinutes), { summary: 'survey deadline' });
  if (!answered) {
    state.record('survey_expired');
    return;
  }
  const rating = state.view.feedback?.rating ?? 5;
  if (!surveyLowRating(ctx.policy, rating)) return;

  // A low rating reopens the case for a callback within a day; if it lapses, the ladder hears of it.
  const callbackMinutes = waitMinutes(ctx, 'awaiting_callback');
  state.moveTo('awaiting_callback', addMinutes(nowIso(), callbackMinutes));
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'follow_up_requested', { rating });
  const calledBack = await condition(() => state.callbackDone, minutes(callbackMinutes), { summary: 'follow-up callback deadline' });
  if (calledBack) return;
  state.record('follow_up_overdue');
  await escalate(ctx, 'follow_up_overdue');
  await condition(() => state.callbackDone, minutes(callbackMinutes), { summary: 'escalated follow-up callback deadline' });
}

/** After a rejection: wait for a dispute, then for the platform's ruling. True = the customer won. A resumed run starts at `from`. */
export async function disputeWindow(ctx: CaseContext, from?: ResumePoint): Promise<boolean> {
  const { state } = ctx;
  if (state.integrity) return disputeFromTable(ctx, from);
  const disputeMinutes = waitMinutes(ctx, 'awaiting_arbitration');
  state.moveTo('rejected_open_to_dispute', addMinutes(nowIso(), disputeMinutes));
  await notifyCustomer(ctx, 'case_rejected', { disputeWithinDays: Math.round(disputeMinutes / 1440) });
  const disputed = await condition(() => state.disputeRequested || state.withdrawn, minutes(disputeMinutes), {
    summary: 'dispute window',
  });
  if (!disputed || state.withdrawn) return false;
  state.moveTo('in_arbitration', addMinutes(nowIso(), disputeMinutes));
  const ruled = await condition(() => state.arbitrationRuling !== undefined, minutes(disputeMinutes), {
    summary: 'platform ruling deadline',
  });
  return arbitrationVerdict(ctx, ruled);
}

/**
 * The survey and callback since CASE_INTEGRITY: every deadline and party from the waiting table. Each
 * wait may continue as new (a long case); `from` is where a resumed run picks the story up.
 */
async function surveyFromTable(ctx: CaseContext, from?: ResumePoint): Promise<void> {
  const { state } = ctx;
  if (!from || from.at === 'survey') {
    const survey = planWait(ctx, 'awaiting_survey');
    const answered = await waitIn(ctx, 'awaiting_survey', survey, () => state.view.feedback !== undefined, {
      summary: 'survey deadline',
      onEnter: () => notifyCustomer(ctx, 'survey', { withinDays: Math.round(survey.deadlineMinutes / 1440) }),
      carry: carryAt('survey', from),
    });
    if (!answered || !state.view.feedback) {
      state.record('survey_expired');
      return;
    }
    if (!surveyLowRating(ctx.policy, state.view.feedback.rating)) return;
  }
  const callback = planWait(ctx, 'awaiting_callback');
  const calledBack = () => state.callbackDone;
  if (from?.at !== 'escalated_callback') {
    const assignee = state.view.assignee;
    const onEnter = assignee ? () => notifyStaff(ctx, assignee, 'follow_up_requested', { rating: state.view.feedback?.rating ?? 0 }) : undefined;
    const carry = carryAt('callback', from);
    if (await waitIn(ctx, 'awaiting_callback', callback, calledBack, { summary: 'follow-up callback deadline', carry, ...(onEnter ? { onEnter } : {}) })) return;
    state.record('follow_up_overdue');
    await escalate(ctx, 'follow_up_overdue');
  }
  await waitIn(ctx, 'awaiting_callback', callback, calledBack, { summary: 'escalated follow-up callback deadline', carry: carryAt('escalated_callback', from) });
}

/** Where a resumed run picks the closing story up: the step and its wait's absolute deadline. */
export interface ResumePoint {
  at: ResumeAt;
  dueAt: string;
}

/** The wait's part in continue-as-new: resumed (already entered, its deadline kept) when the run resumes there. */
function carryAt(at: ResumeAt, from: ResumePoint | undefined): CarryAt {
  return from?.at === at ? { at, resumeDueAt: from.dueAt } : { at };
}

/** Dispute window (the customer's) and arbitration (the platform's), each from the waiting table. */
async function disputeFromTable(ctx: CaseContext, from?: ResumePoint): Promise<boolean> {
  const { state } = ctx;
  if (from?.at !== 'arbitration') {
    const dispute = planWait(ctx, 'awaiting_dispute');
    const disputed = await waitIn(ctx, 'rejected_open_to_dispute', dispute, () => state.disputeRequested || state.withdrawn, {
      summary: 'dispute window',
      onEnter: () => notifyCustomer(ctx, 'case_rejected', { disputeWithinDays: Math.round(dispute.deadlineMinutes / 1440) }),
      carry: carryAt('dispute', from),
    });
    if (!disputed || state.withdrawn) return false;
  }
  const ruled = await waitIn(ctx, 'in_arbitration', planWait(ctx, 'awaiting_arbitration'), () => state.arbitrationRuling !== undefined, {
    summary: 'platform ruling deadline',
    carry: carryAt('arbitration', from),
  });
  return arbitrationVerdict(ctx, ruled);
}

/** True when the platform ruled for the customer in time; a lapsed arbitration leaves the rejection standing. */
function arbitrationVerdict(ctx: CaseContext, ruled: boolean): boolean {
  if (!ruled) {
    ctx.state.record('arbitration_lapsed', 'no ruling in time; the rejection stands');
    return false;
  }
  ctx.state.record('arbitration_ruled', `in favour of the ${ctx.state.arbitrationRuling}`);
  return ctx.state.arbitrationRuling === 'customer';
}
