/**
 * How the case workflow calls its activities: timeouts and retry policies per kind of call.
 * Only the activity *types* are imported; implementations live in src/activities.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { AfterSalesActivities } from '../../activities/types';

/** Look-ups and messages: short, retried with backoff for up to ten minutes. */
export const lookups = proxyActivities<AfterSalesActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Calls that move money, stock or parcels. Each carries an idempotency key, so retries are safe;
 * a bounded number of attempts lets the workflow see a persistent failure, make it visible in the
 * case view, escalate it, and try again later with the same key.
 */
export const movements = proxyActivities<AfterSalesActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});
