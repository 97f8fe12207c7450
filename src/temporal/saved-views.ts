/**
 * The floor's standing queries, written once: Temporal visibility queries over the case search
 * attributes, for the Temporal UI (paste into the workflow list's query box, or open
 * savedViewUiUrl) and `temporal workflow list --query`. README lists them; tests/api/saved-views
 * drives each against real cases.
 *
 * "Today" is the China Standard Time day (UTC+8, no daylight saving): the floor's day.
 */
import { CARRIERS, PRIORITIES, REGIONS, type Carrier, type Region } from '../domain/types';
import { CURRENT_POLICY_VERSION, policyFor, type WaitingState } from '../policy';
import { CASE_WORKFLOW_TYPE, type CaseStatus } from '../workflows/case/contract';
import { CARRIER, CASE_STATUS, PRIORITY, REGION, SLA_BREACHED } from '../workflows/case/search-attributes';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** 00:00 China Standard Time of the day `now` falls in, as a UTC instant. */
export function startOfFloorDay(now: Date): Date {
  return new Date(Math.floor((now.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS);
}

const quote = (value: string) => {
  if (!/^[A-Za-z0-9_.:+-]+$/.test(value)) throw new Error(`not a safe visibility literal: ${value}`);
  return `"${value}"`;
};
const cases = `WorkflowType = ${quote(CASE_WORKFLOW_TYPE)}`;
const running = 'ExecutionStatus = "Running"';
const statusIn = (statuses: readonly string[]) => `${CASE_STATUS.name} IN (${statuses.map(quote).join(', ')})`;

/**
 * The CaseStatus a case shows in each waiting state whose name is not itself a status (the dispute
 * window and arbitration); every other waiting state is shown under its own name.
 */
const STATUS_OF_WAIT: Partial<Record<WaitingState, CaseStatus>> = {
  awaiting_dispute: 'rejected_open_to_dispute',
  awaiting_arbitration: 'in_arbitration',
};

/** The statuses in which the customer owes the next step (from the current policy's waiting table). */
export const WAITING_ON_CUSTOMER: CaseStatus[] = policyFor(CURRENT_POLICY_VERSION)
  .waiting.filter((rule) => rule.party === 'customer')
  .map((rule) => STATUS_OF_WAIT[rule.state] ?? (rule.state as CaseStatus));

/** The status a case shows when an outage keeps it from moving (set by the workflow after bounded retries). */
export const NEEDS_ATTENTION_STATUS = 'needs_attention';

export interface SavedView {
  name: string;
  title: string;
  query: string;
}

/** The fixed views, as of `now` (only "opened today" depends on it). */
export function savedViews(now: Date = new Date()): SavedView[] {
  return [
    {
      name: 'breached-p1-today',
      title: 'P1 cases opened today that breached an SLA',
      query: `${cases} AND ${PRIORITY.name} = ${quote(PRIORITIES[0])} AND ${SLA_BREACHED.name} = true AND StartTime >= ${quote(startOfFloorDay(now).toISOString())}`,
    },
    { name: 'waiting-on-customer', title: 'Open cases waiting on the customer', query: `${cases} AND ${running} AND ${statusIn(WAITING_ON_CUSTOMER)}` },
    { name: 'awaiting-review', title: 'Open cases awaiting a specialist’s review', query: `${cases} AND ${running} AND ${statusIn(['awaiting_review'])}` },
    { name: 'needs-attention', title: 'Open cases an outage has stalled', query: `${cases} AND ${running} AND ${statusIn([NEEDS_ATTENTION_STATUS])}` },
  ];
}

/** Open cases of a region (`Region` = where the parcel goes). */
export function casesInRegion(region: Region): SavedView {
  if (!REGIONS.includes(region)) throw new Error(`unknown region ${region}`);
  return { name: `region-${region.toLowerCase()}`, title: `Open cases in ${region}`, query: `${cases} AND ${running} AND ${REGION.name} = ${quote(region)}` };
}

/** Open cases with a parcel of a carrier. */
export function casesWithCarrier(carrier: Carrier): SavedView {
  if (!CARRIERS.includes(carrier)) throw new Error(`unknown carrier ${carrier}`);
  return { name: `carrier-${carrier.toLowerCase()}`, title: `Open cases with a ${carrier} parcel`, query: `${cases} AND ${running} AND ${CARRIER.name} = ${quote(carrier)}` };
}

/** The Temporal UI's workflow list filtered by a view's query. */
export function savedViewUiUrl(uiUrl: string, namespace: string, view: SavedView): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(view.query)}`;
}

/** The same view on the command line. */
export function savedViewCommand(view: SavedView): string {
  return `temporal workflow list --query '${view.query}'`;
}
