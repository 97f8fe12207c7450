import type { SystemClient } from '../http';
import type { Assignee, FindEscalationContactInput } from '../types';
import { assigneeSchema } from './find-specialist';

/** Who holds a rung of the region's escalation ladder: team lead, service manager or director. */
export function findEscalationContact(agents: SystemClient) {
  return ({ caseId, region, role }: FindEscalationContactInput): Promise<Assignee> =>
    agents({ method: 'GET', path: '/escalation-contacts', query: { caseId, region, role } }, assigneeSchema);
}
