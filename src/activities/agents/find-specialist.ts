import { z } from 'zod';
import type { SystemClient } from '../http';
import type { Assignee, FindSpecialistInput } from '../types';

export const assigneeSchema: z.ZodType<Assignee> = z.object({
  agentId: z.string(),
  team: z.string(),
  role: z.enum(['specialist', 'team_lead', 'service_manager', 'director']),
});

/** The regional after-sales specialist (区域售后专员) for a case; `dedicated` asks the P1 desk. */
export function findSpecialist(agents: SystemClient) {
  return ({ caseId, region, priority, dedicated }: FindSpecialistInput): Promise<Assignee> =>
    agents({ method: 'GET', path: '/specialists/assignment', query: { caseId, region, priority, dedicated } }, assigneeSchema);
}
