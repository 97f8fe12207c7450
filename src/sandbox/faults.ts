/**
 * Fault injection, one middleware per system: latency, error rate, hangs (the caller's timeout
 * fires before anything happened), lost answers (the call IS performed, its effect is in the
 * ledger, but the answer never comes back: the caller's timeout fires and the outcome is
 * ambiguous) and deterministic "fail / hang / lose the next N calls" modes for reproducible tests.
 * Random faults draw from the state's seeded PRNG. Every call is counted for `GET /admin/stats`.
 */
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { SystemName } from '../domain/systems';
import { sendError } from './http';
import { delay, type SandboxState } from './state';

export const faultConfigSchema = z.strictObject({
  /** Share of calls answered with `status` (0..1). */
  errorRate: z.number().min(0).max(1).default(0),
  /** Status of injected failures (failNext and errorRate): 500, 503, 429, 400, 422, … */
  status: z.int().min(400).max(599).default(503),
  /** Added to every call before it is handled. */
  latencyMs: z.int().min(0).max(600_000).default(0),
  /** Share of calls that never get an answer (0..1). */
  timeoutRate: z.number().min(0).max(1).default(0),
  /** The next N calls fail with `status`, whatever the rates say. */
  failNext: z.int().min(0).default(0),
  /** The next N calls hang, whatever the rates say. */
  hangNext: z.int().min(0).default(0),
  /** Share of calls performed whose answer is then withheld, so the caller times out (0..1). */
  loseAnswerRate: z.number().min(0).max(1).optional(),
  /** The next N calls are performed and their answers withheld, whatever the rates say. */
  loseNextAnswers: z.int().min(0).optional(),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

/** Lets the router do its work but never sends what it answers (the socket stays open until the caller gives up). */
function withholdAnswer(res: Response): void {
  res.end = function withheld(this: Response) {
    return this;
  } as Response['end'];
}

/** Whether this call's answer is to be lost; draws from the PRNG only when a rate is set. */
function losesAnswer(state: SandboxState, fault: FaultConfig): boolean {
  if ((fault.loseNextAnswers ?? 0) > 0) {
    fault.loseNextAnswers = (fault.loseNextAnswers ?? 0) - 1;
    return true;
  }
  return (fault.loseAnswerRate ?? 0) > 0 && state.random() < (fault.loseAnswerRate ?? 0);
}

/** Counts the call, then applies the system's configured faults (if any) before its router. */
export function faultInjection(state: SandboxState, system: SystemName): RequestHandler {
  return async (_req, res, next) => {
    const stats = state.stats[system];
    stats.calls += 1;
    const fault = state.faults.get(system);
    if (!fault) return next();
    const hang = () => {
      stats.timeouts += 1; // never answered: the caller's timeout fires; close() drops the socket
    };
    if (fault.hangNext > 0) {
      fault.hangNext -= 1;
      return hang();
    }
    const forced = fault.failNext > 0;
    if (forced) fault.failNext -= 1;
    else if (state.random() < fault.timeoutRate) return hang();
    if (fault.latencyMs > 0 && !(await delay(state, fault.latencyMs))) return;
    if (forced || state.random() < fault.errorRate) {
      stats.faults += 1;
      if (fault.status === 429) res.set('Retry-After', '1');
      return sendError(res, fault.status, 'injected_fault', `Injected ${fault.status} from the ${system} sandbox`);
    }
    if (losesAnswer(state, fault)) {
      stats.lostAnswers += 1;
      withholdAnswer(res);
    }
    next();
  };
}
