/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: Temporal answers too). */
import { z } from 'zod';
import { within, type CaseDeps } from '../cases/deps';
import { defineRoute, type AnyRoute } from './route';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const ReadinessSchema = z.object({ status: z.enum(['ready', 'unready']), temporal: z.enum(['reachable', 'unreachable']) }).meta({ id: 'Readiness' });

export function healthRoutes(deps: Pick<CaseDeps, 'client' | 'timeouts'>): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'liveness',
      tag: 'health',
      summary: 'Liveness: the API process answers',
      auth: { kind: 'none' },
      responses: { 200: { description: 'Alive.', schema: HealthSchema } },
      handle: () => ({ status: 200, body: { status: 'ok' }, headers: { 'Cache-Control': 'no-store' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'readiness',
      tag: 'health',
      summary: 'Readiness: Temporal answers',
      description: "Asks Temporal for its system info; 503 when it does not answer within the readiness timeout.",
      auth: { kind: 'none' },
      responses: {
        200: { description: 'Ready: Temporal is reachable.', schema: ReadinessSchema },
        503: { description: 'Not ready: Temporal is unreachable.', schema: ReadinessSchema },
      },
      async handle() {
        const reachable = await within(deps, deps.timeouts.readinessMs, () => deps.client.workflowService.getSystemInfo({})).then(() => true, () => false);
        const body = reachable ? { status: 'ready', temporal: 'reachable' } : { status: 'unready', temporal: 'unreachable' };
        return { status: reachable ? 200 : 503, body, headers: { 'Cache-Control': 'no-store' } };
      },
    }),
  ];
}
