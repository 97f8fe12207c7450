/**
 * src/workflows/case/ui-details.ts: the Temporal UI's current details say where the case stands;
 * a response that is no longer owed is not shown as due (a closed case read "due …" before).
 */
import type { CaseView } from '../../../src/workflows/case/contract';
import { uiDetails } from '../../../src/workflows/case/ui-details';

const DUE = '2026-12-06T03:00:00.000Z';

function view(over: Partial<CaseView>): CaseView {
  return {
    caseId: 'AC-1',
    orderId: 'ORD-1',
    caseType: 'quality_issue',
    priority: 'P2',
    status: 'awaiting_evidence',
    region: 'East',
    memberTier: 'gold',
    assignee: 'AG-7',
    escalationLevel: 1,
    sla: { responseBreached: false, resolutionBreached: false },
    deadlines: { responseDueAt: DUE },
    shipments: [],
    ...over,
  } as unknown as CaseView;
}

const responseLine = (v: CaseView) => uiDetails(v).split('\n\n').find((l) => l.startsWith('Response:'));

test.each([
  ['an open case owes its response by the due time', view({}), `Response: due ${DUE} · escalation level 1`],
  ['an acknowledged case says when', view({ acknowledgedAt: '2026-12-05T09:00:00Z' }), 'Response: acknowledged 2026-12-05T09:00:00Z · escalation level 1'],
  ['a case withdrawn without a response owes none', view({ status: 'closed' }), 'Response: no longer owed · escalation level 1'],
  ['a case decided without a response owes none', view({ status: 'refund_pending', decision: { resolution: 'refund', reasons: ['spoiled'], decidedAt: DUE } } as Partial<CaseView>), 'Response: no longer owed · escalation level 1'],
  ['a breach stays told once the response is no longer owed', view({ status: 'closed', sla: { responseBreached: true, resolutionBreached: false } } as Partial<CaseView>), 'Response: no longer owed · **BREACHED** · escalation level 1'],
])('%s', (_, v, line) => {
  expect(responseLine(v)).toBe(line);
});

test('the details name the case, its status and its owner', () => {
  const text = uiDetails(view({ status: 'closed' }));
  expect(text).toContain('**quality_issue** case `AC-1` · order `ORD-1` · P2');
  expect(text).toContain('Status: **closed**');
  expect(text).toContain('Region: East · tier: gold · assignee: AG-7');
});
