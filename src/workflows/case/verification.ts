/**
 * Damage verification (现场拍照核实) before money moves: small claims approved on the agent's
 * small-compensation authority, evidence requested and awaited (the resolution clock paused), photos
 * scored, and the uncertain middle sent to a human review that has its own deadline.
 */
import { condition } from '@temporalio/workflow';
import { evidenceRequirement, reviewTimeoutMinutes, verificationOutcome } from '../../policy';
import { lookups } from './activities';
import { addMinutes, minutes, notifyCustomer, notifyStaff, type CaseContext } from './context';
import { pauseResolutionClock, resumeResolutionClock } from './sla';
import { nowIso } from './state';

export type VerificationResult = 'approved' | 'rejected' | 'no_evidence' | 'withdrawn';

export async function verifyClaim(ctx: CaseContext): Promise<VerificationResult> {
  const { state, policy, order } = ctx;
  const v = state.view.verification;
  const requirement = evidenceRequirement(policy, {
    caseType: ctx.input.caseType,
    memberTier: order.memberTier,
    claimValue: state.view.claimValue ?? 0,
    photoCount: v.evidence.length,
  });
  if (requirement.autoApprove) {
    v.outcome = 'auto_approved';
    state.record('verification', 'approved on the small-compensation authority');
    return 'approved';
  }
  if (!requirement.photosRequired) {
    v.outcome = 'not_required';
    state.record('verification', 'no photos needed for this case type');
    return 'approved';
  }

  if (v.evidence.length === 0) {
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
  const scored = await lookups.scorePhotos({ caseId: ctx.input.caseId, caseType: ctx.input.caseType, photos: v.evidence });
  v.photoScore = scored.score;
  const outcome = verificationOutcome(policy, order.memberTier, scored.score);
  state.record('photos_scored', `score ${scored.score} → ${outcome}`);
  if (outcome !== 'human_review') {
    v.outcome = outcome === 'approve' ? 'approved' : 'rejected';
    return outcome === 'approve' ? 'approved' : 'rejected';
  }

  v.outcome = 'human_review';
  const reviewMinutes = reviewTimeoutMinutes(policy, ctx.triage.priority);
  state.moveTo('awaiting_review', addMinutes(nowIso(), reviewMinutes));
  if (state.view.assignee) await notifyStaff(ctx, state.view.assignee, 'review_requested', { score: scored.score });
  const reviewed = await condition(() => state.reviewDecision !== undefined || state.withdrawn, minutes(reviewMinutes), {
    summary: 'human review deadline',
  });
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
