/**
 * Visibility queries over the case search attributes, from filters: the one builder behind the
 * saved views (./saved-views.ts), the API's `GET /v1/cases` (src/cases/listing.ts) and the
 * carrier webhooks' look-up, so none of them can drift from the others. Values are enums or tokens
 * of a safe alphabet; `literal` refuses anything else, so no input can change a query's structure.
 */
import { CASE_WORKFLOW_TYPE } from '../workflows/case/contract';
import {
  ASSIGNEE,
  CARRIER,
  CASE_STATUS,
  CASE_TYPE,
  OPENED_AT,
  ORDER_ID,
  PRIORITY,
  REGION,
  RESOLUTION,
  SLA_BREACHED,
  TRACKING_NUMBERS,
} from '../workflows/case/search-attributes';

export interface CaseFilter {
  status?: string;
  /** Any of these statuses (`CaseStatus IN (…)`). */
  statuses?: readonly string[];
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

/**
 * When a case opened, compared with `instant`: its OpenedAt (the first run's start, carried across
 * continue-as-new), or for a case opened before OpenedAt existed, its run's StartTime.
 */
function openedClause(op: '>=' | '<', instant: string): string {
  const at = literal(new Date(instant).toISOString());
  return `(${OPENED_AT.name} ${op} ${at} OR (${OPENED_AT.name} IS NULL AND StartTime ${op} ${at}))`;
}

/** The clauses of one filter, in a fixed order (without the workflow type). */
export function filterClauses(f: CaseFilter): string[] {
  const clauses: string[] = [];
  const eq = (name: string, value: string | undefined) => {
    if (value !== undefined) clauses.push(`${name} = ${literal(value)}`);
  };
  eq(CASE_STATUS.name, f.status);
  if (f.statuses !== undefined) clauses.push(`${CASE_STATUS.name} IN (${f.statuses.map(literal).join(', ')})`);
  eq(CASE_TYPE.name, f.type);
  eq(PRIORITY.name, f.priority);
  eq(REGION.name, f.region);
  eq(CARRIER.name, f.carrier);
  eq(RESOLUTION.name, f.resolution);
  eq(ORDER_ID.name, f.orderId);
  eq(ASSIGNEE.name, f.assignee);
  eq(TRACKING_NUMBERS.name, f.trackingNumber);
  if (f.breached !== undefined) clauses.push(`${SLA_BREACHED.name} = ${f.breached ? 'true' : 'false'}`);
  if (f.openedFrom !== undefined) clauses.push(openedClause('>=', f.openedFrom));
  if (f.openedTo !== undefined) clauses.push(openedClause('<', f.openedTo));
  if (f.running) clauses.push(`ExecutionStatus = "Running"`);
  return clauses;
}

/** Case workflows matching every filter (each filter's clauses ANDed, repeated clauses once). */
export function visibilityQuery(...filters: CaseFilter[]): string {
  return [...new Set([`WorkflowType = ${literal(CASE_WORKFLOW_TYPE)}`, ...filters.flatMap(filterClauses)])].join(' AND ');
}
