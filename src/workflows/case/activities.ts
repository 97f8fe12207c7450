/**
 * How the case workflow calls its activities: timeouts and retry policies per kind of call, and a
 * UI summary on every call (./summaries.ts), so call sites stay plain `lookups.x(input)`.
 * Only the activity *types* are imported; implementations live in src/activities.
 */
import { proxyActivities, workflowInfo, type ActivityFunctionWithOptions, type ActivityInterfaceFor, type ActivityOptions } from '@temporalio/workflow';
import type { AfterSalesActivities } from '../../activities/types';
import type { Region } from '../../domain/types';
import { REGION } from './search-attributes';
import { activitySummary, SUMMARISED_ACTIVITIES, type SummaryFacts } from './summaries';

/** What a summary may name beyond the input: the region the case has published as a search attribute. */
function summaryFacts(): SummaryFacts {
  const region = workflowInfo().typedSearchAttributes.get(REGION) as Region | undefined;
  return region ? { region } : {};
}

/**
 * `proxyActivities(options)` whose every call carries its summary (`ActivityOptions.summary`, the
 * user metadata of ActivityTaskScheduled). The summary is not part of the command's identity, so
 * histories recorded without summaries replay unchanged (tests/replay).
 */
export function summarisedActivities(options: ActivityOptions): ActivityInterfaceFor<AfterSalesActivities> {
  const plain = proxyActivities<AfterSalesActivities>(options);
  const wrapped: Record<string, unknown> = {};
  for (const type of SUMMARISED_ACTIVITIES) {
    const fn = plain[type] as unknown as ActivityFunctionWithOptions<(input: unknown) => Promise<unknown>>;
    const call = (input: never) => fn.executeWithOptions({ ...options, summary: activitySummary(type, input, summaryFacts()) }, [input]);
    wrapped[type] = Object.assign(call, { executeWithOptions: fn.executeWithOptions });
  }
  return wrapped as ActivityInterfaceFor<AfterSalesActivities>;
}

/** Look-ups (the order, photo scoring; the directory before CASE_INTEGRITY): short, retried with backoff for up to ten minutes. */
export const lookups = summarisedActivities({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Calls the story waits on where minutes matter, retried for up to two minutes only: messages to
 * customers and staff (one that still fails is sent again aside, context.ts MESSAGES_RESENT_ASIDE),
 * the case's specialist and the escalation contact of a rung (a failure falls back to the regional
 * queue), and the look-up of a movement's lost answer (a failure reads as not done, and the case
 * shows needs_attention so ops can act). Before, ten minutes each: a notification outage held a case
 * in intake ten minutes per message, and a payments outage kept ops from a failing refund ten more.
 */
export const quickCalls = summarisedActivities({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The profile of a call the story waits on where minutes matter: quickCalls since CASE_INTEGRITY;
 * before, ten minutes of look-up retries, whose failure fails the run (their histories replay so).
 */
export function waitedOnCalls(integrity: boolean): typeof quickCalls {
  return integrity ? quickCalls : lookups;
}

/**
 * Calls that move money, stock or parcels. Each carries an idempotency key, so retries are safe;
 * a bounded number of attempts lets the workflow see a persistent failure, make it visible in the
 * case view, escalate it, and try again later with the same key.
 */
export const movements = summarisedActivities({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});
