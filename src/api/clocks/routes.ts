/**
 * Platform-wide pause and resume of the merchant's clocks (role ops): `POST /v1/clocks/pause` and
 * `/v1/clocks/resume` first record the change in the pause registry (./pause-registry.ts: cases
 * opened from then on start paused), then signal every running case matching the filter (region,
 * case type, priority; none = every open case), found in Temporal visibility a page at a time, and
 * sweep once more after the API processes' cache of the registry has expired, so a case opened
 * meanwhile is not missed. Safe to repeat: a case ignores a pause while one is in force and a resume
 * that names another pause. The answer reports how many cases matched, were signalled, and failed.
 */
import { z } from 'zod';
import { CASE_TYPES, PRIORITIES, REGIONS } from '../../domain/types';
import { pauseClocksSignal, resumeClocksSignal, type ClockPauseInput } from '../../workflows/case/contract';
import type { ClockPauseFilter } from '../../workflows/pauses/contract';
import type { CaseDeps } from '../deps';
import { defineRoute, type AnyRoute } from '../route';
import { visibilityQuery } from '../cases/list-query';
import { reason, token } from '../cases/schemas';
import { ACTIVE_PAUSES_TTL_MS, endPause, recordPause } from './pause-registry';

/** When the second sweep runs: every process's cached list of pauses is fresh by then (plus visibility lag). */
export const SECOND_SWEEP_DELAY_MS = ACTIVE_PAUSES_TTL_MS + 1_000;

const ClockPauseRequestSchema = z
  .strictObject({
    pauseId: token('pauseId').meta({ description: 'Names the pause; the resume must name it too. Repeating a request with it changes nothing.' }),
    by: token('by'),
    reason: reason(),
    region: z.enum(REGIONS).optional(),
    caseType: z.enum(CASE_TYPES).optional(),
    priority: z.enum(PRIORITIES).optional(),
  })
  .meta({ id: 'ClockPauseRequest' });

const ClockPauseResultSchema = z
  .object({
    pauseId: z.string(),
    action: z.enum(['pause', 'resume']),
    matched: z.int(),
    signalled: z.int(),
    failed: z.array(z.string()).meta({ description: 'Case workflow ids the signal did not reach (retry the same request).' }),
  })
  .meta({ id: 'ClockPauseResult' });

type Body = z.output<typeof ClockPauseRequestSchema>;

/** The request's filter (region, case type, priority), without the fields left out. */
function filterOf(body: Body): ClockPauseFilter {
  return { ...(body.region && { region: body.region }), ...(body.caseType && { caseType: body.caseType }), ...(body.priority && { priority: body.priority }) };
}

/**
 * One sweep: signals every matching running case; `reached` maps each case id to whether the signal
 * got there. With `intake`, also the cases still in intake (no region or priority yet in visibility):
 * the signal carries the filter and such a case judges it at intake.
 */
async function sweep(deps: CaseDeps, body: Body, action: 'pause' | 'resume', reached: Map<string, boolean>, intake: boolean): Promise<void> {
  const filter = filterOf(body);
  const queries = [visibilityQuery({ region: body.region, type: body.caseType, priority: body.priority, running: true })];
  if (intake && (body.region || body.priority)) queries.push(visibilityQuery({ status: 'intake', type: body.caseType, running: true }));
  const input: ClockPauseInput = { pauseId: body.pauseId, by: body.by, reason: body.reason, ...(Object.keys(filter).length > 0 && { filter }) };
  const signal = action === 'pause' ? pauseClocksSignal : resumeClocksSignal;
  for (const query of queries) await signalEach(deps, query, signal, input, reached);
}

async function signalEach(deps: CaseDeps, query: string, signal: typeof pauseClocksSignal, input: ClockPauseInput, reached: Map<string, boolean>): Promise<void> {
  for await (const wf of deps.client.workflow.list({ query })) {
    try {
      await deps.client.workflow.getHandle(wf.workflowId).signal(signal, input);
      reached.set(wf.workflowId, true);
    } catch {
      if (!reached.get(wf.workflowId)) reached.set(wf.workflowId, false);
    }
  }
}

/** Records the change in the registry first, then sweeps the matching cases twice; returns the counts. */
async function signalCases(deps: CaseDeps, body: Body, action: 'pause' | 'resume') {
  if (action === 'pause') await recordPause(deps, { pauseId: body.pauseId, by: body.by, reason: body.reason, ...filterOf(body) });
  else await endPause(deps, body.pauseId, body.by);
  const reached = new Map<string, boolean>();
  await sweep(deps, body, action, reached, false);
  await new Promise((r) => setTimeout(r, SECOND_SWEEP_DELAY_MS));
  // Cases opened meanwhile, even those still in intake, whose opening read the registry before the change.
  await sweep(deps, body, action, reached, true);
  const failed = [...reached].filter(([, ok]) => !ok).map(([id]) => id);
  deps.log({ msg: `clocks_${action}`, pauseId: body.pauseId, matched: reached.size, failed: failed.length });
  return { pauseId: body.pauseId, action, matched: reached.size, signalled: reached.size - failed.length, failed };
}

export function clockRoutes(deps: CaseDeps): AnyRoute[] {
  return (['pause', 'resume'] as const).map((action) =>
    defineRoute({
      method: 'post',
      path: `/v1/clocks/${action}`,
      operationId: action === 'pause' ? 'pauseClocks' : 'resumeClocks',
      tag: 'case actions',
      summary: action === 'pause' ? "Pause the merchant's clocks of every open case matching a filter" : 'End a platform-wide pause: every deadline moves by the paused working time',
      description:
        'Records the pause (or its end) in the platform pause registry, so cases opened from then on start paused (or not), ' +
        'then signals every running case that matches region, case type and priority (all open cases when none is given), a ' +
        'visibility page at a time, twice (the second sweep a few seconds later catches cases opened meanwhile); answers ' +
        'with how many matched and were signalled. Safe to repeat with the same pauseId.',
      auth: { kind: 'apiKey', permission: 'clocks:pause' },
      body: ClockPauseRequestSchema,
      responses: { 200: { description: 'The cases signalled.', schema: ClockPauseResultSchema } },
      problems: ['temporal_unavailable'],
      handle: async ({ body }) => ({ status: 200, body: await signalCases(deps, body, action) }),
    }),
  );
}
