/**
 * Evidence and verification. Claims strictly below the tier's small-compensation authority
 * (小额赔付权) are approved with no evidence and no review; return_no_reason is always approved
 * (the refund waits for the returned goods instead). Above the limit, damaged / spoiled /
 * wrong_item / quality_issue need photos; missing_item and not_delivered are decided by warehouse
 * and carrier facts, not photos: since 2026-12-v2 a person reviews them (the merchant checks its
 * packing record or the carrier's trace); before, they were approved at once. Photo scores are
 * compared to per-tier thresholds, lower for higher tiers (降低举证门槛). Since 2026-12-v2 the
 * authority counts what earlier cases remedied on the order, so splitting a claim does not get round it.
 */
import type { CaseType, Fen, MemberTier, Priority } from '../domain/types';
import type { PolicyConfig } from './config';

/** What the evidence rule needs to know about a claim. */
export interface EvidenceInput {
  caseType: CaseType;
  memberTier: MemberTier;
  claimValue: Fen;
  photoCount: number;
  /** What earlier cases already remedied on the order (refunds and reshipments), in fen; default 0. */
  earlierRemedied?: Fen;
}

/** What evidence a claim needs before money moves. */
export interface EvidenceRequirement {
  /** below the small-compensation authority 小额赔付权 for this tier: no evidence, no review */
  autoApprove: boolean;
  photosRequired: boolean;
  /** No photo decides the claim and the policy sends it to a person's review (reviewWithoutPhotos). */
  reviewRequired: boolean;
  /** Photos still to come: max(0, minPhotos - photoCount) when photos are required, else 0. */
  photosMissing: number;
  /** How long to wait for the missing photos before the case closes. */
  evidenceWaitMinutes: number;
  reasons: string[];
}

/** Decides whether a claim is auto-approved and whether photos are needed. */
export function evidenceRequirement(policy: PolicyConfig, input: EvidenceInput): EvidenceRequirement {
  const e = policy.evidence;
  const limit = e.autoApproveBelow[input.memberTier];
  const reasons: string[] = [];
  let autoApprove = false;
  if (e.alwaysAutoApprove.includes(input.caseType)) {
    autoApprove = true;
    reasons.push(`${input.caseType} needs no proof`);
  } else if (e.authorityCountsEarlierRemedies && (input.earlierRemedied ?? 0) > 0) {
    const total = input.claimValue + (input.earlierRemedied ?? 0);
    autoApprove = total < limit;
    reasons.push(`claim ${input.claimValue} fen and ${input.earlierRemedied} fen remedied earlier on the order ${autoApprove ? 'below' : 'reach'} ${input.memberTier} authority ${limit} fen`);
  } else if (input.claimValue < limit) {
    autoApprove = true;
    reasons.push(`claim ${input.claimValue} fen below ${input.memberTier} authority ${limit} fen`);
  }
  const photosRequired = !autoApprove && e.photoCaseTypes.includes(input.caseType);
  const reviewRequired = !autoApprove && !photosRequired && (e.reviewWithoutPhotos ?? []).includes(input.caseType);
  if (photosRequired) reasons.push(`${input.caseType} above ${limit} fen needs photos`);
  else if (reviewRequired) reasons.push(`${input.caseType} above ${limit} fen is reviewed against warehouse/carrier facts`);
  else if (!autoApprove) reasons.push(`${input.caseType} is decided by warehouse/carrier facts`);
  const photosMissing = photosRequired ? Math.max(0, e.minPhotos - Math.max(0, input.photoCount)) : 0;
  return { autoApprove, photosRequired, reviewRequired, photosMissing, evidenceWaitMinutes: e.waitMinutes, reasons };
}

/** What a photo score decides. */
export type VerificationOutcome = 'approve' | 'reject' | 'human_review';

/**
 * Approve at or above the tier's approve threshold, reject strictly below its reject threshold,
 * human review in between. A score that is not a number in [0, 1] goes to human review.
 */
export function verificationOutcome(policy: PolicyConfig, memberTier: MemberTier, photoScore: number): VerificationOutcome {
  if (!Number.isFinite(photoScore) || photoScore < 0 || photoScore > 1) return 'human_review';
  if (photoScore >= policy.evidence.approveAtOrAbove[memberTier]) return 'approve';
  if (photoScore < policy.evidence.rejectBelow[memberTier]) return 'reject';
  return 'human_review';
}

/** How long a human reviewer has before the claim is auto-approved. */
export function reviewTimeoutMinutes(policy: PolicyConfig, priority: Priority): number {
  return policy.evidence.reviewTimeoutMinutes[priority];
}
