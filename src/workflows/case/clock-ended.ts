/**
 * Whether a merchant clock's watch has ended because the case no longer needs what it measures: the
 * view then shows it stopped (`running: false`), not counting toward a due time that no longer
 * matters. Pure, over the view, so a read of a closed or acknowledged case says so without a
 * command in the history.
 * - every clock: once the case is resolved or closed;
 * - the response clock and the ladder's rungs: once the first response was given, or the case was
 *   decided without one (the ladder stops at a decision, see sla.ts);
 * - a rung: also once the case climbed past it (its window is over; the next rung's clock runs). A
 *   breached response clock, and the top rung's, stay running: the case is overdue until answered;
 * - the review clock: once the case has left the review.
 */
import type { CaseView } from './contract';

export function clockEnded(view: Pick<CaseView, 'status' | 'resolvedAt' | 'acknowledgedAt' | 'decision'> & Partial<Pick<CaseView, 'escalationLevel'>>, name: string): boolean {
  if (view.status === 'closed' || view.resolvedAt !== undefined) return true;
  const rung = /^rung-(\d+)$/.exec(name);
  if (rung && (view.escalationLevel ?? 0) > Number(rung[1])) return true;
  if (name === 'response' || rung) return view.acknowledgedAt !== undefined || view.decision !== undefined;
  if (name === 'review') return view.status !== 'awaiting_review';
  return false;
}

/** The view with every ended clock shown stopped (a copy's clocks, changed in place). */
export function showEndedClocks(view: CaseView): CaseView {
  for (const [name, clock] of Object.entries(view.clocks ?? {})) if (clock.running && clockEnded(view, name)) clock.running = false;
  return view;
}
