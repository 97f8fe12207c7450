/**
 * Platform-wide pause and resume of the merchant's clocks (role ops): `POST /v1/clocks/pause` and
 * `/v1/clocks/resume` signal every running case matching the filter (region, case type, priority;
 * none = every open case), found in Temporal visibility a page at a time. Safe to repeat: a case
 * ignores a pause while one is in force and a resume that names another pause. The answer reports
 * how many cases matched, were signalled, and failed (with their ids).
 */
import { z } from 'zod';
import { CASE_TYPES, PRIORITIES, REGIONS } from '../../domain/types';
import { pauseClocksSignal, resumeClocksSignal, type ClockPauseInput } from '../../workflows/case/contract';
import type { CaseDeps } from '../deps';
import { defineRoute, type AnyRoute } from '../route';
import { visibilityQuery } from '../cases/list-query';
import { reason, token } from '../cases/schemas';

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

/** Signals every matching running case; returns the counts. */
async function signalCases(deps: CaseDeps, body: Body, action: 'pause' | 'resume') {
  const query = visibilityQuery({ region: body.region, type: body.caseType, priority: body.priority, running: true });
  const input: ClockPauseInput = { pauseId: body.pauseId, by: body.by, reason: body.reason };
  const signal = action === 'pause' ? pauseClocksSignal : resumeClocksSignal;
  let matched = 0;
  const failed: string[] = [];
  for await (const wf of deps.client.workflow.list({ query })) {
    matched += 1;
    try {
      await deps.client.workflow.getHandle(wf.workflowId).signal(signal, input);
    } catch {
      failed.push(wf.workflowId);
    }
  }
  deps.log({ msg: `clocks_${action}`, pauseId: body.pauseId, matched, failed: failed.length });
  return { pauseId: body.pauseId, action, matched, signalled: matched - failed.length, failed };
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
        'Signals every running case that matches region, case type and priority (all open cases when none is given), a ' +
        'visibility page at a time; answers with how many matched and were signalled. Safe to repeat with the same pauseId.',
      auth: { kind: 'apiKey', permission: 'clocks:pause' },
      body: ClockPauseRequestSchema,
      responses: { 200: { description: 'The cases signalled.', schema: ClockPauseResultSchema } },
      problems: ['temporal_unavailable'],
      handle: async ({ body }) => ({ status: 200, body: await signalCases(deps, body, action) }),
    }),
  );
}
