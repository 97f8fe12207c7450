/**
 * The one place that knows HTTP statuses for failures. Every failure the API reports is a problem
 * kind below, sent as application/problem+json (RFC 9457): type, title, status, detail, instance,
 * plus `requestId` and, for invalid input, the zod `issues`. No stack trace ever leaves the process.
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import { ApplicationFailure, isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { CASE_CLOSED } from '../workflows/case/refusals';
import { z } from 'zod';
import { CaseError } from '../cases/errors';

/** Every kind of failure, its status and its title. The docs page explains each under `#problem-<kind>`. */
export const PROBLEMS = {
  validation_failed: { status: 400, title: 'The request is not valid', explain: 'A path, query, header or body value failed validation; `issues` lists each one.' },
  malformed_json: { status: 400, title: 'The body is not valid JSON', explain: 'The body could not be parsed as JSON.' },
  bad_request: { status: 400, title: 'Bad request', explain: 'The request could not be understood (for example a badly encoded path).' },
  unauthenticated: { status: 401, title: 'Missing or unknown API key', explain: 'Send `Authorization: Bearer <key>` or `X-Api-Key: <key>`.' },
  bad_signature: { status: 401, title: 'The webhook signature does not match', explain: '`X-Signature` must be the hex HMAC-SHA256, with the shared webhook secret, of `<X-Timestamp>.<raw body>`, and `X-Timestamp` (Unix seconds) within 5 minutes of now.' },
  forbidden: { status: 403, title: 'This role may not do that', explain: 'The API key is valid but its role is not allowed this operation (see the role matrix).' },
  case_not_found: { status: 404, title: 'No such case', explain: 'No case has this id.' },
  not_found: { status: 404, title: 'No such resource', explain: 'No route matches this path.' },
  pause_not_found: { status: 404, title: 'No such pause', explain: 'No platform-wide pause was ever recorded under this `pauseId`; nothing was resumed and no case was signalled.' },
  method_not_allowed: { status: 405, title: 'Method not allowed', explain: 'The path exists but not with this method; `Allow` lists the methods it has.' },
  case_conflict: { status: 409, title: 'The case refuses this action in its current state', explain: "The case's rules refused the action; `detail` says why (for example `cannot review while the case is awaiting_evidence`)." },
  case_closed: { status: 409, title: 'The case is closed', explain: 'The case is closed (its run may still be finishing work aside, such as a look-up or a message); it accepts no more actions.' },
  carrier_mismatch: { status: 409, title: 'The parcel belongs to another carrier', explain: "A carrier event was posted under a carrier other than the one carrying the parcel with this tracking number; nothing was delivered. Post it to the parcel's own carrier's path." },
  payload_too_large: { status: 413, title: 'The body is too large', explain: 'Bodies are limited to 100 kB.' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', explain: 'Bodies must be `application/json` in UTF-8.' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with a different request', explain: 'The Idempotency-Key (per API key) was first used for a different request (another body, action or case); `detail` names what it belongs to. Use a new key for a new request.' },
  pause_id_reused: { status: 422, title: 'The pause id names another pause', explain: 'This `pauseId` is in force with another region, case type or priority: a pause id names one pause (a new pause needs a new `pauseId`), and its resume may not leave some of its cases out. No case was signalled.' },
  internal: { status: 500, title: 'Internal error', explain: 'Something failed inside the API; the request id in the logs tells what.' },
  case_not_answering: {
    status: 503,
    title: 'The case did not answer in time',
    explain:
      'Temporal holds the case, but it did not answer in time: no worker was there, or the action waits for the case to move on (an outage it is waiting out). ' +
      'An action may still be applied: retry it with the same Idempotency-Key (without one, a retry may apply it twice), or read the case before sending it again.',
  },
  tracking_number_unknown: { status: 503, title: 'No case has this tracking number yet', explain: 'The API learns a parcel a moment after the carrier issues its number; re-send the event after `Retry-After`. A number no case ever takes stays unknown: stop after your usual retries.' },
  temporal_unavailable: { status: 503, title: 'Temporal is unavailable', explain: 'The API could not reach Temporal; retry later.' },
} as const satisfies Record<string, { status: number; title: string; explain: string }>;

export type ProblemKind = keyof typeof PROBLEMS;

/** The body of every problem response, as sent and as documented. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'URI reference naming the kind of problem (explained on the docs page).' }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request.' }),
    requestId: z.string().optional(),
    issues: z
      .array(
        z.object({
          in: z.enum(['path', 'query', 'header', 'body']),
          path: z.string().meta({ description: 'Dotted path of the value inside its part (or the header name).' }),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'For 400 validation_failed: every invalid value.' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem (application/problem+json).' });
type Problem = z.output<typeof ProblemSchema>;
/** One invalid input value, as reported in `issues`. */
export type ValidationIssue = NonNullable<Problem['issues']>[number];

/** A failure the API means to report, by kind. Thrown by handlers and middleware alike. */
export class ApiError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly extra: { issues?: ValidationIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? PROBLEMS[kind].title);
    this.name = 'ApiError';
  }
}

/** A 400 for a list of issues; the detail names the first. */
export function validationError(issues: ValidationIssue[]): ApiError {
  const first = issues[0];
  const detail = first ? `${first.in}${first.path ? ` ${first.path}` : ''}: ${first.message}` : 'the request is not valid';
  return new ApiError('validation_failed', issues.length > 1 ? `${detail} (and ${issues.length - 1} more)` : detail, { issues });
}

/** gRPC codes of a Temporal unreachable or too slow for the API's deadline: CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE. */
const UNREACHABLE = new Set([1, 4, 14]);

/** Turns anything thrown into a problem kind and a detail safe to show. */
export function classify(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof CaseError) {
    if (err.kind === 'page_token_invalid') return validationError([{ in: 'query', path: 'nextPageToken', code: 'invalid_token', message: err.message }]);
    return new ApiError(err.kind === 'operation_not_found' ? 'not_found' : err.kind, err.message);
  }
  // Temporal: an update refused by the case's validator or handler (an ApplicationFailure).
  if (err instanceof WorkflowUpdateFailedError) {
    const closed = err.cause instanceof ApplicationFailure && err.cause.type === CASE_CLOSED;
    return new ApiError(closed ? 'case_closed' : 'case_conflict', err.cause instanceof Error ? err.cause.message : err.message);
  }
  if (err instanceof WorkflowNotFoundError) return new ApiError('case_not_found');
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError('case_not_answering', 'the action was sent but the case has not answered yet, and may still apply it: retry with the same Idempotency-Key, or read the case before sending it again');
  }
  if (isGrpcServiceError(err) && UNREACHABLE.has(err.code)) return new ApiError('temporal_unavailable');
  if (isGrpcServiceError((err as { cause?: unknown } | null)?.cause)) return classify((err as { cause: unknown }).cause);
  // Express and body-parser errors are http-errors: a 4xx `status` and, for body-parser, a `type`.
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return new ApiError('malformed_json');
  if (status === 413) return new ApiError('payload_too_large');
  if (type === 'encoding.unsupported') {
    const { encoding } = err as { encoding?: unknown };
    return new ApiError('unsupported_media_type', `a body in Content-Encoding ${typeof encoding === 'string' ? encoding : '?'} cannot be read: send it as identity, gzip, deflate or br`);
  }
  if (status === 415) return new ApiError('unsupported_media_type');
  // body-parser passes a decompression failure as a bare 400; its zlib code says what it was.
  const { code } = (err ?? {}) as { code?: unknown };
  if (status === 400 && typeof code === 'string' && /^(Z_|ERR__ERROR_FORMAT|ERR_BROTLI)/.test(code)) {
    return new ApiError('bad_request', 'the body could not be decompressed as its Content-Encoding says');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError('bad_request');
  return new ApiError('internal');
}

/** Writes one problem response. */
export function sendProblem(req: Request, res: Response, error: ApiError): void {
  const spec = PROBLEMS[error.kind];
  const requestId = res.locals.requestId as string | undefined;
  const body: Problem = {
    type: `/docs#problem-${error.kind}`,
    title: spec.title,
    status: spec.status,
    detail: error.detail ?? spec.title,
    instance: req.originalUrl.split('?')[0] ?? '',
    ...(requestId && { requestId }),
    ...(error.extra.issues && { issues: error.extra.issues }),
  };
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) res.setHeader(name, value);
  if (spec.status === 503) res.setHeader('Retry-After', '1');
  res.status(spec.status).type('application/problem+json').send(JSON.stringify(body));
}

/** 5xx answers that are part of normal operation, which the caller retries: logged at info, without the message. */
const EXPECTED_5XX: ReadonlySet<ProblemKind> = new Set(['tracking_number_unknown']);

/** The last middleware: every error becomes a problem; unexpected ones are logged (message only). */
export function problemHandler(log: (entry: object) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = classify(err);
    if (EXPECTED_5XX.has(error.kind)) {
      log({ level: 'info', msg: 'request_refused', requestId: res.locals.requestId, kind: error.kind });
    } else if (PROBLEMS[error.kind].status >= 500) {
      log({
        level: 'error',
        msg: 'request_failed',
        requestId: res.locals.requestId,
        kind: error.kind,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(req, res, error);
  };
}
