/**
 * The happy path's history within the SDK's cost model (issue 14): recorded with LEAN_HISTORY, one
 * search-attribute upsert per workflow task at most, and no events beyond the model other than
 * those upserts, the patch marker, and workflow tasks that carry no command (the time-skipping test
 * server schedules such tasks while a scenario polls the case; each costs 3 events). The history
 * from before the patch is shown to fail the same bound.
 */
import { temporal } from '@temporalio/proto';
import { historyCost } from '../../scripts/bench/history';
import { LEAN_HISTORY } from '../../src/workflows/case/patches';
import { readHistories, type StoredHistory } from '../support/histories';

type Event = temporal.api.history.v1.IHistoryEvent;
const byFile = new Map(readHistories().map((s) => [s.file, s]));

function attributesOf(e: Event): Record<string, unknown> {
  const key = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]);
  return key ? ((e as Record<string, unknown>)[key] as Record<string, unknown>) : {};
}

function isTaskCompleted(e: Event): boolean {
  return Boolean(e.workflowTaskCompletedEventAttributes);
}

/**
 * Workflow tasks no command event points back to and that accepted no update: 3 events each. (The
 * test server points a command at its task's started event, a real server at its completed event.)
 */
function emptyTasks(events: Event[]): number {
  const referenced = new Set(events.map((e) => String(attributesOf(e).workflowTaskCompletedEventId ?? '')));
  const startedOf = new Map(events.filter((e) => e.workflowTaskStartedEventAttributes).map((e) => [String(e.workflowTaskStartedEventAttributes!.scheduledEventId), String(e.eventId)]));
  const hasCommand = (e: Event) => {
    const done = e.workflowTaskCompletedEventAttributes!;
    return referenced.has(String(e.eventId)) || referenced.has(String(done.startedEventId || startedOf.get(String(done.scheduledEventId))));
  };
  return events.filter((e, i) => isTaskCompleted(e) && !hasCommand(e) && !events[i + 1]?.workflowExecutionUpdateAcceptedEventAttributes).length;
}

function markers(s: StoredHistory): number {
  return (s.history.events ?? []).filter((e) => e.markerRecordedEventAttributes).length;
}

function bound(s: StoredHistory) {
  const cost = historyCost(s.history);
  const empty = emptyTasks(s.history.events ?? []);
  const allowed = cost.model + cost.upserts + markers(s) + 3 * empty;
  console.log(
    `[figure] ${s.file}: ${cost.events} events, ${cost.bytes} bytes; model ${cost.model} + ${cost.upserts} upserts + ${markers(s)} marker(s) ` +
      `+ ${empty} empty task(s) = ${allowed}; at most ${cost.maxUpsertsPerTask} upsert(s) in one of ${cost.workflowTasks} tasks`,
  );
  return { cost, allowed };
}

const lean = byFile.get('afterSalesCase_spoiled-refund-at-once_v2.json');
const before = byFile.get('afterSalesCase_spoiled-refund-at-once_v1.json');

test('the happy path recorded with LEAN_HISTORY fits the cost model with at most one upsert per workflow task', () => {
  expect(lean).toBeDefined();
  const patchIds = (lean!.history.events ?? []).map((e) => Buffer.from(e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString());
  expect(patchIds.some((id) => id.includes(LEAN_HISTORY))).toBe(true);
  const { cost, allowed } = bound(lean!);
  expect(cost.maxUpsertsPerTask).toBeLessThanOrEqual(1);
  expect(cost.events).toBeLessThanOrEqual(allowed);
});

test('the same path from before the patch upserted twice in one workflow task', () => {
  expect(before).toBeDefined();
  const { cost } = bound(before!);
  expect(cost.maxUpsertsPerTask).toBeGreaterThan(1);
  expect(cost.upserts).toBeGreaterThan(historyCost(lean!.history).upserts);
});
