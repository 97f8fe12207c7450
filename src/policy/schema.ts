/**
 * The zod schema of a PolicyConfig. Imported only by the worker and the API (to validate policies
 * at start-up) and by tests — never by workflow code or the other policy files: zod at module scope
 * would be bundled into every workflow.
 */
import { z } from 'zod';
import { CARRIERS, CASE_TYPES, CATEGORIES, MEMBER_TIERS, PRIORITIES, REGIONS } from '../domain/types';
import type { PolicyConfig } from './config';
import { WAITING_STATES } from './waiting';

const minutes = z.number().int().positive();
const fen = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const caseType = z.enum(CASE_TYPES);
const tier = z.enum(MEMBER_TIERS);
const category = z.enum(CATEGORIES);
const perTier = <T extends z.ZodType>(v: T) => z.record(tier, v);
const perPriority = <T extends z.ZodType>(v: T) => z.record(z.enum(PRIORITIES), v);

/** True when each value is >= the one before (non-decreasing). */
const nonDecreasing = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x >= (xs[i - 1] as number));
/** Tier-ordered values of a per-tier record. */
const byTier = <T>(r: Readonly<Record<(typeof MEMBER_TIERS)[number], T>>): T[] => MEMBER_TIERS.map((t) => r[t]);
const byPriority = <T>(r: Readonly<Record<(typeof PRIORITIES)[number], T>>): T[] => PRIORITIES.map((p) => r[p]);

const ascendingRungs = z
  .tuple([minutes, minutes, minutes])
  .refine((w) => w[0] < w[1] && w[1] < w[2], 'ladder rung windows must be strictly ascending');

const triage = z
  .object({
    responseMinutes: perPriority(minutes).refine((r) => nonDecreasing(byPriority(r)), 'response minutes must not fall from P1 to P3'),
    resolutionMinutes: perPriority(minutes).refine((r) => nonDecreasing(byPriority(r)), 'resolution minutes must not fall from P1 to P3'),
    perishableResolutionMinutes: minutes,
    p1CaseTypes: z.array(caseType),
    p1Tiers: z.array(tier),
    p1StuckNotDelivered: z.boolean(),
    p3NoReasonTiers: z.array(tier),
    p3SmallClaim: z.object({ caseTypes: z.array(caseType), tiers: z.array(tier), belowFen: fen }),
  })
  .refine((t) => byPriority(t.responseMinutes).every((r, i) => r <= (byPriority(t.resolutionMinutes)[i] as number)), 'response SLA must not exceed resolution target');

const ladder = z.object({
  windowMinutes: perPriority(ascendingRungs),
  breachCoupons: perTier(z.tuple([fen, fen, fen, fen])).refine(
    (r) => [0, 1, 2, 3].every((lvl) => nonDecreasing(byTier(r).map((levels) => levels[lvl] as number))),
    'breach coupons must not fall as the member tier rises',
  ),
});

const evidence = z
  .object({
    autoApproveBelow: perTier(fen).refine((r) => nonDecreasing(byTier(r)), 'auto-approve limits must not fall as the tier rises'),
    alwaysAutoApprove: z.array(caseType),
    photoCaseTypes: z.array(caseType),
    reviewWithoutPhotos: z.array(caseType).optional(),
    authorityCountsEarlierRemedies: z.boolean().optional(),
    minPhotos: z.number().int().nonnegative(),
    waitMinutes: minutes,
    approveAtOrAbove: perTier(share).refine((r) => nonDecreasing(byTier(r).reverse()), 'approve thresholds must not rise with the tier'),
    rejectBelow: perTier(share).refine((r) => nonDecreasing(byTier(r).reverse()), 'reject thresholds must not rise with the tier'),
    reviewTimeoutMinutes: perPriority(minutes),
  })
  .refine((e) => MEMBER_TIERS.every((t) => e.approveAtOrAbove[t] > e.rejectBelow[t]), 'approve threshold must exceed reject threshold for every tier')
  .refine(
    (e) => (e.reviewWithoutPhotos ?? []).every((t) => !e.photoCaseTypes.includes(t) && !e.alwaysAutoApprove.includes(t)),
    'a case type reviewed without photos must be neither a photo case type nor always auto-approved',
  );

const claimWindows = z.object({
  afterDeliveryMinutes: z.record(caseType.exclude(['not_delivered']), minutes),
  byCategoryMinutes: z.partialRecord(caseType, z.partialRecord(category, minutes)),
  excludedCategories: z.partialRecord(caseType, z.array(category)),
});

const resolution = z.object({
  giftCaseTypes: z.array(caseType),
  giftTiers: z.array(tier),
  giftMinClaimValue: fen,
  giftSku: z.string().min(1),
  replaceCategories: z.array(category),
  replaceWithinMinutes: minutes,
});

const weights = z
  .object({ coverage: share, onTime: share })
  .refine((w) => Math.abs(w.coverage + w.onTime - 1) < 1e-9, 'score weights must sum to 1');
const carrier = z.enum(CARRIERS);
const region = z.enum(REGIONS);

const carriers = z
  .object({
    table: z.record(carrier, z.record(region, z.object({ coverage: share, coldChain: z.boolean(), onTime: share }))),
    weights,
    westernWeights: weights,
    westernRegions: z.array(region),
    westernPreferred: z.object({ carrier, bonus: z.number().min(0).max(1) }),
    minCoverage: share,
    coldChainExcludesRemote: z.boolean(),
    tieBreak: z.array(carrier).refine((c) => new Set(c).size === CARRIERS.length, 'tieBreak must list every carrier once'),
    deliveryDeadlineMinutes: z.record(region, minutes),
    remoteDeliveryDeadlineMinutes: minutes,
  })
  .refine(
    (c) => REGIONS.every((r) => c.remoteDeliveryDeadlineMinutes >= c.deliveryDeadlineMinutes[r]),
    'the remote delivery deadline must be at least every regional deadline',
  );

/** Which waiting states may resolve their deadline per priority / per region. */
const PER_PRIORITY_STATES: readonly string[] = ['awaiting_acknowledgement', 'awaiting_escalation_response', 'awaiting_review'];
const waitingRule = z
  .object({
    state: z.enum(WAITING_STATES),
    party: z.enum(['specialist', 'escalation_contact', 'customer', 'carrier', 'warehouse', 'platform']),
    deadlineMinutes: z.union([minutes, z.literal('per_priority'), z.literal('per_region')]),
    onDeadline: z.enum(['escalate', 'auto_approve', 'close', 'refund']),
    note: z.string().min(1),
  })
  .refine((r) => r.deadlineMinutes !== 'per_priority' || PER_PRIORITY_STATES.includes(r.state), 'only acknowledgement, escalation response and review have per-priority deadlines')
  .refine((r) => r.deadlineMinutes !== 'per_region' || r.state === 'awaiting_delivery', 'only delivery has a per-region deadline');

const waiting = z
  .array(waitingRule)
  .refine((rules) => rules.length === WAITING_STATES.length && WAITING_STATES.every((s) => rules.some((r) => r.state === s)), 'every waiting state needs exactly one rule');

/** Validates a PolicyConfig: types, ranges and the cross-field invariants of every table. */
export const policyConfigSchema: z.ZodType<PolicyConfig> = z.object({
  version: z.string().regex(/^\d{4}-\d{2}-v\d+$/, 'version must look like YYYY-MM-vN'),
  triage,
  ladder,
  evidence,
  claimWindows,
  resolution,
  carriers,
  waiting,
  merchantDeadlineMinutes: minutes,
  lowRatingAtMost: z.number().int().min(1).max(4),
}).refine(
  // The merchant's only wait that holds a decision back is the human review; it auto-approves at
  // its deadline, so the platform's deemed-to-agree deadline is kept by keeping every review within it.
  (c) => PRIORITIES.every((p) => c.evidence.reviewTimeoutMinutes[p] <= c.merchantDeadlineMinutes),
  'every review timeout must fall within the merchant deadline (the platform deems a silent merchant to agree)',
);

/** Parses and validates an unknown value as a PolicyConfig; throws a ZodError listing every problem. */
export function parsePolicyConfig(input: unknown): PolicyConfig {
  return policyConfigSchema.parse(input);
}
