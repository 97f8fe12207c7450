/**
 * Platform-wide pause and resume of the merchant's clocks, and the batch jobs that carry them to the
 * cases (the work: src/clock-pauses; what each route does: its description below).
 */
import { z } from 'zod';
import type { CaseDeps } from '../../cases/deps';
import { describeOperation } from '../../clock-pauses/batch';
import { fanOut, type Action, type ClockPauseBody } from '../../clock-pauses/fan-out';
import { ClockPauseError } from '../../clock-pauses/refusals';
import { CASE_TYPES, PRIORITIES, REGIONS } from '../../domain/types';
import { reason, token } from '../cases/schemas';
import { ApiError, type ProblemKind } from '../errors';
import { defineRoute, type AnyRoute } from '../route';

const ClockPauseRequestSchema = z
  .strictObject({
    pauseId: token('pauseId').meta({
      description: 'Names the pause; the resume must name a pause recorded under it. Repeating a request with it changes nothing; while the pause is in force it names that filter only.',
    }),
    by: token('by'),
    reason: reason(),
    region: z.enum(REGIONS).optional(),
    caseType: z.enum(CASE_TYPES).optional(),
    priority: z.enum(PRIORITIES).optional(),
  })
  .meta({ id: 'ClockPauseRequest' });

const BatchJobSchema = z
  .object({
    jobId: z.string(),
    state: z.enum(['running', 'completed', 'failed', 'unknown']),
    total: z.int().meta({ description: 'Cases the job matched (an estimate while it runs).' }),
    completed: z.int().meta({ description: 'Cases signalled.' }),
    failures: z.int().meta({ description: 'Cases the signal did not reach (repeat the request after the pause ends, or resume and pause anew).' }),
  })
  .meta({ id: 'ClockBatchOperation' });

const ClockPauseResultSchema = z
  .object({
    pauseId: z.string(),
    action: z.enum(['pause', 'resume']),
    via: z.enum(['batch', 'signals']).meta({ description: '`batch`: every sweep ran as a Temporal batch operation; `signals`: the server refused one, its cases were signalled one by one.' }),
    matched: z.int().meta({ description: 'Cases matched (by batch: the larger of the two sweeps).' }),
    signalled: z.int(),
    failed: z.array(z.string()).meta({ description: 'Case workflow ids a case-by-case sweep did not reach (retry the same request).' }),
    operations: z.array(BatchJobSchema).meta({ description: 'The batch jobs, as far as they got within a few seconds; follow one with GET /v1/clocks/operations/{jobId}.' }),
  })
  .meta({ id: 'ClockPauseResult' });

/** Each refusal is its own problem: a pause id never recorded (404), a pause id in force with another filter (422). */
const REFUSAL_PROBLEMS = { pause_not_found: 'pause_not_found', pause_id_reused: 'pause_id_reused' } as const satisfies Record<ClockPauseError['kind'], ProblemKind>;

async function fanOutOrRefuse(deps: CaseDeps, body: ClockPauseBody, action: Action) {
  try {
    return await fanOut(deps, body, action);
  } catch (err) {
    if (err instanceof ClockPauseError) throw new ApiError(REFUSAL_PROBLEMS[err.kind], err.message);
    throw err;
  }
}

const OperationParamsSchema = z.strictObject({ jobId: token('jobId', 200) });

function pauseRoutes(deps: CaseDeps): AnyRoute[] {
  return (['pause', 'resume'] as const).map((action) =>
    defineRoute({
      method: 'post',
      path: `/v1/clocks/${action}`,
      operationId: action === 'pause' ? 'pauseClocks' : 'resumeClocks',
      tag: 'case actions',
      summary: action === 'pause' ? "Pause the merchant's clocks of every open case matching a filter" : 'End a platform-wide pause: every deadline moves by the paused working time',
      description:
        'Records the pause (or its end) in the platform pause registry, so cases opened from then on start paused (or not), ' +
        'then signals every running case that matches region, case type and priority (all open cases when none is given), ' +
        'twice (the second sweep a few seconds later catches cases opened meanwhile), each sweep a Temporal batch signal ' +
        'operation (job `clocks-<action>-<pauseId>-<generation>-<sweep>`), or case by case when the server refuses batch ' +
        'operations (`via` says which). Answers after waiting a few seconds for each job, with their state and counts. ' +
        'Safe to repeat with the same pauseId: a repeat describes the same jobs. ' +
        (action === 'pause'
          ? 'A pauseId in force sent with another region, case type or priority is refused (422 `pause_id_reused`), nothing signalled.'
          : 'A pauseId the registry never recorded is refused (404 `pause_not_found`), and so is a resume narrower than the pause in force ' +
            '(422 `pause_id_reused`: it would leave some of its cases paused; a wider one, or none, is fine); nothing signalled. A pause that already ended is resumed again harmlessly.'),
      auth: { kind: 'apiKey', permission: 'clocks:pause' },
      body: ClockPauseRequestSchema,
      responses: { 200: { description: 'How the cases were signalled.', schema: ClockPauseResultSchema } },
      problems: action === 'pause' ? ['pause_id_reused', 'temporal_unavailable'] : ['pause_not_found', 'pause_id_reused', 'temporal_unavailable'],
      handle: async ({ body }) => ({ status: 200, body: await fanOutOrRefuse(deps, body, action) }),
    }),
  );
}

function operationRoute(deps: CaseDeps): AnyRoute {
  return defineRoute({
    method: 'get',
    path: '/v1/clocks/operations/{jobId}',
    operationId: 'describeClockOperation',
    tag: 'case actions',
    summary: 'Follow a platform-wide pause or resume: one batch job',
    description: "The batch job's state and counts, as Temporal describes it (a job id from a pause or resume answer).",
    auth: { kind: 'apiKey', permission: 'clocks:pause' },
    params: OperationParamsSchema,
    responses: { 200: { description: 'The job.', schema: BatchJobSchema } },
    problems: ['not_found', 'temporal_unavailable'],
    handle: async ({ params }) => ({ status: 200, body: await describeOperation(deps, params.jobId) }),
  });
}

export function clockRoutes(deps: CaseDeps): AnyRoute[] {
  return [...pauseRoutes(deps), operationRoute(deps)];
}
