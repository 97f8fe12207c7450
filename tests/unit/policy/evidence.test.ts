import type { EvidenceInput } from '../../../src/policy';
import { evidenceRequirement, policyFor, reviewTimeoutMinutes, verificationOutcome } from '../../../src/policy';

const policy = policyFor('2026-11-v1');
const base: EvidenceInput = { caseType: 'damaged', memberTier: 'standard', claimValue: 10_000, photoCount: 0 };

describe('evidenceRequirement: small-compensation authority per tier', () => {
  test.each([
    ['standard', 3000],
    ['silver', 5000],
    ['gold', 10_000],
    ['platinum', 20_000],
  ] as const)('%s: below %d auto-approves, at the limit it does not', (memberTier, limit) => {
    expect(evidenceRequirement(policy, { ...base, memberTier, claimValue: limit - 1 })).toMatchObject({ autoApprove: true, photosRequired: false, photosMissing: 0 });
    expect(evidenceRequirement(policy, { ...base, memberTier, claimValue: limit })).toMatchObject({ autoApprove: false, photosRequired: true, photosMissing: 1 });
    expect(evidenceRequirement(policy, { ...base, memberTier, claimValue: limit + 1 }).autoApprove).toBe(false);
  });
});

describe('evidenceRequirement: photos per case type above the limit', () => {
  test.each([
    ['damaged', false, true],
    ['spoiled', false, true],
    ['wrong_item', false, true],
    ['quality_issue', false, true],
    ['missing_item', false, false],
    ['not_delivered', false, false],
    ['return_no_reason', true, false],
  ] as const)('%s: autoApprove=%s photosRequired=%s', (caseType, autoApprove, photosRequired) => {
    const r = evidenceRequirement(policy, { ...base, caseType, claimValue: 50_000 });
    expect(r).toMatchObject({ autoApprove, photosRequired, evidenceWaitMinutes: 2880 });
  });

  test.each([
    ['2026-11-v1', 'missing_item', false],
    ['2026-12-v1', 'missing_item', false],
    ['2026-12-v2', 'missing_item', true],
    ['2026-12-v2', 'not_delivered', true],
    ['2026-12-v2', 'damaged', false],
    ['2026-12-v2', 'return_no_reason', false],
  ] as const)('%s, %s above the authority: reviewRequired=%s (a person checks what no photo shows)', (version, caseType, reviewRequired) => {
    const r = evidenceRequirement(policyFor(version), { ...base, caseType, claimValue: 50_000 });
    expect(r.reviewRequired).toBe(reviewRequired);
    if (reviewRequired) expect(r).toMatchObject({ autoApprove: false, photosRequired: false, photosMissing: 0, reasons: [`${caseType} above 3000 fen is reviewed against warehouse/carrier facts`] });
  });

  test.each([
    ['2026-12-v1', 1990, true, false],
    ['2026-12-v2', 1990, false, true],
    ['2026-12-v2', 1010, false, true], // 1990 + 1010 = 3000 reaches the authority
    ['2026-12-v2', 1009, true, false], // 2999 is below it
    ['2026-12-v2', 0, true, false],
  ] as const)('%s: a missing towel of 1990 fen after %d fen remedied earlier on the order: autoApprove=%s reviewRequired=%s', (version, earlier, autoApprove, reviewRequired) => {
    const r = evidenceRequirement(policyFor(version), { ...base, caseType: 'missing_item', claimValue: 1990, earlierRemedied: earlier });
    expect(r).toMatchObject({ autoApprove, reviewRequired });
    if (version === '2026-12-v2' && earlier > 0) expect(r.reasons[0]).toBe(`claim 1990 fen and ${earlier} fen remedied earlier on the order ${autoApprove ? 'below' : 'reach'} standard authority 3000 fen`);
  });

  test('2026-12-v2: missing_item below the authority still pays without review', () => {
    const r = evidenceRequirement(policyFor('2026-12-v2'), { ...base, caseType: 'missing_item', claimValue: 2999 });
    expect(r).toMatchObject({ autoApprove: true, reviewRequired: false });
  });

  test.each([
    [0, 1],
    [1, 0],
    [3, 0],
  ])('with %d photos already sent, %d are missing', (photoCount, photosMissing) => {
    expect(evidenceRequirement(policy, { ...base, photoCount }).photosMissing).toBe(photosMissing);
  });
});

describe('verificationOutcome: thresholds per tier', () => {
  const eps = 1e-6;
  test.each([
    ['standard', 0.8, 0.3],
    ['silver', 0.7, 0.25],
    ['gold', 0.6, 0.2],
    ['platinum', 0.5, 0.15],
  ] as const)('%s approves at %d, rejects below %d', (tier, approve, reject) => {
    expect(verificationOutcome(policy, tier, approve)).toBe('approve');
    expect(verificationOutcome(policy, tier, approve + eps)).toBe('approve');
    expect(verificationOutcome(policy, tier, approve - eps)).toBe('human_review');
    expect(verificationOutcome(policy, tier, reject)).toBe('human_review');
    expect(verificationOutcome(policy, tier, reject + eps)).toBe('human_review');
    expect(verificationOutcome(policy, tier, reject - eps)).toBe('reject');
    expect(verificationOutcome(policy, tier, 1)).toBe('approve');
    expect(verificationOutcome(policy, tier, 0)).toBe('reject');
  });

  test('higher tiers face a lower bar for the same photos', () => {
    expect(verificationOutcome(policy, 'standard', 0.55)).toBe('human_review');
    expect(verificationOutcome(policy, 'platinum', 0.55)).toBe('approve');
    expect(verificationOutcome(policy, 'standard', 0.2)).toBe('reject');
    expect(verificationOutcome(policy, 'platinum', 0.2)).toBe('human_review');
  });

  test.each([Number.NaN, -0.1, 1.1, Number.POSITIVE_INFINITY])('a score of %d goes to human review', (score) => {
    expect(verificationOutcome(policy, 'gold', score)).toBe('human_review');
  });
});

describe('reviewTimeoutMinutes', () => {
  test.each([
    ['P1', 60],
    ['P2', 240],
    ['P3', 1440],
  ] as const)('%s: %d minutes', (priority, minutes) => {
    expect(reviewTimeoutMinutes(policy, priority)).toBe(minutes);
  });
});
