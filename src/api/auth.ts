/**
 * API keys and roles. A caller presents a key (`Authorization: Bearer <key>` or `X-Api-Key: <key>`);
 * the key has one role, and PERMISSIONS (the role matrix, shown on /docs) says what each role may
 * do: service = backend services acting for the customer; agent = after-sales agents; ops =
 * operations, who see everything and record the platform's rulings. 401 without a known key, 403
 * when its role may not act. Carrier webhooks are authenticated by signature instead.
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
const presentedKey = (authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined =>
  authorization !== undefined ? /^Bearer +(\S+) *$/i.exec(authorization)?.[1] : apiKeyHeader;

/**
 * Middleware: 401 without a known key, 403 when the key's role may not do `permission`. On the
 * development keys only, a request without any key from one of `keylessOrigins` passes (the dev
 * Temporal UI calling the codec server: it has no sign-in to send a key with).
 */
export function requirePermission(keys: ApiKeys, permission: Permission, keylessOrigins?: ReadonlySet<string>): RequestHandler {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return (req, res, next) => {
    const keyless = req.get('authorization') === undefined && req.get('x-api-key') === undefined;
    if (keyless && keys.source === 'development' && keylessOrigins?.has(req.get('origin') ?? '')) return next();
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
