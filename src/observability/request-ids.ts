/**
 * The API request being served, for code far from the HTTP layer: `requestContext` runs each
 * request's handlers inside `withRequestId`, and opening a case puts `currentRequestId()` on the
 * workflow's start input, so the case's first log lines name the request that opened it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const requestIds = new AsyncLocalStorage<string>();

/** Runs `fn` (and everything it awaits) as part of the request `requestId`. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestIds.run(requestId, fn);
}

/** The request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}
