/**
 * Authorisation. A caller presents a key (`Authorization: Bearer <key>` or `X-Api-Key: <key>`); the
 * key has one role (src/api-keys.ts), and PERMISSIONS (the role matrix, shown on /docs) says what
 * each role may do; ops see everything and record the platform's rulings. 401 without a known key,
 * 403 when its role may not act. Carrier webhooks are authenticated by signature instead.
 */
import type { RequestHandler } from 'express';
import { keyDigest, type ApiKeys, type Role } from '../api-keys';
import { ApiError } from './errors';

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

/**
 * Middleware: 401 without a known key, 403 when the key's role may not do `permission`. On the
 * development keys only, a request without any key from one of `keylessOrigins` passes (the dev
 * Temporal UI calling the codec server: it has no sign-in to send a key with).
 */
export function requirePermission(keys: ApiKeys, permission: Permission, keylessOrigins?: ReadonlySet<string>): RequestHandler {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return (req, res, next) => {
    const [authorization, apiKey] = [req.get('authorization'), req.get('x-api-key')];
    if (authorization === undefined && apiKey === undefined && keys.source === 'development' && keylessOrigins?.has(req.get('origin') ?? '')) return next();
    const key = authorization !== undefined ? /^Bearer +(\S+) *$/i.exec(authorization)?.[1] : apiKey;
    const role = key === undefined ? undefined : keys.roleOf(key);
    if (!role) {
      throw new ApiError('unauthenticated', key === undefined ? 'no API key was presented' : 'the API key is not known', {
        headers: { 'WWW-Authenticate': 'Bearer realm="aftercase"' },
      });
    }
    res.locals.role = role;
    res.locals.credential = keyDigest(key ?? '');
    if (!allowed.includes(role)) {
      // Named as the caller sent it (the route's path, its ids as parameters), then the permission it needs.
      const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
      throw new ApiError('forbidden', `the ${role} role may not ${req.method} ${route}: it needs ${permission}, which ${allowed.join(' and ')} ${allowed.length > 1 ? 'have' : 'has'}`);
    }
    next();
  };
}
