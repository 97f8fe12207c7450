/**
 * src/workflows/case/clock-ended.ts: which merchant clocks a read shows stopped because the case no
 * longer needs what they measure, and that the rest keep their own running state.
 */
import { clockEnded, showEndedClocks } from '../../../src/workflows/case/clock-ended';
import type { CaseView } from '../../../src/workflows/case/contract';

const open = { status: 'awaiting_evidence' as const };

test.each([
  ['response', open, false],
  ['response', { ...open, acknowledgedAt: '2026-12-05T09:00:00Z' }, true],
  ['rung-2', { ...open, acknowledgedAt: '2026-12-05T09:00:00Z' }, true],
  ['response', { status: 'refund_pending' as const, decision: { resolution: 'refund' as const, reasons: [], decidedAt: '2026-12-05T09:00:00Z' } }, true],
  ['resolution', { status: 'refund_pending' as const, decision: { resolution: 'refund' as const, reasons: [], decidedAt: '2026-12-05T09:00:00Z' } }, false],
  ['resolution', { status: 'awaiting_survey' as const, resolvedAt: '2026-12-05T10:00:00Z' }, true],
  ['review', { status: 'awaiting_review' as const }, false],
  ['review', { status: 'refund_pending' as const }, true],
  ['resolution', { status: 'closed' as const }, true],
  ['rung-1', { status: 'closed' as const }, true],
  // Climbed past a rung: its window is over. The breached response clock and the rung in force run on.
  ['rung-1', { ...open, escalationLevel: 2 }, true],
  ['rung-2', { ...open, escalationLevel: 2 }, false],
  ['rung-3', { ...open, escalationLevel: 3 }, false],
  ['response', { ...open, escalationLevel: 3 }, false],
])('%s on %j: ended %s', (name, view, ended) => {
  expect(clockEnded(view, name)).toBe(ended);
});

test('showEndedClocks stops only the ended clocks; a paused clock stays as it was', () => {
  const clock = (running: boolean) => ({ desk: 'd', calendar: 'c', slaMinutes: 15, running, breached: false, remainingWorkingMinutes: 3, asOf: '2026-12-05T09:00:00Z' });
  const view = { status: 'awaiting_evidence', acknowledgedAt: '2026-12-05T09:00:00Z', clocks: { response: clock(true), resolution: clock(true), review: clock(false) } } as unknown as CaseView;
  const shown = showEndedClocks(view);
  expect(shown.clocks).toMatchObject({ response: { running: false }, resolution: { running: true }, review: { running: false } });
});
