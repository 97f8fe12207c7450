/**
 * What the case service (src/cases, src/clock-pauses) is given: the Temporal client and settings,
 * resolved once (createApp in src/api/app.ts builds one per API process).
 */
import type { Client } from '@temporalio/client';

/** How long the service waits on Temporal before giving up (the API answers 503 `case_not_answering`). */
export interface CaseTimeouts {
  /** A case's `caseView` query (a worker must answer it). */
  queryMs: number;
  /** An action's update, from admission to the case's answer. */
  updateMs: number;
  /** Waits before each visibility lookup of a webhook's tracking number (visibility lags a little). */
  webhookLookupDelaysMs: number[];
  /** A page of the case list from visibility. */
  listMs: number;
  /** The readiness probe's call to Temporal. */
  readinessMs: number;
}

export const DEFAULT_TIMEOUTS: CaseTimeouts = {
  queryMs: 5_000,
  updateMs: 20_000,
  webhookLookupDelaysMs: [0, 250, 500, 1_000],
  listMs: 10_000,
  readinessMs: 2_000,
};

export interface CaseDeps {
  client: Client;
  namespace: string;
  taskQueue: string;
  now: () => Date;
  timeouts: CaseTimeouts;
  /** One JSON object per call (no personal data). */
  log: (entry: object) => void;
  /** The policy version new cases open under. */
  policyVersion: string;
  /** HMAC key that seals the list's page tokens (every API process derives the same one). */
  pageTokenKey: Buffer;
}

/** Runs `fn` with every Temporal call in it bounded by `ms`. */
export function within<T>(deps: Pick<CaseDeps, 'client'>, ms: number, fn: () => Promise<T>): Promise<T> {
  return deps.client.withDeadline(Date.now() + ms, fn);
}
