/**
 * Every published policy, by version. Append-only: a running case looks its policy up by the
 * version it was opened under, so a published entry must never change or disappear.
 */
import type { PolicyConfig } from './config';
import { POLICY_2026_11_V1 } from './policy-2026-11-v1';
import { POLICY_2026_12_V1 } from './policy-2026-12-v1';
import { POLICY_2026_12_V2 } from './policy-2026-12-v2';

/** Freezes a value and everything reachable from it (the tables are shared, never mutated). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** All published policies, keyed by version (append-only). */
export const POLICY_VERSIONS: Readonly<Record<string, PolicyConfig>> = deepFreeze({
  [POLICY_2026_11_V1.version]: POLICY_2026_11_V1,
  [POLICY_2026_12_V1.version]: POLICY_2026_12_V1,
  [POLICY_2026_12_V2.version]: POLICY_2026_12_V2,
});

/**
 * The version new cases are opened under (AFTERCASE_POLICY_VERSION overrides it, src/config.ts):
 * 2026-12-v2: the merchant clocks of 2026-12-v1 (working time on each desk's calendar), and a
 * person's review before a missing_item or not_delivered claim above the small-compensation authority pays.
 */
export const CURRENT_POLICY_VERSION = '2026-12-v2';

/** The last version whose clocks all count wall time, 24×7 (its cases still run on it). */
export const WALL_CLOCK_POLICY_VERSION = '2026-11-v1';

/** The policy of a version; throws naming the version if it is unknown. */
export function policyFor(version: string): PolicyConfig {
  const policy = Object.prototype.hasOwnProperty.call(POLICY_VERSIONS, version) ? POLICY_VERSIONS[version] : undefined;
  if (policy === undefined) {
    throw new Error(`Unknown policy version "${version}" (known: ${Object.keys(POLICY_VERSIONS).join(', ')})`);
  }
  return policy;
}
