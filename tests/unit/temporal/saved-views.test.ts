/** Saved views: the floor's day, the customer-owed states from the policy table, links and commands. */
import { listQuery } from '../../../src/cases/listing';
import { visibilityQuery } from '../../../src/temporal/case-query';
import { casesInRegion, casesWithCarrier, SAVED_VIEW_NAMES, savedViewCommand, savedViewUiUrl, savedViews, startOfFloorDay, WAITING_ON_CUSTOMER } from '../../../src/temporal/saved-views';
import type { Region } from '../../../src/domain/types';
import { CASE_STATUSES } from '../../../src/workflows/case/contract';

test.each([
  ['2026-12-03T15:59:59.999Z', '2026-12-02T16:00:00.000Z'], // 23:59 CST on the 3rd
  ['2026-12-03T16:00:00.000Z', '2026-12-03T16:00:00.000Z'], // 00:00 CST on the 4th
  ['2026-12-03T19:00:00.000Z', '2026-12-03T16:00:00.000Z'],
])('the floor day of %s starts at %s', (now, start) => {
  expect(startOfFloorDay(new Date(now)).toISOString()).toBe(start);
});

test('waiting on the customer = the policy’s customer-owed waiting states', () => {
  expect(WAITING_ON_CUSTOMER).toEqual(['awaiting_evidence', 'awaiting_return_shipment', 'awaiting_survey', 'rejected_open_to_dispute']);
  for (const status of WAITING_ON_CUSTOMER) expect(CASE_STATUSES).toContain(status);
});

test('the breached-P1 view counts from the floor day’s start', () => {
  const v = savedViews(new Date('2026-12-03T19:00:00Z'))[0]!;
  expect(v.query).toBe('WorkflowType = "afterSalesCase" AND Priority = "P1" AND SlaBreached = true AND (OpenedAt >= "2026-12-03T16:00:00.000Z" OR (OpenedAt IS NULL AND StartTime >= "2026-12-03T16:00:00.000Z"))');
});

test('UI link and CLI command carry the same query', () => {
  const v = casesInRegion('Northwest');
  expect(savedViewUiUrl('http://127.0.0.1:8233', 'default', v)).toBe(`http://127.0.0.1:8233/namespaces/default/workflows?query=${encodeURIComponent(v.query)}`);
  expect(savedViewCommand(v)).toBe(`temporal workflow list --query '${v.query}'`);
  expect(() => casesInRegion('Atlantis' as Region)).toThrow(/unknown region/);
});

test('a view is its filter through the list’s own query builder; the API list ANDs the request’s filters onto it', () => {
  const now = new Date('2026-12-03T19:00:00Z');
  for (const v of savedViews(now)) expect(v.query).toBe(visibilityQuery(v.filter));
  expect(savedViews(now).map((v) => v.name)).toEqual([...SAVED_VIEW_NAMES]);
  expect(savedViews(now)[2]!.query).toBe('WorkflowType = "afterSalesCase" AND CaseStatus IN ("awaiting_review") AND ExecutionStatus = "Running"');
  expect(listQuery({ view: 'waiting-on-customer', region: 'East', running: true }, now)).toBe(
    'WorkflowType = "afterSalesCase" AND CaseStatus IN ("awaiting_evidence", "awaiting_return_shipment", "awaiting_survey", "rejected_open_to_dispute") AND ExecutionStatus = "Running" AND Region = "East"',
  );
  expect(listQuery({ view: 'breached-p1-today' }, now)).toBe(savedViews(now)[0]!.query);
  expect(listQuery({ region: 'East' }, now)).toBe('WorkflowType = "afterSalesCase" AND Region = "East"');
  expect(casesWithCarrier('EMS').query).toBe(visibilityQuery({ running: true, carrier: 'EMS' }));
});
