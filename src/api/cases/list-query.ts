/**
 * The Temporal visibility query behind `GET /v1/cases`, from already validated filters. Values are
 * enums or tokens of a safe alphabet (the schemas' regexes); `literal` refuses anything else, so no
 * input can change the query's structure.
 */
import { CASE_WORKFLOW_TYPE } from '../../workflows/case/contract';
import {
  ASSIGNEE,
  CARRIER,
  CASE_STATUS,
  CASE_TYPE,
  ORDER_ID,
  PRIORITY,
  REGION,
  RESOLUTION,
  SLA_BREACHED,
  TRACKING_NUMBERS,
} from '../../workflows/case/search-attributes';

export interface CaseFilter {
  status?: string;
  type?: string;
  priority?: string;
  region?: string;
  carrier?: string;
  resolution?: string;
  orderId?: string;
  assignee?: string;
  trackingNumber?: string;
  breached?: boolean;
  openedFrom?: string;
  openedTo?: string;
  running?: boolean;
}

const SAFE = /^[A-Za-z0-9 _.:+-]{1,100}$/;

/** A double-quoted visibility literal; throws (a bug, not user input) for anything outside the safe alphabet. */
export function literal(value: string): string {
  if (!SAFE.test(value)) throw new Error('unsafe value in a visibility query');
  return `"${value}"`;
}

export function visibilityQuery(f: CaseFilter): string {
  const clauses = [`WorkflowType = ${literal(CASE_WORKFLOW_TYPE)}`];
  const eq = (name: string, value: string | undefined) => {
    if (value !== undefined) clauses.push(`${name} = ${literal(value)}`);
  };
  eq(CASE_STATUS.name, f.status);
  eq(CASE_TYPE.name, f.type);
  eq(PRIORITY.name, f.priority);
  eq(REGION.name, f.region);
  eq(CARRIER.name, f.carrier);
  eq(RESOLUTION.name, f.resolution);
  eq(ORDER_ID.name, f.orderId);
  eq(ASSIGNEE.name, f.assignee);
  eq(TRACKING_NUMBERS.name, f.trackingNumber);
  if (f.breached !== undefined) clauses.push(`${SLA_BREACHED.name} = ${f.breached ? 'true' : 'false'}`);
  if (f.openedFrom !== undefined) clauses.push(`StartTime >= ${literal(new Date(f.openedFrom).toISOString())}`);
  if (f.openedTo !== undefined) clauses.push(`StartTime < ${literal(new Date(f.openedTo).toISOString())}`);
  if (f.running) clauses.push(`ExecutionStatus = "Running"`);
  return clauses.join(' AND ');
}
