/**
 * What the API's middleware and handlers learn about a request (res.locals), read by the access log
 * (src/api/request-context.ts) and the HTTP metrics (./http-metrics.ts): no personal data, only
 * ids, the route pattern and the caller's role.
 */
import type { Response } from 'express';
import type { Role } from '../api-keys';

/** What the middleware and handlers learn about a request, for the log line. */
export interface RequestLocals {
  requestId: string;
  /** The route pattern that matched (`/v1/cases/{id}`), absent for unknown paths. */
  route?: string;
  role?: Role;
  /** Digest of the API key presented (never the key). */
  credential?: string;
  caseId?: string;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

