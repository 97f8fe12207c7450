/**
 * What the case service (src/cases, src/clock-pauses) is given: the Temporal client and settings,
 * resolved once by caseDeps (createApp in src/api/app.ts builds one per API process).
 */
import { createHash } from 'node:crypto';
import { Client } from '@temporalio/client';
import { CURRENT_POLICY_VERSION } from '../policy/versions';
import { CASE_TASK_QUEUE } from '../workflows/case/contract';

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
  /**
   * The same connection, whose queries a workflow that ended without completing (terminated,
   * cancelled, timed out, failed) rejects: how a read tells a stopped case from a live one at no
   * extra call (src/cases/reading.ts).
   */
  liveClient: Client;
  namespace: string;
  taskQueue: string;
  now: () => Date;
  timeouts: CaseTimeouts;
  /** One JSON object per call (no personal data). */
  log: (entry: object) => void;
  /** The policy version new cases open under. */
  policyVersion: string;
  /** HMAC key that seals the list's page tokens. */
  pageTokenKey: Buffer;
}

/** The settings a caller gives; the rest have defaults. */
export interface CaseSettings {
  client: Client;
  namespace: string;
  /** Default CASE_TASK_QUEUE. */
  taskQueue?: string;
  /** The policy version new cases open under; default CURRENT_POLICY_VERSION. */
  policyVersion?: string;
  /** The clock that stamps `openedAt`; default the system clock. */
  now?: () => Date;
  /** Default DEFAULT_TIMEOUTS. */
  timeouts?: Partial<CaseTimeouts>;
}

/** The service's deps; `secret` (the webhook secret every API process shares) keys the page tokens. */
export function caseDeps(settings: CaseSettings, log: CaseDeps['log'], secret: string): CaseDeps {
  return {
    client: settings.client,
    liveClient: liveOnly(settings.client),
    namespace: settings.namespace,
    taskQueue: settings.taskQueue ?? CASE_TASK_QUEUE,
    policyVersion: settings.policyVersion ?? CURRENT_POLICY_VERSION,
    now: settings.now ?? (() => new Date()),
    timeouts: { ...DEFAULT_TIMEOUTS, ...settings.timeouts },
    log,
    // Every API process shares the secret, so tokens sealed by one are good on another.
    pageTokenKey: createHash('sha256').update('aftercase/list-page-token\0').update(secret).digest(),
  };
}

/**
 * A client on `client`'s connection and settings whose queries only workflows that are running or
 * completed answer. A stand-in without the SDK's options (a test double) is used as it is.
 */
function liveOnly(client: Client): Client {
  if (!(client as Partial<Client>).options) return client;
  const { namespace, dataConverter, interceptors, identity } = client.options;
  return new Client({ connection: client.connection, namespace, dataConverter, interceptors, identity, workflow: { queryRejectCondition: 'NOT_COMPLETED_CLEANLY' } });
}

/** Runs `fn` with every Temporal call in it bounded by `ms`. */
export function within<T>(deps: Pick<CaseDeps, 'client'>, ms: number, fn: () => Promise<T>): Promise<T> {
  return deps.client.withDeadline(Date.now() + ms, fn);
}
