/**
 * Policy version 2026-12-v2: the 2026-12-v1 tables, except that a missing_item or not_delivered
 * claim at or above the tier's small-compensation authority no longer pays at once: no photo decides
 * it, so a person reviews it (the merchant checks its packing record or the carrier's trace) within
 * the review deadline, and a silent merchant is deemed to agree as for any review. And the authority
 * counts what earlier cases remedied on the order: three small claims on one order in a row no longer
 * each pay at once when together they reach it.
 */
import type { PolicyConfig } from './config';
import { POLICY_2026_12_V1 } from './policy-2026-12-v1';

/** The 2026-12-v2 policy tables. */
export const POLICY_2026_12_V2: PolicyConfig = {
  ...POLICY_2026_12_V1,
  version: '2026-12-v2',
  evidence: { ...POLICY_2026_12_V1.evidence, reviewWithoutPhotos: ['missing_item', 'not_delivered'], authorityCountsEarlierRemedies: true },
};
