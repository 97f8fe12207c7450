/**
 * Request ids and the access log. Every response carries `X-Request-Id` (the caller's, when it is
 * a sane token, else a new UUID), and every request produces exactly one JSON log line:
 * method, route pattern, status, duration, request id, role and case id. Never bodies, query
 * strings, headers or anything a customer wrote: those may hold personal data.
 */
import { randomUUID } from 'node:crypto';
import { withRequestId } from '../observability/request-ids';
import type { RequestHandler } from 'express';
import { entryLogger, rootLogger } from '../observability/logger';
import { locals } from '../observability/request-locals';

export type Logger = (entry: object) => void;

let apiLog: Logger | undefined;
/** Writes one JSON line to stdout through the process's pino logger (pretty on a terminal, redacting). */
export const jsonLineLogger: Logger = (entry) => (apiLog ??= entryLogger(rootLogger().child({ component: 'api' })))(entry);

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    // 'close' comes once per response: after it was sent, or when the caller went away first.
    res.once('close', () => {
      const l = locals(res);
      log({
        level: 'info',
        msg: 'http_request',
        requestId,
        method: req.method,
        route: l.route ?? null,
        status: res.headersSent ? res.statusCode : 499,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(l.role ? { role: l.role } : {}),
        ...(l.caseId ? { caseId: l.caseId } : {}),
      });
    });
    withRequestId(requestId, next); // handlers see it as currentRequestId() (a case's start input carries it)
  };
}
