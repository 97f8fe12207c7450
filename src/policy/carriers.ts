/**
 * Carrier choice by destination. Each carrier has, per region, a coverage share, an on-time share
 * and whether a cold chain reaches. Score = weighted coverage + on-time; western (Southwest,
 * Northwest) and remote destinations weigh coverage more and give EMS (98% of counties) a bonus.
 * Perishables only go with a carrier whose cold chain reaches the region (never a remote province);
 * if none does, there is no carrier: a refund beats a reshipment that would arrive spoiled.
 */
import type { Carrier, Region } from '../domain/types';
import { CARRIERS } from '../domain/types';
import type { PolicyConfig } from './config';

/** Where a parcel goes and what it carries. */
export interface CarrierChoiceInput {
  region: Region;
  remote: boolean;
  perishable: boolean;
}

/** The chosen carrier with its score, or why none can take the parcel. */
export type CarrierChoice =
  | { carrier: Carrier; score: number; reasons: string[] }
  | { carrier: null; reason: 'no_cold_chain' | 'no_coverage' };

/** A carrier's score for a destination, for every carrier that could take the parcel. */
export interface CarrierScore {
  carrier: Carrier;
  score: number;
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** Whether the destination counts as western/remote for scoring. */
function isWestern(policy: PolicyConfig, input: CarrierChoiceInput): boolean {
  return input.remote || policy.carriers.westernRegions.includes(input.region);
}

/** Scores every carrier for a destination (ignoring coverage and cold-chain eligibility). */
export function scoreCarriers(policy: PolicyConfig, input: CarrierChoiceInput): CarrierScore[] {
  const c = policy.carriers;
  const western = isWestern(policy, input);
  const w = western ? c.westernWeights : c.weights;
  return CARRIERS.map((carrier) => {
    const stats = c.table[carrier][input.region];
    const bonus = western && carrier === c.westernPreferred.carrier ? c.westernPreferred.bonus : 0;
    return { carrier, score: round4(w.coverage * stats.coverage + w.onTime * stats.onTime + bonus) };
  });
}

/** Whether a cold chain of this carrier reaches the destination. */
export function coldChainReaches(policy: PolicyConfig, carrier: Carrier, region: Region, remote: boolean): boolean {
  if (remote && policy.carriers.coldChainExcludesRemote) return false;
  return policy.carriers.table[carrier][region].coldChain;
}

/** Chooses the best carrier for a destination, or none when no cold chain or coverage reaches. */
export function chooseCarrier(policy: PolicyConfig, input: CarrierChoiceInput): CarrierChoice {
  const c = policy.carriers;
  let candidates = [...CARRIERS];
  if (input.perishable) {
    candidates = candidates.filter((k) => coldChainReaches(policy, k, input.region, input.remote));
    if (candidates.length === 0) return { carrier: null, reason: 'no_cold_chain' };
  }
  candidates = candidates.filter((k) => c.table[k][input.region].coverage >= c.minCoverage);
  if (candidates.length === 0) return { carrier: null, reason: 'no_coverage' };
  const rank = (k: Carrier): number => {
    const i = c.tieBreak.indexOf(k);
    return i === -1 ? c.tieBreak.length : i;
  };
  const best = scoreCarriers(policy, input)
    .filter((s) => candidates.includes(s.carrier))
    .sort((a, b) => b.score - a.score || rank(a.carrier) - rank(b.carrier))[0] as CarrierScore;
  const reasons = [`best score ${best.score} in ${input.region}`];
  if (isWestern(policy, input)) reasons.push(`${input.remote ? 'remote' : 'western'} destination: coverage weighs more, ${c.westernPreferred.carrier} preferred`);
  if (input.perishable) reasons.push('perishable: cold chain required');
  return { carrier: best.carrier, score: best.score, reasons };
}

/** How long a parcel may be in transit to a destination before it counts as lost. */
export function deliveryDeadlineMinutes(policy: PolicyConfig, region: Region, remote: boolean): number {
  const c = policy.carriers;
  return remote ? c.remoteDeliveryDeadlineMinutes : c.deliveryDeadlineMinutes[region];
}
