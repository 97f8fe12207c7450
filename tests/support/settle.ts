/**
 * Reading a case's history for the harness: whether it is settled (waiting on timers and messages
 * only) and when its next timer fires. Used to keep time skips from racing workflow tasks; see
 * CaseHarness.sleep.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { EventType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * How long a case may take to settle in real time. Generous: a full `npm test` on two cores held one
 * workflow task of a working-calendar test for over 30 s (the file passes in 13 s alone); a true hang
 * still fails, with the last events named.
 */
const SETTLE_TIMEOUT_MS = 90_000;

const CLOSING = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);

const toMs = (v: { seconds?: unknown; nanos?: number | null } | null | undefined): number =>
  Number(v?.seconds ?? 0) * 1000 + Math.floor((v?.nanos ?? 0) / 1e6);

/** What is outstanding in a history: a workflow task, activities (by scheduled event id), closed. */
export function outstanding(events: readonly HistoryEvent[]): { workflowTask: boolean; activities: number; closed: boolean } {
  let workflowTask = false;
  const activities = new Set<string>();
  for (const e of events) {
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) workflowTask = true;
    else if (
      e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED ||
      e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED ||
      e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
    )
      workflowTask = false;
    else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) activities.add(String(e.eventId));
    const ended =
      e.activityTaskCompletedEventAttributes ??
      e.activityTaskFailedEventAttributes ??
      e.activityTaskTimedOutEventAttributes ??
      e.activityTaskCanceledEventAttributes;
    if (ended?.scheduledEventId != null) activities.delete(String(ended.scheduledEventId));
  }
  const closed = CLOSING.has(events.at(-1)?.eventType ?? 0);
  return { workflowTask, activities: activities.size, closed };
}

/** When each running timer of a history fires (ms since the epoch, server clock). */
export function runningTimersDueAt(events: readonly HistoryEvent[]): number[] {
  const due = new Map<string, number>();
  for (const e of events) {
    const started = e.timerStartedEventAttributes;
    if (started?.timerId) due.set(started.timerId, toMs(e.eventTime) + toMs(started.startToFireTimeout));
    const ended = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
    if (ended?.timerId) due.delete(ended.timerId);
  }
  return [...due.values()];
}

async function historyOf(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

/**
 * Whether every pending activity is in its retry cycle (failed at least once). Its backoff is a
 * timer of the server's that only a skip hurries, so waiting for it here could wait for minutes.
 * (The Java test server reports such an activity as STARTED, with the attempt number moved on.)
 */
async function onlyRetrying(handle: WorkflowHandle): Promise<boolean> {
  const pending = (await handle.describe()).raw.pendingActivities ?? [];
  return pending.length > 0 && pending.every((a) => (a.attempt ?? 1) > 1);
}

async function settledAt(handle: WorkflowHandle, events: readonly HistoryEvent[]): Promise<boolean> {
  const o = outstanding(events);
  return o.closed || (!o.workflowTask && (o.activities === 0 || (await onlyRetrying(handle))));
}

/** Whether the case is settled now (see untilSettled). */
export async function isSettled(handle: WorkflowHandle): Promise<boolean> {
  return settledAt(handle, await historyOf(handle));
}

/**
 * Resolves when the case has closed, or has no workflow task outstanding and no activity but those
 * already retrying.
 */
export async function untilSettled(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const events = await historyOf(handle);
    if (await settledAt(handle, events)) return;
    if (Date.now() > deadline) {
      const last = events.slice(-5).map((e) => `${e.eventId} ${EventType[e.eventType ?? 0]}`);
      throw new Error(`case ${handle.workflowId} did not settle in ${SETTLE_TIMEOUT_MS} ms; last events: ${last.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** When the case's next timer fires, or undefined when it has none running (or has closed). */
export async function nextTimerDueAt(handle: WorkflowHandle): Promise<number | undefined> {
  const events = await historyOf(handle);
  if (outstanding(events).closed) return undefined;
  const due = runningTimersDueAt(events);
  return due.length ? Math.min(...due) : undefined;
}
