/**
 * The API keys aftercase accepts, each with one role: service = backend services acting for the
 * customer; agent = after-sales agents; ops = operations. Parsed once at start from
 * `AFTERCASE_API_KEYS` by src/config.ts; src/api/auth.ts checks a request's key against them and
 * holds what each role may do.
 */
import { createHash } from 'node:crypto';

export const ROLES = ['service', 'agent', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/** The keys the API accepts. Keys are held only as SHA-256 digests, looked up by digest. */
export interface ApiKeys {
  roleOf(presentedKey: string): Role | undefined;
  /** `development` when AFTERCASE_API_KEYS was unset and the documented development keys apply. */
  readonly source: 'env' | 'development';
  readonly count: number;
}

/** The development keys (AFTERCASE_API_KEYS unset, never in production), documented so a local stack works as is. */
export const DEVELOPMENT_API_KEYS: Readonly<Record<Role, string>> = {
  service: 'dev-service-key',
  agent: 'dev-agent-key',
  ops: 'dev-ops-key',
};

/** How a key is held and looked up: its SHA-256, hex. */
export const keyDigest = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** An ApiKeys over `role → keys` entries. */
export function apiKeys(entries: ReadonlyArray<{ role: Role; key: string }>, source: ApiKeys['source'] = 'env'): ApiKeys {
  const byDigest = new Map<string, Role>();
  for (const { role, key } of entries) byDigest.set(keyDigest(key), role);
  return {
    roleOf: (presented) => (presented.length > 0 && presented.length <= 512 ? byDigest.get(keyDigest(presented)) : undefined),
    source,
    count: byDigest.size,
  };
}

const KEY_PATTERN = /^[\x21-\x2b\x2d-\x7e]{8,256}$/; // visible ASCII except ',' — at least 8 characters

export function developmentApiKeys(): ApiKeys {
  return apiKeys(ROLES.map((role) => ({ role, key: DEVELOPMENT_API_KEYS[role] })), 'development');
}

/**
 * Keys from `AFTERCASE_API_KEYS` = `role:key,role:key` (roles service|agent|ops; a role may have
 * several keys, for rotation); src/config.ts calls it once at start. Throws on a malformed entry
 * naming its position, never the key itself.
 */
export function parseApiKeys(raw: string): ApiKeys {
  const entries: Array<{ role: Role; key: string }> = [];
  const seen = new Map<string, Role>();
  raw.split(',').forEach((part, index) => {
    const entry = part.trim();
    const colon = entry.indexOf(':');
    const role = entry.slice(0, colon);
    const key = entry.slice(colon + 1);
    const where = `entry ${index + 1}`;
    if (colon <= 0) throw new Error(`${where} is not role:key`);
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`${where} has unknown role "${role}" (roles: ${ROLES.join(', ')})`);
    if (!KEY_PATTERN.test(key)) throw new Error(`${where}: a key is 8–256 visible ASCII characters without commas`);
    const previous = seen.get(key);
    if (previous && previous !== role) throw new Error(`${where}: the same key is given to two roles`);
    seen.set(key, role as Role);
    entries.push({ role: role as Role, key });
  });
  return apiKeys(entries, 'env');
}
