/**
 * The raw-start floor of opening a case (scripts/bench/api-child.ts): `POST /raw-start/{caseId}`
 * on the API's own listener, which only calls `client.workflow.start` of the same workflow and input.
 */
export const RAW_START_PREFIX = '/raw-start/';

export function rawStartPath(caseId: string): string {
  return `${RAW_START_PREFIX}${caseId}`;
}
