/**
 * The happy path's history within the SDK's cost model (issue 14): recorded with LEAN_HISTORY, one
 * search-attribute upsert per workflow task at most, and no events beyond the model other than
 * those upserts, the patch marker, and workflow tasks that carry no command (the time-skipping test
 * server schedules such tasks while a scenario polls the case; each costs 3 events). The bound is
 * the bench's own (scripts/bench/phases/history.ts). The history from before the patch fails it.
 */
import { historyCost } from '../../scripts/bench/history';
import { fitsModel, modelBound } from '../../scripts/bench/phases/history';
import { LEAN_HISTORY } from '../../src/workflows/case/patches';
import { readHistories, type StoredHistory } from '../support/histories';

const byFile = new Map(readHistories().map((s) => [s.file, s]));
const lean = byFile.get('afterSalesCase_spoiled-refund-at-once_v2.json');
const before = byFile.get('afterSalesCase_spoiled-refund-at-once_v1.json');

function costOf(s: StoredHistory) {
  const c = historyCost(s.history);
  console.log(
    `[figure] ${s.file}: ${c.events} events, ${c.bytes} bytes; model ${c.model} + ${c.upserts} upserts + ${c.markers} marker(s) ` +
      `+ ${c.commandlessTasks} command-less task(s) = ${modelBound(c)}; at most ${c.maxUpsertsPerTask} upsert(s) in one of ${c.workflowTasks} tasks`,
  );
  return c;
}

test('the happy path recorded with LEAN_HISTORY fits the cost model with at most one upsert per workflow task', () => {
  expect(lean).toBeDefined();
  const patchIds = (lean!.history.events ?? []).map((e) => Buffer.from(e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString());
  expect(patchIds.some((id) => id.includes(LEAN_HISTORY))).toBe(true);
  const c = costOf(lean!);
  expect(c.maxUpsertsPerTask).toBeLessThanOrEqual(1);
  expect(c.events).toBeLessThanOrEqual(modelBound(c));
  expect(fitsModel(c)).toBe(true);
});

test('the same path from before the patch upserted twice in one workflow task', () => {
  expect(before).toBeDefined();
  const c = costOf(before!);
  expect(c.maxUpsertsPerTask).toBeGreaterThan(1);
  expect(fitsModel(c)).toBe(false);
  expect(c.upserts).toBeGreaterThan(historyCost(lean!.history).upserts);
});

// The working-calendar scenarios, re-recorded under LEAN_HISTORY (v2; v1 predates the patch and
// upserted up to 4 times in one task): pauses, resumes, reassignment and reprioritising each change
// the case in a task of their own, and each such task still upserts once.
test.each([
  'calendar-across-national-day',
  'calendar-filtered-pause-signalled',
  'calendar-opened-during-pause',
  'calendar-paused-and-resumed',
  'calendar-reassigned-to-another-desk',
  'calendar-reprioritized-p2-to-p1',
])('%s v2 upserts at most once per workflow task and fits the cost model; v1 did not', (scenario) => {
  const now = byFile.get(`afterSalesCase_${scenario}_v2.json`);
  const then = byFile.get(`afterSalesCase_${scenario}_v1.json`);
  expect(now).toBeDefined();
  expect(then).toBeDefined();
  const c = costOf(now!);
  expect(c.maxUpsertsPerTask).toBe(1);
  expect(fitsModel(c)).toBe(true);
  expect(historyCost(then!.history).maxUpsertsPerTask).toBeGreaterThan(1);
});
