/**
 * One-line summaries of activity calls for the Temporal UI ("refund ¥59.00 for AC-…", "EMS waybill
 * for reshipment to Northwest", "score 2 photos"). Pure and deterministic (workflow code).
 *
 * No personal data: only case/order/reservation ids, closed enums (region, carrier, template,
 * role, priority), counts and amounts. Never a customer reference, description, photo URL, reason
 * text or message parameter. A summary is a payload (encrypted by the codec) but is kept clean anyway.
 */
import type { AfterSalesActivities } from '../../activities/types';
import type { Fen, Region } from '../../domain/types';

/** What the workflow knows beyond an activity's input that a summary may name. */
export interface SummaryFacts {
  /** The case's region, once intake has found it. */
  region?: Region;
}

type ActivityType = keyof AfterSalesActivities;
type InputOf<K extends ActivityType> = Parameters<AfterSalesActivities[K]>[0];
type Summarise = { [K in ActivityType]: (input: InputOf<K>, facts: SummaryFacts) => string };

/** `¥59.00` from 5900 fen. */
export function yuan(amount: Fen): string {
  return `¥${(amount / 100).toFixed(2)}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const units = (items: readonly { quantity: number }[]) => count(items.reduce((n, i) => n + i.quantity, 0), 'item');
const toRegion = (facts: SummaryFacts) => (facts.region ? ` to ${facts.region}` : '');

/** Every activity type's summary; a new activity type does not compile until it has one. */
const SUMMARIES: Summarise = {
  getOrder: (i) => `look up order ${i.orderId}`,
  recordSettledRemedy: (i) => `record the ${i.kind} settled by hand on order ${i.orderId} (${i.caseId})`,
  findSpecialist: (i) => `find a ${i.priority}${i.dedicated ? ' dedicated' : ''} specialist in ${i.region}`,
  findEscalationContact: (i) => `find the ${i.role.replace(/_/g, ' ')} for ${i.region} (${i.caseId})`,
  notifyCustomer: (i) => `tell the customer: ${i.template} (${i.caseId})`,
  notifyStaff: (i) => `tell staff: ${i.template} (${i.caseId})`,
  scorePhotos: (i) => `score ${count(i.photos.length, 'photo')}`,
  reserveStock: (i) => `reserve ${units(i.items)} in ${i.region} for reshipment (${i.caseId})`,
  releaseStock: (i) => `release reservation ${i.reservationId} (${i.caseId})`,
  dispatchReshipment: (i, f) => `${i.carrier} waybill for reshipment${toRegion(f)}${i.giftSku ? ' with a gift' : ''} (${i.caseId})`,
  quarantineReturn: (i) => `quarantine ${units(i.items)} returned for ${i.caseId}`,
  schedulePickup: (i) => `${i.carrier} pickup of ${units(i.items)} for return (${i.caseId})`,
  issueRefund: (i) => `refund ${yuan(i.amount)} for ${i.caseId}`,
  grantCoupon: (i) => `coupon ${yuan(i.value)} for ${i.caseId}`,
  lookupRefund: (i) => `look up the refund made for ${i.caseId}`,
  lookupDispatch: (i) => `look up the reshipment dispatched for ${i.caseId}`,
  lookupPickup: (i) => `look up the return pickup booked for ${i.caseId}`,
  cancelPickup: (i) => `cancel pickup ${i.pickupId} (${i.caseId})`,
};

/** The UI summary of one activity call. */
export function activitySummary<K extends ActivityType>(type: K, input: InputOf<K>, facts: SummaryFacts = {}): string {
  return (SUMMARIES[type] as (i: InputOf<K>, f: SummaryFacts) => string)(input, facts);
}

/** Every activity type that has a summary (all of them). */
export const SUMMARISED_ACTIVITIES = Object.keys(SUMMARIES) as ActivityType[];
