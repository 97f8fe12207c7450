/**
 * How activity failures are named, so workflows can tell a refusal from an outage. Every failure an
 * adapter throws is an ApplicationFailure whose `type` is `<System><Kind>` (e.g. `PaymentsRejected`,
 * `OrdersNotFound`, `WarehouseUnavailable`), or `IdempotencyKeyReused`. Plain constants: safe to
 * import from workflow code.
 */
import type { SystemName } from './systems';

/** Not retried: the other system said no, and asking again cannot change its mind. */
export const NON_RETRYABLE_KINDS = ['Rejected', 'NotFound', 'Conflict', 'BadResponse'] as const;
/** Retried by the activity's retry policy, with backoff: the other system may answer next time. */
export const RETRYABLE_KINDS = ['Unavailable', 'Timeout', 'Unreachable'] as const;
export type FailureKind = (typeof NON_RETRYABLE_KINDS)[number] | (typeof RETRYABLE_KINDS)[number];

/** Same Idempotency-Key, different request: a bug in the caller, never retried. */
export const IDEMPOTENCY_KEY_REUSED = 'IdempotencyKeyReused';

/** The ApplicationFailure type of a failure of `kind` at `system`, e.g. ('payments', 'Rejected') → 'PaymentsRejected'. */
export function failureType(system: SystemName, kind: FailureKind): string {
  return `${system.charAt(0).toUpperCase()}${system.slice(1)}${kind}`;
}
