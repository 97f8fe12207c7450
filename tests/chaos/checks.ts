/**
 * What must hold after the chaos run, each check a named pass/fail with its evidence:
 * every case closed with its expected resolution, no failed workflow execution, one case per
 * request, every refund/parcel/coupon exactly once per idempotency key in the sandbox ledger, the
 * histories in PostgreSQL's tables across the shards, and visibility answering the API's filters.
 */
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { LedgerEntry } from '../../src/sandbox/ledger';
import type { Postgres } from '../../src/temporal/prod/postgres';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../src/workflows/case/contract';
import { ORDER_ID } from '../../src/workflows/case/search-attributes';
import type { ApiClient } from './api-client';
import { inParallel, listAll, type CaseRun } from './driver';
import { CASE_KINDS } from './kinds';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** Final views over the API: status closed (or needs_attention with a reason) and the expected resolution. */
export async function checkOutcomes(client: ApiClient, runs: CaseRun[]): Promise<{ checks: Check[]; outcomes: Record<string, number>; held: Set<string> }> {
  const outcomes: Record<string, number> = {};
  const wrong: string[] = [];
  const held = new Set<string>(); // workflow ids of the cases shown in needs_attention
  await inParallel(runs, 6, async (run) => {
    const r = await client.call(run.index, 'GET', `/v1/cases/${run.caseId}`, 'agent');
    const status: string = r.body?.status ?? `HTTP ${r.status}`;
    const resolution: string = r.body?.decision?.resolution ?? 'none';
    const key = `${status}/${resolution}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    const accepted = status === 'closed' ? resolution === run.kind.expected.resolution : status === 'needs_attention' && Boolean(r.body?.attention?.lastError);
    if (!accepted) wrong.push(`${run.caseId} (${run.kind.name}): ${key}, expected closed/${run.kind.expected.resolution}`);
    if (status === 'needs_attention') held.add(caseWorkflowId(run.caseId!));
  });
  return {
    outcomes,
    held,
    checks: [check('every case reached its expected outcome', wrong.length === 0, wrong.length ? wrong.slice(0, 10).join('; ') : `${runs.length} of ${runs.length}`)],
  };
}

/**
 * Straight from the cluster: no failed/timed-out/terminated execution, one workflow per order. The
 * client decrypts with the stack's payload keys (memos are payloads too).
 */
export async function checkExecutions(address: string, namespace: string, runs: CaseRun[], dataConverter: DataConverter): Promise<Check[]> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace, dataConverter });
    const base = `WorkflowType = "${CASE_WORKFLOW_TYPE}"`;
    const bad = await client.workflow.count(`${base} AND ExecutionStatus IN ("Failed", "TimedOut", "Terminated", "Canceled")`);
    const perOrder = new Map<string, number>();
    let total = 0;
    for await (const wf of client.workflow.list({ query: base, pageSize: 500 })) {
      total++;
      const order = wf.typedSearchAttributes.get(ORDER_ID) ?? '?';
      perOrder.set(order, (perOrder.get(order) ?? 0) + 1);
    }
    const duplicated = [...perOrder].filter(([, n]) => n > 1);
    const mismatched = runs.filter((r) => r.duplicateAnswer !== undefined && r.duplicateAnswer !== r.caseId);
    return [
      check('zero failed workflow executions', bad.count === 0, `${bad.count} failed/timed out/terminated/cancelled of ${total}`),
      check('no duplicate case for any request', duplicated.length === 0 && total === runs.length && mismatched.length === 0,
        `${total} executions for ${runs.length} requests; orders with more than one: ${duplicated.length}; ` +
        `${runs.filter((r) => r.duplicateAnswer !== undefined).length} requests also sent to the other API at once, ${mismatched.length} answered another case`),
    ];
  } finally {
    await connection.close();
  }
}

/** The sandbox ledger: per case exactly the expected refunds, parcels, …; every coupon once per key. */
export async function checkLedger(client: ApiClient, runs: CaseRun[]): Promise<{ checks: Check[]; ledger: Record<string, number>; replays: number }> {
  const entries = (await client.admin('GET', '/ledger')).body.entries as LedgerEntry[];
  const ledger: Record<string, number> = {};
  for (const e of entries) ledger[e.kind] = (ledger[e.kind] ?? 0) + 1;
  const byCase = new Map<string, LedgerEntry[]>();
  for (const e of entries) if (e.caseId) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const wrong: string[] = [];
  for (const run of runs) {
    const mine = byCase.get(run.caseId!) ?? [];
    for (const [kind, n] of Object.entries(run.kind.expected.ledger)) {
      const got = mine.filter((e) => e.kind === kind).length;
      if (got !== n) wrong.push(`${run.caseId} ${kind}: ${got}, expected ${n}`);
    }
    const coupons = mine.filter((e) => e.kind === 'coupon').map((e) => e.key);
    if (new Set(coupons).size !== coupons.length) wrong.push(`${run.caseId}: a coupon key twice`);
  }
  const keys = entries.map((e) => e.key);
  return {
    ledger,
    replays: entries.reduce((n, e) => n + e.replays, 0),
    checks: [
      check('ledger: every refund, parcel and coupon exactly once per idempotency key', wrong.length === 0 && new Set(keys).size === keys.length,
        wrong.length ? wrong.slice(0, 10).join('; ') : `${entries.length} entries, ${new Set(keys).size} distinct keys; per case as expected for ${runs.length} cases`),
    ],
  };
}

/**
 * A case shows closed before its run ends: a customer message it left aside may still be resending
 * through a notifications outage (10 minutes, then 30, …). Waits (bounded) until the open case runs
 * are exactly those the API shows in needs_attention, and returns the workflow ids still open then.
 */
export async function awaitRunsEnded(address: string, namespace: string, held: Set<string>, timeoutMs: number, say: (line: string) => void): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    const query = `WorkflowType = "${CASE_WORKFLOW_TYPE}" AND ExecutionStatus = "Running"`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open: string[] = [];
      for await (const wf of client.workflow.list({ query, pageSize: 500 })) open.push(wf.workflowId);
      const finishing = open.filter((id) => !held.has(id));
      if (finishing.length === 0 || Date.now() >= deadline) return open;
      say(`waiting for ${finishing.length} run(s) of cases shown closed to end (work aside, e.g. a message resending)…`);
      await new Promise((r) => setTimeout(r, 5_000));
    }
  } finally {
    await connection.close();
  }
}

/** PostgreSQL's own tables hold the histories (spread over the shards) and the visibility rows. */
export function checkPostgres(pg: Postgres, runs: CaseRun[], open: string[], held: Set<string>): { checks: Check[]; tables: Record<string, unknown> } {
  const shards = pg.query('temporal', 'SELECT shard_id, count(*) FROM executions GROUP BY shard_id ORDER BY shard_id').map((l) => l.split('\t').map(Number));
  const [nodes, trees] = pg.query('temporal', 'SELECT count(*), count(DISTINCT tree_id) FROM history_node')[0]!.split('\t').map(Number);
  const visibility = Object.fromEntries(
    pg.query('temporal_visibility', `SELECT status, count(*) FROM executions_visibility WHERE workflow_type_name = '${CASE_WORKFLOW_TYPE}' GROUP BY status`).map((l) => l.split('\t')),
  );
  const completed = Number(visibility['2'] ?? 0); // WorkflowExecutionStatus COMPLETED
  // Runs still open: the cases held in needs_attention, and closed cases still finishing work aside (a resend).
  const finishing = open.filter((id) => !held.has(id)).length;
  const tables = { executionsPerShard: Object.fromEntries(shards.map(([s, n]) => [`shard ${s}`, n])), historyNodes: nodes, historyTrees: trees, visibilityByStatus: visibility };
  return {
    tables,
    checks: [
      check('PostgreSQL holds the histories', shards.length > 1 && (trees ?? 0) >= runs.length && completed + open.length >= runs.length,
        `executions on ${shards.length} shards (${shards.map(([s, n]) => `${s}:${n}`).join(' ')}), ${nodes} history nodes in ${trees} trees, ${completed} completed in executions_visibility, ${open.length - finishing} open in needs_attention, ${finishing} of closed cases still finishing work aside`),
    ],
  };
}

/** GET /v1/cases?status=closed&region=… on each API process answers exactly the cases of that region. */
export async function checkListFilters(client: ApiClient, runs: CaseRun[]): Promise<Check[]> {
  const regions = [...new Set(CASE_KINDS.map((k) => k.expected.region))];
  const out: Check[] = [];
  for (const [api, region] of regions.map((r, i) => [i % 2, r] as const)) {
    const listed = new Set((await listAll(client, api, `status=closed&region=${region}`)).map((i) => i.caseId));
    const expected = runs.filter((r) => r.kind.expected.region === region).map((r) => r.caseId!);
    const ok = listed.size === expected.length && expected.every((id) => listed.has(id));
    out.push(check(`visibility answers GET /v1/cases?status=closed&region=${region} (API ${api + 1})`, ok, `${listed.size} listed, ${expected.length} expected`));
  }
  const byResolution = (await listAll(client, 0, 'status=closed&resolution=reship')).length;
  const reships = runs.filter((r) => r.kind.expected.resolution === 'reship').length;
  out.push(check('visibility answers GET /v1/cases?status=closed&resolution=reship', byResolution === reships, `${byResolution} listed, ${reships} expected`));
  return out;
}
