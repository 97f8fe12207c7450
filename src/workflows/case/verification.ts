/**
 * Damage verification (现场拍照核实) before money moves: small claims approved on the agent's
 * small-compensation authority, evidence requested and awaited (the resolution clock paused), photos
 * scored, and the uncertain middle sent to a human review that has its own deadline; since policy
 * 2026-12-v2, missing-item and not-delivered claims above the authority go to that review too.
 */
import { condition } from '@temporalio/workflow';
import { evidenceRequirement, reviewTimeoutMinutes, verificationOutcome } from '../../policy';
import { lookups } from './activities';
import { addMinutes, failureText, minutes, notifyCustomer, notifyStaff, type CaseContext } from './context';
import { reviewOnCalendar } from './calendar-sla';
import { caseClocks } from './clocks';
import { pauseResolutionClock, resumeResolutionClock } from './sla';
import { nowIso } from './state';
import { planWait, waitIn } from './waits';

export type VerificationResult = 'approved' | 'rejected' | 'no_evidence' | 'withdrawn';

export async function verifyClaim(ctx: CaseContext): Promise<VerificationResult> {
  const { state, policy, order } = ctx;
  const v = state.view.verification;
  const requirement = evidenceRequirement(policy, {
    caseType: ctx.input.caseType,
    memberTier: order.memberTier,
    claimValue: ctx.intake.claimValue,
    photoCount: v.evidence.length,
    // Read by 2026-12-v2 and later only (authorityCountsEarlierRemedies): older versions judge the claim alone.
    earlierRemedied: order.items.reduce((sum, i) => sum + (i.remedied?.amount ?? 0), 0),
  });
  if (requirement.autoApprove) {
    v.outcome = 'auto_approved';
    state.record('verification', 'approved on the small-compensation authority');
    return 'approved';
  }
  if (requirement.reviewRequired && state.integrity) {
    // Since policy 2026-12-v2: no photo decides it, so a person checks the packing record or the carrier's trace.
    v.outcome = 'human_review';
    state.record('verification', `${ctx.input.caseType} claim above the small-compensation authority: sent to review`);
    return reviewFromTable(ctx, { basis: 'packing_record_or_trace' });
  }
  if (!requirement.photosRequired) {
    v.outcome = 'not_required';
    state.record('verification', 'no photos needed for this case type');
    return 'approved';
  }

  if (v.evidence.length === 0 && state.integrity) {
    const evidence = planWait(ctx, 'awaiting_evidence');
    const arrived = await waitIn(ctx, 'awaiting_evidence', evidence, () => v.evidence.length > 0 || state.withdrawn, {
      summary: 'customer evidence deadline',
      onEnter: () => notifyCustomer(ctx, 'evidence_requested', { withinHours: Math.round(evidence.deadlineMinutes / 60) }),
    });
    if (state.withdrawn) return 'withdrawn';
    if (!arrived) return 'no_evidence';
  } else if (v.evidence.length === 0) {
    // Waiting on the customer: one party, one deadline, default close.
    state.moveTo('awaiting_evidence', addMinutes(nowIso(), requirement.evidenceWaitMinutes));
    pauseResolutionClock(ctx);
    await notifyCustomer(ctx, 'evidence_requested', { withinHours: Math.round(requirement.evidenceWaitMinutes / 60) });
    const arrived = await condition(() => v.evidence.length > 0 || state.withdrawn, minutes(requirement.evidenceWaitMinutes), {
      summary: 'customer evidence deadline',
    });
    resumeResolutionClock(ctx);
    if (state.withdrawn) return 'withdrawn';
    if (!arrived) return 'no_evidence';
  }

  state.moveTo('verifying');
  const scored = await scorePhotos(ctx);
  if (scored !== undefined) v.photoScore = scored;
  const outcome = scored === undefined ? 'human_review' : verificationOutcome(policy, order.memberTier, scored);
  state.record('photos_scored', `score ${scored ?? 'unavailable'} → ${outcome}`);
  if (outcome !== 'human_review') {
    v.outcome = outcome === 'approve' ? 'approved' : 'rejected';
    return outcome === 'approve' ? 'approved' : 'rejected';
  }

  v.outcome = 'human_review';
  if (state.integrity) return reviewFromTable(ctx, { score: scored ?? -1 });
  const reviewMinutes = reviewTimeoutMinutes(policy, ctx.triage.priority);
  state.moveTo('awaiting_review', addMinutes(nowIso(), reviewMinutes));
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'review_requested', { score: scored ?? -1 });
  const reviewed = await condition(() => state.reviewDecision !== undefined || state.withdrawn, minutes(reviewMinutes), {
    summary: 'human review deadline',
  });
  return reviewVerdict(ctx, reviewed);
}

/** The photo score; since CASE_INTEGRITY a scoring service that stays down sends the photos to a human. */
async function scorePhotos(ctx: CaseContext): Promise<number | undefined> {
  const score = async () => (await lookups.scorePhotos({ caseId: ctx.input.caseId, caseType: ctx.input.caseType, photos: ctx.state.view.verification.evidence })).score;
  if (!ctx.state.integrity) return score();
  try {
    return await score();
  } catch (err) {
    ctx.state.record('photo_scoring_failed', `${failureText(err)}; sent to human review`);
    return undefined;
  }
}

/**
 * The human review since CASE_INTEGRITY: the specialist's deadline from the waiting table, default
 * approve. `asked` tells the reviewer what to look at: the photo score (-1 when scoring failed), or
 * for a claim no photo decides, `basis: packing_record_or_trace`.
 */
async function reviewFromTable(ctx: CaseContext, asked: Record<string, string | number>): Promise<VerificationResult> {
  const { state } = ctx;
  const assignee = state.view.assignee;
  const until = () => state.reviewDecision !== undefined || state.withdrawn;
  const onEnter = assignee ? () => notifyStaff(ctx, assignee, 'review_requested', asked) : undefined;
  const cc = caseClocks(ctx);
  // Since WORKING_CALENDAR the review deadline is working time on the desk calendar (no approval overnight).
  if (cc) return reviewVerdict(ctx, await reviewOnCalendar(ctx, cc, planWait(ctx, 'awaiting_review'), until, onEnter));
  const reviewed = await waitIn(ctx, 'awaiting_review', planWait(ctx, 'awaiting_review'), until, {
    summary: 'human review deadline',
    ...(onEnter ? { onEnter } : {}),
  });
  return reviewVerdict(ctx, reviewed);
}

/** What a review wait ended with: withdrawn, deemed approved at the deadline, or the reviewer's decision. */
function reviewVerdict(ctx: CaseContext, reviewed: boolean): VerificationResult {
  const { state } = ctx;
  const v = state.view.verification;
  if (state.withdrawn) return 'withdrawn';
  if (!reviewed) {
    // The merchant did not answer in time: deemed to agree (platform rule), so the claim is approved.
    v.outcome = 'approved';
    state.record('review_deadline_passed', 'deemed approved');
    return 'approved';
  }
  v.outcome = state.reviewDecision === 'approve' ? 'approved' : 'rejected';
  return state.reviewDecision === 'approve' ? 'approved' : 'rejected';
}
