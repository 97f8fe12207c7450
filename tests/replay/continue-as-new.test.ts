/**
 * The stored histories of cases that continued as new (tests/replay/continue-as-new-scenarios.ts):
 * the run that handed over carries the CONTINUE_AS_NEW marker and ends continued-as-new; a resumed
 * run records no marker, calls no intake activity and repeats no message of the run before; and
 * every history from before the patch lacks the marker. (replay.test.ts replays them all.)
 */
import { temporal } from '@temporalio/proto';
import { CONTINUE_AS_NEW, KEYED_ANSWERS_CARRIED } from '../../src/workflows/case/patches';
import { KEYED_NOTE_ID } from './continue-as-new-scenarios';
import { readHistories, type StoredHistory } from '../support/histories';
import { resumedRun } from '../support/run-chain';
import { markers } from './markers';

const stored = readHistories();
/** Each stored chain: its runs, and the refunds and reshipments it made (once each, whatever the runs). */
const chains = {
  'survey-continued-as-new': { runs: 2, issueRefund: 1, dispatchReshipment: 0 },
  'keyed-note-continued-as-new': { runs: 2, issueRefund: 1, dispatchReshipment: 0 },
  'callback-continued-as-new': { runs: 3, issueRefund: 1, dispatchReshipment: 0 },
  'dispute-continued-as-new': { runs: 3, issueRefund: 0, dispatchReshipment: 1 },
} as const;
const EventType = temporal.api.enums.v1.EventType;

const runFile = (scenario: string, run: number) => `afterSalesCase_${scenario}-run${run}_v1.json`;
const byFile = new Map(stored.map((s) => [s.file, s]));

function activities(s: StoredHistory): string[] {
  return (s.history.events ?? []).flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (!a) return [];
    const data = a.input?.payloads?.[0]?.data;
    const template = data ? (JSON.parse(Buffer.from(data).toString()) as { template?: string }).template : undefined;
    return [`${a.activityType?.name}${template ? `:${template}` : ''}`];
  });
}

const last = (s: StoredHistory) => s.history.events?.[s.history.events.length - 1];

test.each(Object.entries(chains))('%s: every run is stored; only the last one closes', (scenario, { runs }) => {
  for (let run = 1; run <= runs; run++) {
    const s = byFile.get(runFile(scenario, run));
    expect(s).toBeDefined();
    const end = Number(last(s!)?.eventType);
    expect(end).toBe(run < runs ? EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW : EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    expect(resumedRun(s!.history)).toBe(run > 1);
    // A run hands over behind the patch; a resumed run asks no patch again. Only a run that
    // applied keyed actions asks KEYED_ANSWERS_CARRIED, when it hands over.
    expect(markers(s!).includes(CONTINUE_AS_NEW)).toBe(run < runs);
    expect(markers(s!).includes(KEYED_ANSWERS_CARRIED)).toBe(scenario === 'keyed-note-continued-as-new' && run === 1);
    if (run > 1) expect(markers(s!).filter((id) => id !== CONTINUE_AS_NEW)).toEqual([]);
  }
});

test.each(Object.entries(chains))('%s: no resumed run looks the order up again, pays or ships again, or repeats a message', (scenario, chain) => {
  const { runs } = chain;
  const all = Array.from({ length: runs }, (_, i) => activities(byFile.get(runFile(scenario, i + 1))!));
  for (const resumed of all.slice(1)) {
    expect(resumed.filter((a) => ['getOrder', 'findSpecialist', 'issueRefund', 'scorePhotos'].includes(a))).toEqual([]);
    expect(resumed.filter((a) => ['notifyCustomer:case_opened', 'notifyCustomer:case_rejected'].includes(a))).toEqual([]);
  }
  const messages = all.flat().filter((a) => a.startsWith('notifyCustomer:') || a.startsWith('notifyStaff:follow_up'));
  expect(new Set(messages).size).toBe(messages.length);
  expect(all.flat().filter((a) => a === 'issueRefund')).toHaveLength(chain.issueRefund);
  expect(all.flat().filter((a) => a === 'dispatchReshipment')).toHaveLength(chain.dispatchReshipment);
});

test('no history from before the patch carries its marker', () => {
  const others = stored.filter((s) => !Object.keys(chains).some((c) => s.file.startsWith(`afterSalesCase_${c}-run`)));
  expect(others.length).toBeGreaterThan(50);
  for (const s of others) expect(markers(s)).not.toContain(CONTINUE_AS_NEW);
  for (const s of stored.filter((h) => !h.file.startsWith('afterSalesCase_keyed-note-continued-as-new-run1'))) expect(markers(s)).not.toContain(KEYED_ANSWERS_CARRIED);
});

/** Each update of `id` the history completed, as [the run's update name, its answer]. */
function completedUpdates(s: StoredHistory, id: string): [string, unknown][] {
  const events = s.history.events ?? [];
  return events.flatMap((e) => {
    const done = e.workflowExecutionUpdateCompletedEventAttributes;
    if (done?.meta?.updateId !== id) return [];
    const data = done.outcome?.success?.payloads?.[0]?.data;
    const accepted = events.find((a) => a.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === id);
    return [[accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '?', data ? JSON.parse(Buffer.from(data).toString()) : undefined]];
  });
}

test('keyed-note-continued-as-new: run 1 hands the keyed note\'s answer over; run 2 answers the retried note with it', () => {
  const [run1, run2] = [1, 2].map((run) => byFile.get(runFile('keyed-note-continued-as-new', run))!);
  const continued = last(run1!)?.workflowExecutionContinuedAsNewEventAttributes;
  const checkpoint = JSON.parse(Buffer.from(continued?.input?.payloads?.[1]?.data ?? []).toString()) as { keyedAnswers?: unknown[] };
  const [[name, answer]] = completedUpdates(run1!, KEYED_NOTE_ID) as [[string, { seq: number; status: string }]];
  expect(name).toBe('addNote');
  expect(checkpoint.keyedAnswers).toEqual([[KEYED_NOTE_ID, answer.status, answer.seq]]);
  // Run 2: the retry is answered as in run 1 (a note taken again would answer a later seq).
  expect(completedUpdates(run2!, KEYED_NOTE_ID)).toEqual([['addNote', answer]]);
});
