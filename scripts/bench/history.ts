/**
 * What a workflow history costs: events, bytes (as the server stores them, protobuf), the counts
 * the SDK's cost model is made of, search-attribute upserts per workflow task, and the timings the
 * server stamped on each event (schedule-to-start of tasks, how late timers fired).
 */
import { temporal } from '@temporalio/proto';

export type History = temporal.api.history.v1.IHistory;
type Event = temporal.api.history.v1.IHistoryEvent;
const T = temporal.api.enums.v1.EventType;

function typeOf(e: Event): number {
  const raw = e.eventType as unknown;
  return typeof raw === 'number' ? raw : Number(T[raw as keyof typeof T] ?? -1);
}

/** Epoch milliseconds of an event's timestamp. */
export function eventMs(e: Event): number {
  const t = e.eventTime;
  if (!t) return NaN;
  return Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
}

export function durationMs(d: temporal.api.history.v1.ITimerStartedEventAttributes['startToFireTimeout']): number {
  return d ? Number(d.seconds ?? 0) * 1000 + Math.floor((d.nanos ?? 0) / 1e6) : 0;
}

export function historyBytes(h: History): number {
  return temporal.api.history.v1.History.encode(h).finish().length;
}

export interface HistoryCost {
  events: number;
  bytes: number;
  activities: number;
  timers: number;
  timersFired: number;
  signals: number;
  updates: number;
  upserts: number;
  workflowTasks: number;
  /** The most search-attribute upserts one workflow task made. */
  maxUpsertsPerTask: number;
  /** Marker events (patch markers: one per patch a run took). */
  markers: number;
  /**
   * Workflow tasks that issued no command and accepted no update (3 events each): the time-skipping
   * test server schedules such tasks while a scenario polls a case by query.
   */
  commandlessTasks: number;
  /** ≈ 5 + 6·activities + 5·timers + 4·(signals + updates): what the SDK itself costs. */
  model: number;
}

export function costModel(c: { activities: number; timers: number; signals: number; updates: number }): number {
  return 5 + 6 * c.activities + 5 * c.timers + 4 * (c.signals + c.updates);
}

export function historyCost(h: History): HistoryCost {
  const events = h.events ?? [];
  const count = (type: number) => events.filter((e) => typeOf(e) === type).length;
  let maxUpsertsPerTask = 0;
  let inTask = 0;
  for (const e of events) {
    const type = typeOf(e);
    if (type === T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) inTask = 0;
    if (type === T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) maxUpsertsPerTask = Math.max(maxUpsertsPerTask, ++inTask);
  }
  const c = {
    activities: count(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    timers: count(T.EVENT_TYPE_TIMER_STARTED),
    timersFired: count(T.EVENT_TYPE_TIMER_FIRED),
    signals: count(T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
    updates: count(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
  };
  return {
    events: events.length,
    bytes: historyBytes(h),
    ...c,
    upserts: count(T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
    workflowTasks: count(T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    maxUpsertsPerTask,
    markers: events.filter((e) => e.markerRecordedEventAttributes).length,
    commandlessTasks: commandlessTasks(events),
    model: costModel(c),
  };
}

function attributesOf(e: Event): Record<string, unknown> {
  const key = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]);
  return key ? ((e as Record<string, unknown>)[key] as Record<string, unknown>) : {};
}

/**
 * Workflow tasks no command event points back to and that accepted no update. A command event
 * names its task by workflowTaskCompletedEventId: the completed event on a real server, the started
 * event on the time-skipping test server.
 */
function commandlessTasks(events: Event[]): number {
  const referenced = new Set(events.map((e) => String(attributesOf(e).workflowTaskCompletedEventId ?? '')));
  const startedOf = new Map(events.filter((e) => e.workflowTaskStartedEventAttributes).map((e) => [String(e.workflowTaskStartedEventAttributes!.scheduledEventId), String(e.eventId)]));
  return events.filter((e, i) => {
    const done = e.workflowTaskCompletedEventAttributes;
    if (!done || events[i + 1]?.workflowExecutionUpdateAcceptedEventAttributes) return false;
    return !referenced.has(String(e.eventId)) && !referenced.has(String(done.startedEventId || startedOf.get(String(done.scheduledEventId))));
  }).length;
}

/** Activities scheduled before the first update was accepted, and after it. */
export function activitySplit(h: History): { before: number; after: number } {
  const events = h.events ?? [];
  const firstUpdate = events.findIndex((e) => typeOf(e) === T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
  const cut = firstUpdate < 0 ? events.length : firstUpdate;
  const scheduled = (list: Event[]) => list.filter((e) => typeOf(e) === T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).length;
  return { before: scheduled(events.slice(0, cut)), after: scheduled(events.slice(cut)) };
}

/** Schedule-to-start of every workflow and activity task, in ms, from the server's timestamps. */
export function scheduleToStart(h: History): { workflowTask: number[]; activityTask: number[] } {
  const byId = new Map<string, Event>();
  const workflowTask: number[] = [];
  const activityTask: number[] = [];
  for (const e of h.events ?? []) {
    byId.set(String(e.eventId), e);
    const type = typeOf(e);
    if (type === T.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
      const s = byId.get(String(e.workflowTaskStartedEventAttributes?.scheduledEventId));
      if (s) workflowTask.push(eventMs(e) - eventMs(s));
    } else if (type === T.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      const s = byId.get(String(e.activityTaskStartedEventAttributes?.scheduledEventId));
      if (s) activityTask.push(eventMs(e) - eventMs(s));
    }
  }
  return { workflowTask, activityTask };
}

export interface TimerLateness {
  /** When the timer should have fired (epoch ms). */
  dueMs: number;
  /** TimerFired minus due. */
  firedLateMs: number;
  /** The next completed workflow task (the workflow acted on it) minus due. */
  actedLateMs: number;
}

/** How late each fired timer was, as the server recorded it. */
export function timerLateness(h: History): TimerLateness[] {
  const events = h.events ?? [];
  const started = new Map<string, Event>();
  const out: TimerLateness[] = [];
  events.forEach((e, i) => {
    const type = typeOf(e);
    if (type === T.EVENT_TYPE_TIMER_STARTED) started.set(String(e.eventId), e);
    if (type !== T.EVENT_TYPE_TIMER_FIRED) return;
    const s = started.get(String(e.timerFiredEventAttributes?.startedEventId));
    if (!s) return;
    const dueMs = eventMs(s) + durationMs(s.timerStartedEventAttributes?.startToFireTimeout);
    const acted = events.slice(i).find((x) => typeOf(x) === T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    out.push({ dueMs, firedLateMs: eventMs(e) - dueMs, actedLateMs: acted ? eventMs(acted) - dueMs : NaN });
  });
  return out;
}

/**
 * Workflow tasks that timed out at or after `fromMs`: on a busy worker, mostly tasks left on its
 * sticky queue past the sticky schedule-to-start timeout, handed to the shared queue and replayed.
 */
export function workflowTaskTimeouts(h: History, fromMs: number): number {
  return (h.events ?? []).filter((e) => typeOf(e) === T.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT && eventMs(e) >= fromMs).length;
}

/** Timers started but neither fired nor cancelled: what the workflow still waits on. */
export function pendingTimers(h: History): number {
  const open = new Set<string>();
  for (const e of h.events ?? []) {
    const type = typeOf(e);
    if (type === T.EVENT_TYPE_TIMER_STARTED) open.add(String(e.eventId));
    if (type === T.EVENT_TYPE_TIMER_FIRED) open.delete(String(e.timerFiredEventAttributes?.startedEventId));
    if (type === T.EVENT_TYPE_TIMER_CANCELED) open.delete(String(e.timerCanceledEventAttributes?.startedEventId));
  }
  return open.size;
}

/** The history cut at the first workflow-task boundary at or after `events` (replayable). */
export function prefixAt(h: History, events: number): History {
  const all = h.events ?? [];
  for (let i = events; i < all.length; i++) {
    if (typeOf(all[i]!) === T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) return { events: all.slice(0, i) };
  }
  return h;
}

/** The run this history continued from (continue-as-new), if any. */
export function continuedFrom(h: History): string | undefined {
  const first = h.events?.[0];
  return first?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
}

/**
 * Updates of `updateName` accepted before the first workflow task the server started with
 * suggestContinueAsNew (its history-count or history-size threshold); undefined if it never did.
 */
export function continueAsNewSuggestedAfter(h: History, updateName: string): number | undefined {
  let accepted = 0;
  for (const e of h.events ?? []) {
    if (e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === updateName) accepted++;
    if (e.workflowTaskStartedEventAttributes?.suggestContinueAsNew) return accepted;
  }
  return undefined;
}
