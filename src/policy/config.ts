/**
 * The shape of a policy: every table the pure policy functions read, as typed data. One value of
 * this type per version lives in ./versions.ts; a case keeps the version it was opened under.
 * Durations are whole minutes, money is integer fen, scores and thresholds are in [0, 1].
 */
import type { Carrier, CaseType, Category, Fen, MemberTier, Priority, Region } from '../domain/types';
import type { WaitingRule } from './waiting';

/** Per-tier value for each of the four member tiers. */
export type PerTier<T> = Readonly<Record<MemberTier, T>>;
/** Per-priority value for P1, P2, P3. */
export type PerPriority<T> = Readonly<Record<Priority, T>>;

/** Triage: priority rules and the SLA targets that follow from a priority. */
export interface TriagePolicy {
  /** First-response SLA per priority (P1 15, P2 30, P3 120). */
  responseMinutes: PerPriority<number>;
  /** Resolution target per priority. */
  resolutionMinutes: PerPriority<number>;
  /** Resolution cap for perishable (fresh) cases, whatever the priority ("2-hour resolution"). */
  perishableResolutionMinutes: number;
  /** Case types that are always P1 (high impact: damaged, spoiled). */
  p1CaseTypes: readonly CaseType[];
  /** Member tiers that are always P1 (top-tier members). */
  p1Tiers: readonly MemberTier[];
  /** not_delivered with the parcel reported stuck in logistics is P1. */
  p1StuckNotDelivered: boolean;
  /** return_no_reason by these tiers at normal urgency is P3. */
  p3NoReasonTiers: readonly MemberTier[];
  /** Small claims of these types by these tiers below `belowFen` are P3. */
  p3SmallClaim: { caseTypes: readonly CaseType[]; tiers: readonly MemberTier[]; belowFen: Fen };
}

/** Escalation ladder after a response-SLA breach, and the coupons that make up for breaches. */
export interface LadderPolicy {
  /** Window of each rung (team lead, service manager, director), per priority; ascending. */
  windowMinutes: PerPriority<readonly [number, number, number]>;
  /** Coupon per tier for a breach at level 0 (initial SLA breach), 1, 2, 3. */
  breachCoupons: PerTier<readonly [Fen, Fen, Fen, Fen]>;
}

/** Evidence and verification: small-compensation authority, photo rules, score thresholds. */
export interface EvidencePolicy {
  /** 小额赔付权: claims strictly below this value are approved without evidence or review. */
  autoApproveBelow: PerTier<Fen>;
  /** Case types approved without review whatever the value (七天无理由 needs no proof). */
  alwaysAutoApprove: readonly CaseType[];
  /** Case types whose claims (above the auto-approve limit) need photos. */
  photoCaseTypes: readonly CaseType[];
  /**
   * Case types no photo decides whose claims above the auto-approve limit go to a person's review
   * (the merchant checks its packing record or the carrier's trace) before money moves. Since
   * 2026-12-v2 (missing_item, not_delivered); absent before, when such claims were approved at once.
   */
  reviewWithoutPhotos?: readonly CaseType[];
  /**
   * The small-compensation authority counts what earlier cases already remedied on the order, so a
   * claim split over several cases is approved at once only while their sum stays below it. Since
   * 2026-12-v2; absent before, when each case was judged alone.
   */
  authorityCountsEarlierRemedies?: boolean;
  /** Photos a claim needs before it is scored. */
  minPhotos: number;
  /** How long the customer has to send photos. */
  waitMinutes: number;
  /** A photo score at or above this approves (降低举证门槛: lower for higher tiers). */
  approveAtOrAbove: PerTier<number>;
  /** A photo score strictly below this rejects; in between goes to human review. */
  rejectBelow: PerTier<number>;
  /** How long a human reviewer has before the claim is auto-approved. */
  reviewTimeoutMinutes: PerPriority<number>;
}

/** How long after delivery each case type may be opened. */
export interface ClaimWindowPolicy {
  /** Window from delivery per case type (not_delivered has none: it needs a shipped order). */
  afterDeliveryMinutes: Readonly<Record<Exclude<CaseType, 'not_delivered'>, number>>;
  /** Longer windows for some categories (quality_issue on 3c: 180 days). The longest applies. */
  byCategoryMinutes: Readonly<Partial<Record<CaseType, Readonly<Partial<Record<Category, number>>>>>>;
  /** Categories a case type cannot be claimed for (return_no_reason excludes fresh). */
  excludedCategories: Readonly<Partial<Record<CaseType, readonly Category[]>>>;
}

/** Resolution choices: gifts with reshipments, replace-not-repair for 3c. */
export interface ResolutionPolicy {
  /** Case types whose reshipment may carry a courtesy gift. */
  giftCaseTypes: readonly CaseType[];
  /** Tiers that always get the gift. */
  giftTiers: readonly MemberTier[];
  /** Any tier gets the gift at or above this claim value. */
  giftMinClaimValue: Fen;
  /** The warehouse SKU of the courtesy gift. */
  giftSku: string;
  /** Categories replaced rather than repaired on a quality issue (只换不修). */
  replaceCategories: readonly Category[];
  /** How long after delivery replace-not-repair applies. */
  replaceWithinMinutes: number;
}

/** One carrier's record in one region. */
export interface CarrierRegionStats {
  /** Share of counties reached, 0..1. */
  coverage: number;
  /** Whether a cold chain reaches the region. */
  coldChain: boolean;
  /** Share of parcels delivered on time, 0..1. */
  onTime: number;
}

/** Weights of coverage and on-time record in a carrier score. */
export interface ScoreWeights { coverage: number; onTime: number }

/** Carrier tables and scoring. */
export interface CarrierPolicy {
  /** Every carrier's stats in every region. */
  table: Readonly<Record<Carrier, Readonly<Record<Region, CarrierRegionStats>>>>;
  /** Weights for ordinary destinations. */
  weights: ScoreWeights;
  /** Weights for western and remote destinations (coverage counts more). */
  westernWeights: ScoreWeights;
  /** Regions scored with `westernWeights` and given the preferred-carrier bonus. */
  westernRegions: readonly Region[];
  /** Carrier preferred in western and remote destinations (EMS) and its score bonus. */
  westernPreferred: { carrier: Carrier; bonus: number };
  /** Carriers below this coverage are not considered. */
  minCoverage: number;
  /** No cold chain reaches remote provinces, whatever the regional table says. */
  coldChainExcludesRemote: boolean;
  /** Order of preference on equal scores (premium default first). */
  tieBreak: readonly Carrier[];
  /** Past this, a parcel in transit counts as lost, per region. */
  deliveryDeadlineMinutes: Readonly<Record<Region, number>>;
  /** Delivery deadline for remote provinces. */
  remoteDeliveryDeadlineMinutes: number;
}

/** A complete, versioned policy. */
export interface PolicyConfig {
  /** Version id, `YYYY-MM-vN`; equals its key in POLICY_VERSIONS. */
  version: string;
  triage: TriagePolicy;
  ladder: LadderPolicy;
  evidence: EvidencePolicy;
  claimWindows: ClaimWindowPolicy;
  resolution: ResolutionPolicy;
  carriers: CarrierPolicy;
  /** One rule per waiting state: party, deadline, default. */
  waiting: readonly WaitingRule[];
  /** Platform rule: the merchant answers a request within this many minutes of opening, or is deemed to agree. */
  merchantDeadlineMinutes: number;
  /** Survey ratings (1..5) at or below this are low and reopen a follow-up. */
  lowRatingAtMost: number;
}
