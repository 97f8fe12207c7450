/**
 * Which calendar each desk counts the merchant's clocks on, per policy version (append-only, like
 * POLICY_VERSIONS): a case keeps the table of the version it was opened under. A desk is the team
 * that holds the case: the fresh-food P1 desk, or the region's desk (`east-desk`, `north-desk`…); a reassignment
 * may name another desk.
 */
import type { DeskCalendars } from './desks';

/** The desks of 2026-12-v1, kept by 2026-12-v2. */
const WORKING_DESKS_2026_12: DeskCalendars = {
  fallback: 'regional-09-21',
  desks: { 'fresh-p1-desk': 'fresh-p1-24x7', 'north-desk': 'weekdays-09-21', 'finance-desk': 'standard-09-18' },
};

/** Desk tables by policy version. 2026-11-v1 was published with wall-clock (24×7) clocks everywhere. */
export const DESK_TABLES: Readonly<Record<string, DeskCalendars>> = {
  '2026-11-v1': { fallback: 'always-open-24x7', desks: {} },
  '2026-12-v1': WORKING_DESKS_2026_12,
  '2026-12-v2': WORKING_DESKS_2026_12,
};

/** The desk table of a policy version; throws on a version without one (never a silent 24×7). */
export function deskTableFor(policyVersion: string): DeskCalendars {
  const table = Object.hasOwn(DESK_TABLES, policyVersion) ? DESK_TABLES[policyVersion] : undefined;
  if (!table) throw new RangeError(`policy ${policyVersion} names no desk calendars`);
  return table;
}

/** The desk a case starts at: P1 perishable claims go to the fresh-food desk, the rest to their region's desk. */
export function initialDesk(region: string, priority: string, perishable: boolean): string {
  return priority === 'P1' && perishable ? 'fresh-p1-desk' : `${region.toLowerCase()}-desk`;
}
