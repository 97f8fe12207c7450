/** The sandbox's HTTP conventions: one error shape `{ error, message, ... }`, zod at the edge. */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { z } from 'zod';
import type { SandboxLog } from './state';

/** A refusal the sandbox answers with `status` and a machine-readable `code`. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  res.status(status).json({ error: code, message, ...details });
}

/** Parses `value` (a body or a query) with `schema`, or throws a 400 carrying zod's issues. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
    throw new SandboxError(400, 'invalid_request', 'Request failed validation', { issues });
  }
  return result.data;
}

/** The last middleware: SandboxErrors become their status; anything else a 500 (logged without bodies). */
export function errorHandler(log: SandboxLog): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next) => {
    if (err instanceof SandboxError) return sendError(res, err.status, err.code, err.message, err.details);
    const parseFailure = (err as { type?: string }).type === 'entity.parse.failed';
    if (parseFailure) return sendError(res, 400, 'invalid_json', 'Body is not valid JSON');
    log('request failed', { method: req.method, path: req.path, error: err instanceof Error ? err.name : 'unknown error' });
    sendError(res, 500, 'internal_error', 'Sandbox failure');
  };
}
