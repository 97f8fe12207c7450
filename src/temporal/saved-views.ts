/**
 * The floor's standing queries, written once: Temporal visibility queries over the case search
 * attributes, for the Temporal UI (paste into the workflow list's query box, or open
 * savedViewUiUrl) and `temporal workflow list --query`. Each view is a filter turned into its query
 * by the builder the API's list uses (./case-query.ts); `GET /v1/cases?view=<name>` lists a fixed
 * view. README lists them; tests/api/saved-views drives each against real cases, by query and by API.
 *
 * "Today" is the China Standard Time day (UTC+8, no daylight saving): the floor's day.
 */
import { CARRIERS, PRIORITIES, REGIONS, type Carrier, type Region } from '../domain/types';
import { CURRENT_POLICY_VERSION, policyFor, type WaitingState } from '../policy';
import type { CaseStatus } from '../workflows/case/contract';
import { visibilityQuery, type CaseFilter } from './case-query';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** 00:00 China Standard Time of the day `now` falls in, as a UTC instant. */
export function startOfFloorDay(now: Date): Date {
  return new Date(Math.floor((now.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS);
}

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
  filter: CaseFilter;
  query: string;
}

const view = (name: string, title: string, filter: CaseFilter): SavedView => ({ name, title, filter, query: visibilityQuery(filter) });

/** The names of the fixed views (also the API list's `view=` values). */
export const SAVED_VIEW_NAMES = ['breached-p1-today', 'waiting-on-customer', 'awaiting-review', 'needs-attention'] as const;
export type SavedViewName = (typeof SAVED_VIEW_NAMES)[number];

const FIXED: Record<SavedViewName, (now: Date) => { title: string; filter: CaseFilter }> = {
  'breached-p1-today': (now) => ({
    title: 'P1 cases opened today that breached an SLA',
    filter: { priority: PRIORITIES[0], breached: true, openedFrom: startOfFloorDay(now).toISOString() },
  }),
  'waiting-on-customer': () => ({ title: 'Open cases waiting on the customer', filter: { running: true, statuses: WAITING_ON_CUSTOMER } }),
  'awaiting-review': () => ({ title: 'Open cases awaiting a specialist’s review', filter: { running: true, statuses: ['awaiting_review'] } }),
  'needs-attention': () => ({ title: 'Open cases an outage has stalled', filter: { running: true, statuses: [NEEDS_ATTENTION_STATUS] } }),
};

/** The filter of a fixed view as of `now` (only "opened today" depends on it). */
export function savedViewFilter(name: SavedViewName, now: Date = new Date()): CaseFilter {
  return FIXED[name](now).filter;
}

/** The fixed views, as of `now` (only "opened today" depends on it). */
export function savedViews(now: Date = new Date()): SavedView[] {
  return SAVED_VIEW_NAMES.map((name) => {
    const { title, filter } = FIXED[name](now);
    return view(name, title, filter);
  });
}

/** Open cases of a region (`Region` = where the parcel goes). */
export function casesInRegion(region: Region): SavedView {
  if (!REGIONS.includes(region)) throw new Error(`unknown region ${region}`);
  return view(`region-${region.toLowerCase()}`, `Open cases in ${region}`, { running: true, region });
}

/** Open cases with a parcel of a carrier. */
export function casesWithCarrier(carrier: Carrier): SavedView {
  if (!CARRIERS.includes(carrier)) throw new Error(`unknown carrier ${carrier}`);
  return view(`carrier-${carrier.toLowerCase()}`, `Open cases with a ${carrier} parcel`, { running: true, carrier });
}

/** The Temporal UI's workflow list filtered by a view's query. */
export function savedViewUiUrl(uiUrl: string, namespace: string, view: SavedView): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(view.query)}`;
}

/** The same view on the command line. */
export function savedViewCommand(view: SavedView): string {
  return `temporal workflow list --query '${view.query}'`;
}
