/**
 * API keys and roles. A caller presents a key (`Authorization: Bearer <key>` or `X-Api-Key: <key>`);
 * the key has one role; PERMISSIONS says what each role may do. Carrier webhooks are
 * authenticated by their HMAC signature instead (see webhooks/carriers.ts).
 *
 * 401 without a key or with an unknown one, 403 when the key's role may not act (PERMISSIONS, the
 * role matrix as data, shown on /docs).
 *
 * service = backend services acting for the customer (shop, app, hotline, chat bot); agent =
 * after-sales agents and regional specialists through their console; ops = operations, who see
 * everything and record the platform's rulings. Lists are open to every role: services look up an
 * order's cases, agents work their queues, ops watch everything.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './errors';

export const ROLES = ['service', 'agent', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/** What each operation allows, by role: the matrix above, as data. */
export const PERMISSIONS = {
  'cases:open': ['service'],
  'cases:read': ['service', 'agent', 'ops'],
  'cases:list': ['service', 'agent', 'ops'],
  'cases:evidence': ['service'],
  'cases:withdraw': ['service'],
  'cases:feedback': ['service'],
  'cases:dispute': ['service'],
  'cases:resolution': ['service', 'agent'],
  'cases:acknowledge': ['agent'],
  'cases:review': ['agent'],
  'cases:notes': ['agent'],
  'cases:return-received': ['agent'],
  'cases:escalate': ['agent', 'ops'],
  'cases:attention': ['agent', 'ops'],
  'cases:arbitration-ruling': ['ops'],
  'cases:clocks': ['agent', 'ops'],
  'clocks:pause': ['ops'],
  'codec:use': ['agent', 'ops'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

/** The keys the API accepts. Keys are held only as SHA-256 digests, looked up by digest. */
export interface ApiKeys {
  roleOf(presentedKey: string): Role | undefined;
  /** `development` when AFTERCASE_API_KEYS was unset and the documented development keys apply. */
  readonly source: 'env' | 'development';
  readonly count: number;
}

/**
 * The development key set, used when AFTERCASE_API_KEYS is unset (never in production): documented
 * in the README and the API reference so a local stack works out of the box.
 */
export const DEVELOPMENT_API_KEYS: Readonly<Record<Role, string>> = {
  service: 'dev-service-key',
  agent: 'dev-agent-key',
  ops: 'dev-ops-key',
};

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** An ApiKeys over `role → keys` entries. */
export function apiKeys(entries: ReadonlyArray<{ role: Role; key: string }>, source: ApiKeys['source'] = 'env'): ApiKeys {
  const byDigest = new Map<string, Role>();
  for (const { role, key } of entries) byDigest.set(digest(key), role);
  return {
    roleOf: (presented) => (presented.length > 0 && presented.length <= 512 ? byDigest.get(digest(presented)) : undefined),
    source,
    count: byDigest.size,
  };
}

const KEY_PATTERN = /^[\x21-\x2b\x2d-\x7e]{8,256}$/; // visible ASCII except ',' — at least 8 characters

/** The development key set (src/config.ts uses it when AFTERCASE_API_KEYS is unset, never in production). */
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

/** The key a request presents, from `Authorization: Bearer` or `X-Api-Key`. */
function presentedKey(authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined {
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match?.[1];
  }
  return apiKeyHeader;
}

/** Middleware: 401 without a known key, 403 when the key's role may not do `permission`. */
export function requirePermission(keys: ApiKeys, permission: Permission): RequestHandler {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return (req, res, next) => {
    const key = presentedKey(req.get('authorization'), req.get('x-api-key'));
    const role = key === undefined ? undefined : keys.roleOf(key);
    if (!role) {
      throw new ApiError('unauthenticated', key === undefined ? 'no API key was presented' : 'the API key is not known', {
        headers: { 'WWW-Authenticate': 'Bearer realm="aftercase"' },
      });
    }
    res.locals.role = role;
    res.locals.credential = digest(key ?? '');
    if (!allowed.includes(role)) throw new ApiError('forbidden', `the ${role} role may not ${permission.replace(/^cases:/, '')} (allowed: ${allowed.join(', ')})`);
    next();
  };
}
