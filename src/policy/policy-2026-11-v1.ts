/**
 * Policy version 2026-11-v1, the first published policy. Never edit a published version: copy it
 * to a new file, change the copy, and append it to POLICY_VERSIONS (./versions.ts).
 */
import type { PolicyConfig } from './config';
import { MINUTES_PER_DAY as DAY, MINUTES_PER_HOUR as HOUR } from './units';

const everywhere = (coverage: number, onTime: number, coldChain = false) => ({ coverage, onTime, coldChain });

/** The 2026-11-v1 policy tables. */
export const POLICY_2026_11_V1: PolicyConfig = {
  version: '2026-11-v1',
  triage: {
    responseMinutes: { P1: 15, P2: 30, P3: 2 * HOUR },
    resolutionMinutes: { P1: 4 * HOUR, P2: DAY, P3: 3 * DAY },
    perishableResolutionMinutes: 2 * HOUR,
    p1CaseTypes: ['damaged', 'spoiled'],
    p1Tiers: ['gold', 'platinum'],
    p1StuckNotDelivered: true,
    p3NoReasonTiers: ['standard', 'silver'],
    p3SmallClaim: { caseTypes: ['quality_issue', 'wrong_item'], tiers: ['standard'], belowFen: 2000 },
  },
  ladder: {
    windowMinutes: { P1: [15, 30, 60], P2: [30, 60, 2 * HOUR], P3: [HOUR, 2 * HOUR, 4 * HOUR] },
    // Levels 0 (initial breach), 1, 2, 3. Totals: standard 3500, silver 5100, gold 7000, platinum 12000 fen.
    breachCoupons: {
      standard: [500, 500, 1000, 1500],
      silver: [800, 800, 1500, 2000],
      gold: [1000, 1000, 2000, 3000],
      platinum: [2000, 2000, 3000, 5000],
    },
  },
  evidence: {
    autoApproveBelow: { standard: 3000, silver: 5000, gold: 10_000, platinum: 20_000 },
    alwaysAutoApprove: ['return_no_reason'],
    photoCaseTypes: ['damaged', 'spoiled', 'wrong_item', 'quality_issue'],
    minPhotos: 1,
    waitMinutes: 2 * DAY,
    approveAtOrAbove: { standard: 0.8, silver: 0.7, gold: 0.6, platinum: 0.5 },
    rejectBelow: { standard: 0.3, silver: 0.25, gold: 0.2, platinum: 0.15 },
    reviewTimeoutMinutes: { P1: HOUR, P2: 4 * HOUR, P3: DAY },
  },
  claimWindows: {
    afterDeliveryMinutes: {
      damaged: 15 * DAY,
      missing_item: 15 * DAY,
      wrong_item: 15 * DAY,
      quality_issue: 30 * DAY,
      spoiled: 2 * DAY,
      return_no_reason: 7 * DAY,
    },
    byCategoryMinutes: { quality_issue: { '3c': 180 * DAY } },
    excludedCategories: { return_no_reason: ['fresh'] },
  },
  resolution: {
    giftCaseTypes: ['damaged'],
    giftTiers: ['gold', 'platinum'],
    giftMinClaimValue: 10_000,
    giftSku: 'GIFT-COURTESY',
    replaceCategories: ['3c'],
    replaceWithinMinutes: 180 * DAY,
  },
  carriers: {
    table: {
      SF: {
        East: everywhere(0.97, 0.97, true),
        South: everywhere(0.97, 0.96, true),
        North: everywhere(0.96, 0.96, true),
        Central: everywhere(0.94, 0.94, true),
        Southwest: everywhere(0.85, 0.88, true),
        Northwest: everywhere(0.7, 0.85),
        Northeast: everywhere(0.92, 0.93, true),
      },
      EMS: {
        East: everywhere(0.98, 0.88),
        South: everywhere(0.98, 0.88),
        North: everywhere(0.98, 0.88),
        Central: everywhere(0.98, 0.88),
        Southwest: everywhere(0.98, 0.9),
        Northwest: everywhere(0.98, 0.9),
        Northeast: everywhere(0.98, 0.88),
      },
      JD: {
        East: everywhere(0.95, 0.96, true),
        South: everywhere(0.93, 0.95, true),
        North: everywhere(0.94, 0.95, true),
        Central: everywhere(0.9, 0.93),
        Southwest: everywhere(0.8, 0.88),
        Northwest: everywhere(0.6, 0.82),
        Northeast: everywhere(0.85, 0.9),
      },
      ZTO: {
        East: everywhere(0.96, 0.9),
        South: everywhere(0.95, 0.89),
        North: everywhere(0.93, 0.88),
        Central: everywhere(0.94, 0.88),
        Southwest: everywhere(0.85, 0.84),
        Northwest: everywhere(0.75, 0.8),
        Northeast: everywhere(0.88, 0.85),
      },
    },
    weights: { coverage: 0.4, onTime: 0.6 },
    westernWeights: { coverage: 0.7, onTime: 0.3 },
    westernRegions: ['Southwest', 'Northwest'],
    westernPreferred: { carrier: 'EMS', bonus: 0.2 },
    minCoverage: 0.5,
    coldChainExcludesRemote: true,
    tieBreak: ['SF', 'JD', 'EMS', 'ZTO'],
    deliveryDeadlineMinutes: {
      East: 4 * DAY,
      South: 4 * DAY,
      North: 4 * DAY,
      Central: 4 * DAY,
      Northeast: 5 * DAY,
      Southwest: 5 * DAY,
      Northwest: 6 * DAY,
    },
    remoteDeliveryDeadlineMinutes: 7 * DAY,
  },
  waiting: [
    { state: 'awaiting_acknowledgement', party: 'specialist', deadlineMinutes: 'per_priority', onDeadline: 'escalate', note: 'first-response SLA of the priority; a breach starts the escalation ladder' },
    { state: 'awaiting_escalation_response', party: 'escalation_contact', deadlineMinutes: 'per_priority', onDeadline: 'escalate', note: "the rung's window; the ladder runs beside verification and never holds the decision back (the merchant's 48 h deemed-to-agree deadline is kept by the review deadline, which auto-approves)" },
    { state: 'awaiting_evidence', party: 'customer', deadlineMinutes: 2 * DAY, onDeadline: 'close', note: 'no photos within 48 h: the claim lapses' },
    { state: 'awaiting_review', party: 'specialist', deadlineMinutes: 'per_priority', onDeadline: 'auto_approve', note: 'a review not done in time approves the claim' },
    { state: 'awaiting_delivery', party: 'carrier', deadlineMinutes: 'per_region', onDeadline: 'refund', note: 'a reshipment past its regional deadline counts as lost: refund' },
    { state: 'awaiting_return_shipment', party: 'customer', deadlineMinutes: 7 * DAY, onDeadline: 'close', note: 'platform rule: a return not shipped within 7 days is forfeited' },
    { state: 'awaiting_return_receipt', party: 'warehouse', deadlineMinutes: 10 * DAY, onDeadline: 'refund', note: 'platform rule: receipt not confirmed within 10 days is deemed received: refund' },
    { state: 'awaiting_survey', party: 'customer', deadlineMinutes: 3 * DAY, onDeadline: 'close', note: 'no rating within 3 days: close' },
    { state: 'awaiting_callback', party: 'specialist', deadlineMinutes: DAY, onDeadline: 'escalate', note: 'a low rating is called back within a day, or escalates' },
    { state: 'awaiting_dispute', party: 'customer', deadlineMinutes: 7 * DAY, onDeadline: 'close', note: 'a rejected claim may be disputed within 7 days, or the rejection stands' },
    { state: 'awaiting_arbitration', party: 'platform', deadlineMinutes: 7 * DAY, onDeadline: 'close', note: 'no platform ruling within 7 days: the current decision stands' },
  ],
  merchantDeadlineMinutes: 2 * DAY,
  lowRatingAtMost: 2,
};
