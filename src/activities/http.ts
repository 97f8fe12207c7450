/**
 * The one way an adapter talks HTTP: JSON in and out, a per-request timeout, the Idempotency-Key
 * header when the call has one, the answer checked against a zod schema (unknown fields dropped,
 * so nothing unexpected, personal data included, reaches workflow history), and every failure
 * classified for Temporal: refusals are non-retryable, outages retryable. See ./failures.ts.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { IDEMPOTENCY_KEY_REUSED, failureType, type FailureKind } from './failures';
import type { SystemName } from './systems';
import { fetchTransport, nodeTransport, TransportError, type IncomingAnswer } from './transport';

export interface ActivityDeps {
  /** Base URL of each external system, e.g. { payments: 'https://pay.example.com/api', … }. */
  baseUrls: Record<SystemName, string>;
  /** Per-request timeout (default 10 s); keep it below the activity's startToCloseTimeout. */
  timeoutMs?: number;
  /** A fetch to send requests with (tests); default node:http(s) with keep-alive (./transport.ts). */
  fetch?: typeof fetch;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  /** Path under the system's base URL; callers encode path parameters. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  idempotencyKey?: string;
}

/** Calls one external system and returns its answer parsed by `schema`. */
export type SystemClient = <T>(call: HttpCall, schema: z.ZodType<T>) => Promise<T>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The attempt of the activity this call runs in (1 outside an activity: a script, a test). */
function activityAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

function failure(system: SystemName, kind: FailureKind | typeof IDEMPOTENCY_KEY_REUSED, message: string, details: Record<string, unknown>, nextRetryDelayMs?: number): ApplicationFailure {
  const type = kind === IDEMPOTENCY_KEY_REUSED ? kind : failureType(system, kind);
  const nonRetryable = !['Unavailable', 'Timeout', 'Unreachable'].includes(kind);
  // A refusal on a later attempt may follow one whose answer was lost: the workflow looks the step up (attention.ts).
  const attempt = nonRetryable ? activityAttempt() : 1;
  return ApplicationFailure.create({ message, type, nonRetryable, details: [attempt > 1 ? { ...details, attempt } : details], ...(nextRetryDelayMs !== undefined && { nextRetryDelay: nextRetryDelayMs }) });
}

/** Seconds or an HTTP date in Retry-After, as milliseconds (capped at 5 minutes). */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 300_000) : undefined;
}

/** The failure for an HTTP error answer: 408, 429 and 5xx retryable; 409 reuse a bug; other 4xx refusals. */
export function classifyHttpError(system: SystemName, status: number, code: string | undefined, retryAfter: string | null, where: string): ApplicationFailure {
  const message = `${where} answered ${status}${code ? ` ${code}` : ''}`;
  const details = { system, status, ...(code && { code }) };
  if (status === 408 || status === 429 || status >= 500) return failure(system, 'Unavailable', message, details, retryAfterMs(retryAfter));
  if (status === 409 && code === 'idempotency_key_reused') return failure(system, IDEMPOTENCY_KEY_REUSED, message, details);
  if (status === 404) return failure(system, 'NotFound', message, details);
  if (status === 409) return failure(system, 'Conflict', message, details);
  return failure(system, 'Rejected', message, details);
}

/** Only the machine-readable `error` code of an error body: free text may carry what it shouldn't. */
function errorCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown } | null;
    return typeof body?.error === 'string' && /^[a-z0-9_.-]{1,64}$/i.test(body.error) ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The system's base URL without trailing slashes. A missing or malformed one is refused here, when
 * the activities are built: a configuration error, not an outage to retry on every call. The URL
 * itself is never printed (it may carry credentials).
 */
function baseUrlOf(system: SystemName, given: string | undefined): string {
  const base = given?.replace(/\/+$/, '');
  if (!base) throw new Error(`No base URL configured for the ${system} system`);
  let protocol: string;
  try {
    protocol = new URL(base).protocol;
  } catch {
    throw new TypeError(`The base URL of the ${system} system is not an absolute URL`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`The base URL of the ${system} system is not http(s) (${protocol})`);
  return base;
}

export function systemClient(system: SystemName, deps: ActivityDeps): SystemClient {
  const base = baseUrlOf(system, deps.baseUrls[system]);
  const transport = deps.fetch ? fetchTransport(deps.fetch) : nodeTransport;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async <T>(call: HttpCall, schema: z.ZodType<T>): Promise<T> => {
    const where = `${system} ${call.method} ${call.path}`;
    const query = call.query ? `?${new URLSearchParams(Object.entries(call.query).map(([k, v]): [string, string] => [k, String(v)]))}` : '';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
    let res: IncomingAnswer;
    try {
      res = await transport({ method: call.method, url: `${base}${call.path}${query}`, headers, ...(call.body !== undefined && { body: JSON.stringify(call.body) }) }, timeoutMs);
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      if (err.kind === 'no_answer') throw failure(system, 'Timeout', `${where} gave no answer within ${timeoutMs} ms`, { system, timeoutMs });
      if (err.kind === 'stalled' && err.code === undefined) throw failure(system, 'Timeout', `${where} stalled mid-answer after ${timeoutMs} ms`, { system, timeoutMs });
      const how = err.kind === 'stalled' ? 'broke off mid-answer' : 'unreachable';
      throw failure(system, 'Unreachable', `${where} ${how}${err.code ? ` (${err.code})` : ''}`, { system });
    }
    if (res.status < 200 || res.status >= 300) throw classifyHttpError(system, res.status, errorCode(res.text), res.header('retry-after'), where);
    let payload: unknown;
    try {
      payload = res.status === 204 ? undefined : JSON.parse(res.text);
    } catch {
      throw failure(system, 'BadResponse', `${where} answered ${res.status} with a body that is not JSON`, { system, status: res.status });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
      throw failure(system, 'BadResponse', `${where} answered ${res.status} with an unexpected shape (${fields})`, { system, status: res.status });
    }
    return parsed.data;
  };
}
