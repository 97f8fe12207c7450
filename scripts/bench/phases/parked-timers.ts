/**
 * How the parked phase reads its histories: which timer came due at the bench's instant T, how
 * late it fired and how late the workflow acted on it (both against T, the deadline the workflow
 * computed), and how many activities a workflow ran before it parked and when its timer fired (so
 * the floor parks and acts with the same numbers).
 */
import { durationMs, eventMs, timerLateness, workflowTaskTimeouts, type History } from '../history';
import { spread, type Spread } from '../measure';

/**
 * The server starts a timer when the workflow task that asked for it completes, so its own due
 * instant lies a little after T (by that task's processing time); a fired timer counts as due at T
 * when the server's due lies within this window after T.
 */
const WINDOW_MS = { before: 1_000, after: 10_000 };

export interface DueAtT {
  /** TimerFired − T. */
  firedLateMs: number;
  /** The first workflow task completed after the TimerFired − T (NaN while none has). */
  actedLateMs: number;
}

export function timersDueAt(h: History, dueMs: number): DueAtT[] {
  return timerLateness(h)
    .filter((t) => t.dueMs >= dueMs - WINDOW_MS.before && t.dueMs <= dueMs + WINDOW_MS.after)
    .map((t) => ({ firedLateMs: t.firedLateMs + t.dueMs - dueMs, actedLateMs: t.actedLateMs + t.dueMs - dueMs }));
}

export interface Lateness {
  /** Workflows whose timer due at T fired (out of the N parked). */
  dueTogether: number;
  firedLate?: Spread;
  actedLate?: Spread;
  /** Workflow tasks that timed out from T on, over the N histories (each one replayed elsewhere). */
  taskTimeouts?: number;
}

export function latenessAt(histories: History[], dueMs: number): Lateness {
  const due = histories.flatMap((h) => timersDueAt(h, dueMs));
  if (due.length === 0) return { dueTogether: 0 };
  // A workflow that had not completed a task after its TimerFired when its history was read has no acted time.
  return {
    dueTogether: due.length,
    firedLate: spread(due.map((t) => t.firedLateMs)),
    actedLate: spread(due.map((t) => t.actedLateMs).filter(Number.isFinite)),
    taskTimeouts: histories.reduce((n, h) => n + workflowTaskTimeouts(h, dueMs - WINDOW_MS.before), 0),
  };
}

/**
 * Activities scheduled before the timer due at T fired (what parking took), and after it until the
 * next timer started (what acting on it took; `settled` once that next timer has started, else the
 * workflow was still acting when its history was read); undefined when no timer fired at T.
 */
export function activitiesAroundT(h: History, dueMs: number): { before: number; after: number; settled: boolean } | undefined {
  const events = h.events ?? [];
  const due = new Set(
    events
      .filter((e) => e.timerStartedEventAttributes)
      .filter((e) => {
        const at = eventMs(e) + durationMs(e.timerStartedEventAttributes!.startToFireTimeout);
        return at >= dueMs - WINDOW_MS.before && at <= dueMs + WINDOW_MS.after;
      })
      .map((e) => String(e.eventId)),
  );
  const fired = events.findIndex((e) => e.timerFiredEventAttributes && due.has(String(e.timerFiredEventAttributes.startedEventId)));
  if (fired < 0) return undefined;
  const nextTimer = events.findIndex((e, i) => i > fired && e.timerStartedEventAttributes);
  const scheduled = (list: typeof events) => list.filter((e) => e.activityTaskScheduledEventAttributes).length;
  return { before: scheduled(events.slice(0, fired)), after: scheduled(events.slice(fired, nextTimer < 0 ? events.length : nextTimer)), settled: nextTimer >= 0 };
}
