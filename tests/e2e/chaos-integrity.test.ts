/**
 * Case integrity under chaos (issue 8, "Done when"), on the real stack: a dev server, the API, the
 * sandbox over HTTP, and the worker as its own process. At least 100 cases of ten kinds (chaos-world.ts)
 * run while every system of the sandbox fails 30% of its calls: errors, hangs, and answers lost after
 * the work was done (the ambiguous outcome). The worker is killed (SIGKILL) and restarted twice. A
 * simulated customer and agent answer whatever each case waits for; parcels move on their own, and a
 * carrier re-sends its latest event for a case still waiting on a parcel that moved (counted).
 *
 * At the end: every case is closed (with a reason) or `needs_attention` (with a reason), no workflow
 * execution failed, no order line is remedied beyond its quantity, no case remedied more than it
 * claimed, no idempotency key paid, shipped or couponed twice, and no pickup left booked for a
 * return that will not come. The figures (cases, faults injected, kills, outcomes) are printed.
 *
 * About 200 lines: one scenario and its driver loop read best in one place (checks: chaos-checks.ts).
 */
import { caseViewQuery, caseWorkflowId, type CaseStatus, type CaseView } from '../../src/workflows/case/contract';
import { SYSTEMS, type SystemName } from '../../src/activities/systems';
import type { FaultConfig } from '../../src/sandbox/faults';
import { Stack, type WorkerProcess } from '../support/stack';
import { movedTwice, overRemedied, paidOrShippedTwice, pickupsLeftBooked, type ClaimedCase } from './chaos-checks';
import { CASE_KINDS, nextAction, orderBody, type CaseKind } from './chaos-world';

const BASE_CASES = 100;
/** Share of calls to each system that fail: errors, hangs and lost answers together. */
const FAULT_SHARE = 0.3;
/** Kills of the worker process, this long after the first case opened. */
const KILLS_AT_MS = [30_000, 75_000];
/** How long the cases get to settle, and the test as a whole (it must stay near 4 minutes). */
const DRIVE_MS = 210_000;
/** Parcel waits, and how long the driver lets one sit on a moved parcel before the carrier re-sends its events. */
const PARCEL_WAITS: readonly (string | undefined)[] = ['awaiting_delivery', 'awaiting_return_shipment', 'awaiting_return_receipt'];
const RESEND_AFTER_MS = 25_000;
const TEST_MS = 330_000;

/** Until the workflow side lands, CaseStatus lacks it; the test expects it as a resting state. */
type Outcome = CaseStatus | 'needs_attention';
const RESTING: readonly Outcome[] = ['closed', 'needs_attention'];

interface Tracked {
  caseId: string;
  orderId: string;
  kind: CaseKind;
  followUp: boolean;
  status?: string;
  assignee?: string;
  acknowledged: boolean;
  acting: boolean;
  followUpOpened: boolean;
  /** The answer to the last action the driver sent (diagnostics). */
  lastAnswer?: string;
  /** When the driver first saw the case in its current status. */
  since: number;
}

/** Errors, hangs and lost answers in proportions that add up to `share` of calls (a different error status per system). */
function chaosFaults(system: SystemName, share: number): FaultConfig {
  const statuses: Record<SystemName, number> = { orders: 503, payments: 503, warehouse: 500, carriers: 502, verification: 503, agents: 500, notifications: 503, coupons: 500 };
  const timeoutRate = share * 0.2;
  const errorRate = (share * 0.5) / (1 - timeoutRate);
  const loseAnswerRate = (share * 0.3) / ((1 - timeoutRate) * (1 - errorRate));
  return { errorRate, status: statuses[system], latencyMs: 0, timeoutRate, failNext: 0, hangNext: 0, loseAnswerRate };
}

/** Why a case rests where it does: the close reason, or what needs attention (read loosely: the view field is the workflow side's). */
function restingReason(view: CaseView): string | undefined {
  if (view.status === 'closed') return view.closeReason;
  const loose = view as unknown as Record<string, { reason?: string; lastError?: string; step?: string } | undefined>;
  const attention = loose.attention ?? loose.needsAttention;
  return attention?.reason ?? attention?.lastError ?? attention?.step ?? view.timeline.at(-1)?.detail;
}

let s: Stack;
beforeAll(async () => {
  s = await Stack.start('chaos');
  // Parcels travel on their own (in transit or picked up, then delivered, 5 s apart). An event that
  // comes before the case knows the tracking number is dropped by the API's webhook (202, delivered:
  // false), so the carriers must not be much faster than a lost answer's reconciliation.
  s.sandbox.state.options.autoAdvanceMs = 5_000;
  process.env.AFTERCASE_HTTP_TIMEOUT_MS = '1500'; // the spawned workers' adapters give up on a hang after 1.5 s
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

test(
  `${BASE_CASES}+ mixed cases, ${FAULT_SHARE * 100}% faults in every system, the worker killed twice: every case rests, nothing moved twice`,
  async () => {
    const cases: Tracked[] = [];
    const open = async (orderId: string, kind: CaseKind, claim: Omit<CaseKind['claim'], 'preferredResolution'> & { preferredResolution?: string }, followUp: boolean) => {
      const caseId = await s.openCase({ orderId, ...claim });
      cases.push({ caseId, orderId, kind, followUp, acknowledged: false, acting: false, followUpOpened: false, since: Date.now() });
    };

    for (let n = 0; n < BASE_CASES; n++) {
      const res = await fetch(`${s.sandbox.url}/admin/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(orderBody(CASE_KINDS[n % CASE_KINDS.length]!, n)) });
      expect(res.status).toBe(201);
    }
    for (const system of SYSTEMS) s.sandbox.state.faults.set(system, chaosFaults(system, FAULT_SHARE));

    let worker: WorkerProcess = await s.spawnWorker();
    const started = Date.now();
    await inBatches([...Array(BASE_CASES).keys()], 10, async (n) => {
      const kind = CASE_KINDS[n % CASE_KINDS.length]!;
      await open(`ORD-CHAOS-${String(n).padStart(4, '0')}`, kind, kind.claim, false);
    });

    // Two kills, each followed by a fresh worker; the driver keeps going meanwhile.
    let kills = 0;
    const killer = (async () => {
      for (const at of KILLS_AT_MS) {
        await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
        await worker.kill();
        kills += 1;
        worker = await s.spawnWorker();
      }
    })();

    // Every 1.5 s: read where each case stands, answer what it waits for (one request in flight per
    // case), open second claims once the first is closed. Stops when all rest, or at the deadline
    // (the checks below then name the cases still moving).
    const inflight = new Set<Promise<void>>();
    const act = (c: Tracked, action: string, role: 'service' | 'agent', body: Record<string, unknown>) => {
      c.acting = true;
      const request: Promise<void> = s
        .call('POST', `/v1/cases/${c.caseId}/${action}`, role, body)
        .then((r) => void (c.lastAnswer = `${action}: ${r.status}${r.status >= 400 ? ` ${JSON.stringify(r.body?.error ?? r.body)}` : ''}`))
        .catch((err: unknown) => void (c.lastAnswer = `${action}: ${String(err)}`))
        .finally(() => {
          c.acting = false;
          inflight.delete(request);
        });
      inflight.add(request);
    };
    // A case rests; a closed first claim with a follow-up has had its second claim opened.
    // A carrier event that reached the API before the case knew its tracking number (after a lost
    // answer) was refused (503 tracking_number_unknown) until the carrier's retries ran out. The carrier re-sends its latest events, counted.
    let resent = 0;
    const resendLatestEvents = (c: Tracked) => {
      c.since = Date.now();
      for (const parcel of [...s.sandbox.state.parcels.values()].filter((p) => p.caseId === c.caseId && p.events.length > 0)) {
        resent += 1;
        const request = fetch(`${s.sandbox.url}/admin/carriers/shipments/${parcel.trackingNumber}/events`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: parcel.events.at(-1)!.event }),
        }).then(() => undefined, () => undefined).finally(() => inflight.delete(request));
        inflight.add(request);
      }
    };
    const settled = () => cases.every((c) => RESTING.includes(c.status as Outcome) && (!c.kind.followUp || c.followUp || c.followUpOpened || c.status !== 'closed'));
    while (!(settled() && kills === KILLS_AT_MS.length) && Date.now() < started + DRIVE_MS) {
      await refreshStatuses(cases).catch(() => undefined);
      for (const c of cases) {
        if (c.status === 'closed' && c.kind.followUp && !c.followUp && !c.followUpOpened) {
          c.followUpOpened = true;
          await open(c.orderId, c.kind, c.kind.followUp, true);
          continue;
        }
        if (c.acting || !c.status || RESTING.includes(c.status as Outcome)) continue;
        if (c.assignee && !c.acknowledged) {
          c.acknowledged = true;
          act(c, 'acknowledge', 'agent', { agentId: c.assignee });
          continue;
        }
        const pickupBooked = Object.values(s.sandbox.state.pickups).some((p) => p.caseId === c.caseId);
        const next = nextAction(c.status, c.kind, c.assignee, pickupBooked);
        if (next) act(c, next.action, next.role, next.body);
        else if (PARCEL_WAITS.includes(c.status) && Date.now() - c.since > RESEND_AFTER_MS) resendLatestEvents(c);
      }
      await new Promise((r) => setTimeout(r, 1_500));
    }
    await Promise.allSettled([...inflight]);
    await killer;
    for (const system of SYSTEMS) s.sandbox.state.faults.delete(system); // the checks read the views calmly

    // Every case rests with a reason; no execution failed.
    const outcomes: Record<string, number> = {};
    const unrested: string[] = [];
    const closedWithoutReturn: string[] = [];
    const rested = await inBatches(cases, 10, async (c) => {
      const handle = s.env.client.workflow.getHandle(caseWorkflowId(c.caseId));
      return { c, execution: (await handle.describe()).status.name, view: await handle.query(caseViewQuery) };
    });
    for (const { c, execution, view } of rested) {
      const reason = restingReason(view);
      if (!['RUNNING', 'COMPLETED'].includes(execution)) unrested.push(`${c.caseId}: execution ${execution}`);
      if (!RESTING.includes(view.status as Outcome) || !reason?.trim()) unrested.push(`${c.caseId} (${c.kind.name}): ${view.status}, reason ${reason}, last action ${c.lastAnswer}`);
      const label = view.status === 'closed' ? `closed: ${view.decision?.resolution ?? 'no decision'} (${view.closeReason})` : `${view.status}: ${reason}`;
      outcomes[label] = (outcomes[label] ?? 0) + 1;
      if (view.status === 'closed' && ['withdrawn', 'rejected'].includes(view.decision?.resolution ?? '')) closedWithoutReturn.push(c.caseId);
    }
    const failedExecutions: string[] = [];
    for await (const execution of s.env.client.workflow.list({ query: 'ExecutionStatus = "Failed" OR ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut"' })) {
      failedExecutions.push(`${execution.workflowId}: ${execution.status.name}`);
    }

    const state = s.sandbox.state;
    const claims: ClaimedCase[] = cases.map((c) => ({ caseId: c.caseId, orderId: c.orderId, claimed: c.followUp ? c.kind.followUp!.items : c.kind.claim.items }));
    const orderIds = [...state.orders.keys()].filter((id) => id.startsWith('ORD-CHAOS-'));
    const problems = {
      unrested,
      failedExecutions,
      overRemedied: overRemedied(state, orderIds, claims),
      movedTwice: movedTwice(state, claims),
      paidOrShippedTwice: paidOrShippedTwice(state, claims),
      pickupsLeftBooked: pickupsLeftBooked(state, closedWithoutReturn),
    };

    const ledger = state.ledger.list();
    const count = (kind: string) => ledger.filter((e) => e.kind === kind).length;
    const faults = SYSTEMS.map((sys) => {
      const st = state.stats[sys];
      const injected = st.faults + st.timeouts + st.lostAnswers;
      return `  ${sys}: ${st.calls} calls, ${injected} faults (${st.faults} errors, ${st.timeouts} hangs, ${st.lostAnswers} lost answers) = ${st.calls ? Math.round((100 * injected) / st.calls) : 0}%`;
    });
    console.log(
      [
        `chaos-integrity: ${cases.length} cases (${cases.filter((c) => c.followUp).length} second claims) in ${Math.round((Date.now() - started) / 1000)} s, ${kills} worker kills`,
        'faults injected:',
        ...faults,
        'outcomes:',
        ...Object.entries(outcomes).map(([label, n]) => `  ${n} × ${label}`),
        `carrier events re-sent for cases still waiting ${RESEND_AFTER_MS / 1000} s after their parcel moved: ${resent}`,
        `ledger: ${count('refund')} refunds, ${count('shipment')} shipments, ${count('pickup')} pickups, ${count('pickup_cancellation')} pickup cancellations, ${count('coupon')} coupons; ${ledger.reduce((n, e) => n + e.replays, 0)} retries answered from the ledger`,
        `violations: ${JSON.stringify(problems, null, 1)}`,
      ].join('\n'),
    );
    expect(problems).toEqual({ unrested: [], failedExecutions: [], overRemedied: [], movedTwice: [], paidOrShippedTwice: [], pickupsLeftBooked: [] });
    await worker.kill();
  },
  TEST_MS,
);

/** Statuses and assignees from the API's case list (visibility: answers even while no worker runs). */
async function refreshStatuses(cases: Tracked[]): Promise<void> {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  let token: string | undefined;
  do {
    const r = await s.call('GET', `/v1/cases?pageSize=100${token ? `&nextPageToken=${token}` : ''}`, 'agent');
    if (r.status !== 200) return;
    for (const item of r.body.items as { caseId: string; status?: string; assignee?: string }[]) {
      const c = byId.get(item.caseId);
      if (!c) continue;
      if (c.status !== item.status) c.since = Date.now();
      c.status = item.status;
      c.assignee = item.assignee;
    }
    token = r.body.nextPageToken as string | undefined;
  } while (token);
}

/** `fn` over `items`, `size` at a time, results in order. */
async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return results;
}
