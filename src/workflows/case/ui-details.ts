/**
 * The case's current details in the Temporal UI (markdown): where it stands and why, without
 * personal data. Pure, over the view; a value the worker answers, not a command in the history.
 */
import { clockEnded } from './clock-ended';
import type { CaseView } from './contract';

/** The first response: given, still owed (its due time), or no longer owed (decided or closed without one). */
function responseLine(v: CaseView): string {
  if (v.acknowledgedAt) return `acknowledged ${v.acknowledgedAt}`;
  if (clockEnded(v, 'response')) return 'no longer owed';
  return `due ${v.deadlines.responseDueAt ?? '?'}`;
}

export function uiDetails(v: CaseView): string {
  const lines = [
    `**${v.caseType}** case \`${v.caseId}\` · order \`${v.orderId}\` · ${v.priority ?? 'untriaged'}`,
    `Status: **${v.status}**${v.deadlines.currentWaitDueAt ? ` (due ${v.deadlines.currentWaitDueAt})` : ''}`,
    `Region: ${v.region ?? '?'}${v.remote ? ' (remote)' : ''} · tier: ${v.memberTier ?? '?'} · assignee: ${v.assignee ?? 'none'}`,
    `Response: ${responseLine(v)}${v.sla.responseBreached ? ' · **BREACHED**' : ''} · escalation level ${v.escalationLevel}`,
  ];
  if (v.attention) lines.push(`Needs attention: **${v.attention.step}** ${v.attention.refused ? 'refused' : 'failing'}: ${v.attention.lastError}`);
  if (v.currentWait) lines.push(`Waiting on the ${v.currentWait.party} until ${v.currentWait.dueAt}, then ${v.currentWait.onDeadline}`);
  if (v.decision) lines.push(`Decision: **${v.decision.resolution}** (${v.decision.reasons.join('; ')})`);
  if (v.refund) lines.push(`Refund: ${v.refund.amount} fen, ${v.refund.status} after ${v.refund.attempts} attempt(s)`);
  for (const s of v.shipments) lines.push(`Parcel: ${s.kind} ${s.carrier} ${s.trackingNumber} ${s.status}`);
  return lines.join('\n\n');
}
