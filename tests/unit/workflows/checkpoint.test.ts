/**
 * The pure rules of continue-as-new (src/workflows/case/checkpoint.ts): when a run hands over, and
 * what of a growing view goes along.
 */
import { CARRY_LIMITS, CARRY_TAIL, carryDue, trimForCarry } from '../../../src/workflows/case/checkpoint';
import type { CaseView } from '../../../src/workflows/case/contract';

const small = { suggested: false, events: 100, bytes: 20_000, updates: 10 };

describe('carryDue', () => {
  test('a small run stays', () => {
    expect(carryDue(small)).toBe(false);
  });

  test.each([
    ['the server suggests it', { suggested: true }],
    ['events reach the limit', { events: CARRY_LIMITS.events }],
    ['bytes reach the limit', { bytes: CARRY_LIMITS.bytes }],
    ['updates reach the limit', { updates: CARRY_LIMITS.updates }],
  ])('hands over when %s', (_why, change) => {
    expect(carryDue({ ...small, ...change })).toBe(true);
  });

  test('one below each limit stays', () => {
    expect(carryDue({ suggested: false, events: CARRY_LIMITS.events - 1, bytes: CARRY_LIMITS.bytes - 1, updates: CARRY_LIMITS.updates - 1 })).toBe(false);
  });

  test('every limit is below the server default it guards (4,096 events, 4 MiB, 2,000 updates) and each run under 2 MB', () => {
    expect(CARRY_LIMITS.events).toBeLessThan(4_096);
    expect(CARRY_LIMITS.bytes).toBeLessThan(2_000_000);
    expect(CARRY_LIMITS.updates).toBeLessThan(2_000);
  });
});

function viewWith(timeline: number, notes: number, noteText = 'called'): CaseView {
  return {
    caseId: 'C-1',
    orderId: 'O-1',
    caseType: 'spoiled',
    channel: 'app',
    status: 'awaiting_survey',
    policyVersion: 'v',
    openedAt: '2026-12-01T00:00:00.000Z',
    deadlines: {},
    sla: { responseBreached: false, resolutionBreached: false },
    escalationLevel: 0,
    escalations: [],
    verification: { evidence: [] },
    shipments: [],
    coupons: [],
    notes: Array.from({ length: notes }, (_, i) => ({ at: '2026-12-01T00:00:00.000Z', author: 'AG', text: `${i + 1} ${noteText}` })),
    timeline: Array.from({ length: timeline }, (_, i) => ({ at: '2026-12-01T00:00:00.000Z', event: `e${i + 1}` })),
  };
}

describe('trimForCarry', () => {
  test('a short view goes whole, counted as one earlier run', () => {
    const v = viewWith(10, 3);
    const carried = trimForCarry(v);
    expect(carried.timeline).toEqual(v.timeline);
    expect(carried.notes).toEqual(v.notes);
    expect(carried.earlier).toEqual({ runs: 1, timelineEntries: 0, notes: 0 });
  });

  test('a long view keeps the newest entries and notes and counts the rest', () => {
    const carried = trimForCarry(viewWith(CARRY_TAIL.timelineEntries + 50, CARRY_TAIL.notes + 7));
    expect(carried.timeline).toHaveLength(CARRY_TAIL.timelineEntries);
    expect(carried.timeline[0]?.event).toBe('e51');
    expect(carried.notes).toHaveLength(CARRY_TAIL.notes);
    expect(carried.notes[0]?.text).toMatch(/^8 /);
    expect(carried.earlier).toEqual({ runs: 1, timelineEntries: 50, notes: 7 });
  });

  test('long notes are kept within the size budget, newest first', () => {
    const carried = trimForCarry(viewWith(1, 200, 'x'.repeat(4_000)));
    const bytes = carried.notes.reduce((n, note) => n + JSON.stringify(note).length, 0);
    expect(bytes).toBeLessThanOrEqual(CARRY_TAIL.noteBytes);
    expect(carried.notes.length).toBeGreaterThan(50);
    expect(carried.notes[carried.notes.length - 1]?.text).toMatch(/^200 /);
    expect(carried.notes.length + (carried.earlier?.notes ?? 0)).toBe(200);
  });

  test('counts add up over a chain of runs', () => {
    const once = trimForCarry(viewWith(CARRY_TAIL.timelineEntries + 10, 0));
    const grown = { ...once, timeline: [...once.timeline, ...viewWith(30, 0).timeline] };
    const twice = trimForCarry(grown);
    expect(twice.earlier).toEqual({ runs: 2, timelineEntries: 40, notes: 0 });
    expect(twice.timeline).toHaveLength(CARRY_TAIL.timelineEntries);
  });
});
