/**
 * `npm run test:chaos`: the production topology (src/temporal/prod/stack.ts: Temporal 1.29.1 on
 * PostgreSQL, two workers, two API processes, the sandbox) under load and disruption, bounded in time.
 *
 *   1. a fresh stack in .data/chaos; 200 cases of four kinds opened through both API processes (every
 *      5th request sent to both at once), driven to closed over HTTP as people would;
 *   2. meanwhile (tests/chaos/disruptions.ts): external faults, a worker SIGKILLed and replaced, the
 *      Temporal server SIGKILLed and restarted, PostgreSQL stopped and restarted, faults lifted;
 *   3. then the checks (tests/chaos/checks.ts) and the same case on the dev server's embedded default
 *      with only settings changed (tests/chaos/same-code.ts).
 *
 * Prints progress and figures, writes them to .data/chaos/results.json, exits 1 if a check failed.
 * Settings: CHAOS_CASES (default 200), AFTERCASE_CHAOS_BASE_PORT (default 17300; +0 … +40, and
 * +50 … +53 for the embedded default), CHAOS_DEADLINE_S (default 330: cases must close within it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { encryptingDataConverter, parseCodecKeys } from '../../src/codec';
import { prodLayout } from '../../src/temporal/prod/layout';
import { findPostgresBin, Postgres } from '../../src/temporal/prod/postgres';
import { ProdStack, type ProdBinaries } from '../../src/temporal/prod/stack';
import { ApiClient } from './api-client';
import { CarrierResend } from './carrier-resend';
import { awaitRunsEnded, checkExecutions, checkLedger, checkListFilters, checkOutcomes, checkPostgres, type Check } from './checks';
import { runDisruptions, type Disruption } from './disruptions';
import { drivePass, inParallel, openCase, planCases, type CaseRun } from './driver';
import { CASE_KINDS, orderBody } from './kinds';
import { sameCodeOnEmbeddedDefault } from './same-code';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveProdBinaries } = require('../../scripts/provision-server.js') as { resolveProdBinaries(): ProdBinaries };

const ROOT = path.resolve(__dirname, '../..');
const CASES = Number(process.env.CHAOS_CASES ?? 200);
const BASE_PORT = Number(process.env.AFTERCASE_CHAOS_BASE_PORT ?? 17300);
const DEADLINE_S = Number(process.env.CHAOS_DEADLINE_S ?? 330);
const t0 = Date.now();
const say = (line: string) => process.stdout.write(`[chaos ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${line}\n`);

async function main(): Promise<number> {
  const layout = prodLayout({ basePort: BASE_PORT, dataDir: path.join(ROOT, '.data', 'chaos') });
  // A fresh cluster every run: stop a PostgreSQL a crashed earlier run left behind, then wipe.
  const leftover = new Postgres(findPostgresBin(), { dataDir: layout.pgDataDir, host: layout.host, port: layout.ports.postgres, user: 'temporal', password: 'temporal' });
  leftover.stop();
  if (leftover.dataDir !== layout.pgDataDir) fs.rmSync(path.dirname(leftover.dataDir), { recursive: true, force: true });
  fs.rmSync(layout.dataDir, { recursive: true, force: true });
  fs.mkdirSync(layout.dataDir, { recursive: true });

  const stack = ProdStack.create({ binaries: resolveProdBinaries(), layout, say, autoAdvanceMs: 5_000 });
  const stopStack = () => stack.stop(say);
  process.once('SIGINT', () => void stopStack().then(() => process.exit(130)));
  // Whatever goes wrong, never leave the stack running.
  process.once('uncaughtException', (err) => {
    say(`uncaught: ${err.stack ?? err.message}`);
    void stopStack().then(() => process.exit(1));
  });
  await stack.start();
  try {
    return await run(stack, layout.frontendAddress, layout.namespace, layout.dataDir);
  } finally {
    say('stopping the stack…');
    await stopStack();
  }
}

async function run(stack: ProdStack, address: string, namespace: string, dataDir: string): Promise<number> {
  const stackReadyS = Math.round((Date.now() - t0) / 1000);
  const client = new ApiClient(stack.apiUrls, stack.sandbox!.url);
  for (const sku of [...new Set(CASE_KINDS.map((k) => k.order.sku)), 'SKU-GIFT-TOWEL']) await client.admin('PUT', '/stock', { sku, quantity: 10_000 });
  const runs = planCases(CASES);
  for (const r of runs) await client.admin('POST', '/orders', orderBody(r.orderId, r.kind, Date.now()));
  say(`stack ready in ${stackReadyS} s; ${CASES} orders created; opening ${CASES} cases through ${stack.apiUrls.length} API processes under chaos…`);

  const started = Date.now();
  const byId = new Map<string, CaseRun>();
  const resend = new CarrierResend(20_000);
  const chaos = runDisruptions(stack, client, started, say);
  const faults = { lifted: false };
  void chaos.then(() => (faults.lifted = true), () => undefined);
  const opening = inParallel(runs, 8, async (r) => {
    await openCase(client, r, 5);
    byId.set(r.caseId!, r);
  });
  const progress = setInterval(() => {
    const closed = runs.filter((r) => r.closedAt).length;
    say(`progress: ${byId.size}/${CASES} opened, ${runs.filter((r) => r.acknowledged).length} acknowledged, ${runs.filter((r) => r.surveyed).length} surveyed, ${closed} closed; API retries ${client.retries}`);
  }, 10_000);
  let disruptions: Disruption[] = [];
  try {
    const [, done] = await Promise.all([opening, chaos.then((d) => (disruptions = d)), driveUntilClosed(client, byId, runs, started, resend, faults)]);
    void done;
  } finally {
    clearInterval(progress);
  }
  const openedIn = Math.max(...runs.map((r) => (r.openedAt ?? started) - started));
  const opsRetried = runs.filter((r) => r.opsRetries > 0);
  if (opsRetried.length) say(`ops retried ${opsRetried.length} step(s) held in needs_attention by the outage once the faults were lifted: ${opsRetried.map((r) => r.caseId).join(', ')}`);
  say(`all ${runs.filter((r) => r.closedAt).length}/${CASES} closed after ${Math.round((Date.now() - started) / 1000)} s; checking…`);

  const outcomes = await checkOutcomes(client, runs);
  const ledger = await checkLedger(client, runs);
  const open = await awaitRunsEnded(address, namespace, outcomes.held, 180_000, say);
  const finishing = open.filter((id) => !outcomes.held.has(id));
  if (finishing.length) say(`${finishing.length} run(s) of cases shown closed still finishing work aside after 180 s: ${finishing.slice(0, 5).join(', ')}`);
  const pg = checkPostgres(stack.postgres, runs, open, outcomes.held);
  const checks: Check[] = [
    ...outcomes.checks,
    ...(await checkExecutions(address, namespace, runs, encryptingDataConverter(parseCodecKeys(stack.clientEnv().AFTERCASE_CODEC_KEYS!)))),
    ...ledger.checks,
    ...pg.checks,
    ...(await checkListFilters(client, runs)),
  ];
  say('the same case on the dev server embedded default, only settings changed…');
  const sameCode = await sameCodeOnEmbeddedDefault(BASE_PORT + 70, runs, client, say);
  checks.push(sameCode.check);

  const stats = (await client.admin('GET', '/stats')).body as Record<string, { calls: number; faults: number; timeouts: number }>;
  const closed = runs.filter((r) => r.closedAt !== undefined && r.openedAt !== undefined);
  const slowest = closed.reduce<CaseRun | undefined>((a, b) => (!a || b.closedAt! - b.openedAt! > a.closedAt! - a.openedAt! ? b : a), undefined);
  const results = {
    finishedAt: new Date().toISOString(),
    ok: checks.every((c) => c.ok),
    durationSeconds: Math.round((Date.now() - t0) / 1000),
    stackReadySeconds: stackReadyS,
    cases: { total: CASES, byKind: Object.fromEntries(CASE_KINDS.map((k) => [k.name, runs.filter((r) => r.kind === k).length])), openedWithinSeconds: Math.round(openedIn / 1000) },
    disruptions,
    kills: { workersSigkilled: 1, temporalServerSigkilled: 1 },
    restarts: { temporalServer: 1, postgres: 1, replacementWorkers: 1 },
    faults: {
      injected: Object.fromEntries(Object.entries(stats).map(([s, v]) => [s, { calls: v.calls, errors: v.faults, hangs: v.timeouts }])),
      totalErrors: Object.values(stats).reduce((n, v) => n + v.faults, 0),
      totalHangs: Object.values(stats).reduce((n, v) => n + v.timeouts, 0),
      apiCallsRetriedByClient: client.retries,
    },
    outcomes: outcomes.outcomes,
    carrierEventsResent: {
      count: resend.resent.length,
      apiFoundNoCase: resend.resent.filter((e) => e.lost === 'api_found_no_case').length,
      webhookGaveUp: resend.resent.filter((e) => e.lost === 'webhook_gave_up').length,
      why: 'tracking events the carrier had reported that no case took: the API found no case for the number within the carrier’s own retries (503 tracking_number_unknown each time: not yet in visibility), or the webhook gave up while the cluster was down',
      events: resend.resent,
    },
    actionRefusals: runs.flatMap((r) => r.actionRefusals.map((a) => `${r.caseId}: ${a}`)),
    slowestCase: slowest ? { caseId: slowest.caseId, kind: slowest.kind.name, openToClosedSeconds: Math.round((slowest.closedAt! - slowest.openedAt!) / 1000) } : null,
    closedWithinDeadline: closed.length,
    medianOpenToClosedSeconds: median(closed.map((r) => (r.closedAt! - r.openedAt!) / 1000)),
    ledger: { entriesByKind: ledger.ledger, replaysAnsweredFromLedger: ledger.replays },
    postgres: pg.tables,
    sameCode: sameCode.detail,
    checks,
  };
  const out = path.join(dataDir, 'results.json');
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  printFigures(results);
  say(`figures written to ${path.relative(ROOT, out)}`);
  return results.ok ? 0 : 1;
}

/** Drive passes until every case is closed or the deadline passes (the outcome check then fails, naming them). */
async function driveUntilClosed(client: ApiClient, byId: Map<string, CaseRun>, runs: CaseRun[], started: number, resend: CarrierResend, faults: { lifted: boolean }): Promise<void> {
  for (let pass = 0; ; pass++) {
    await drivePass(client, byId, pass, resend, faults.lifted);
    if (byId.size === runs.length && runs.every((r) => r.closedAt)) return;
    if (Date.now() - started > DEADLINE_S * 1000) {
      const open = runs.filter((r) => !r.closedAt);
      say(`DEADLINE: ${open.length} cases not closed within ${DEADLINE_S} s, e.g. ${open.slice(0, 5).map((r) => `${r.caseId ?? r.orderId} (${r.kind.name})`).join(', ')}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- printing the results object
function printFigures(r: any): void {
  say('──────── figures ────────');
  say(`cases ${r.cases.total} (${Object.entries(r.cases.byKind).map(([k, n]) => `${n} ${k}`).join(', ')}), all opened within ${r.cases.openedWithinSeconds} s`);
  say(`kills: ${r.kills.workersSigkilled} worker SIGKILLed (+1 replacement), Temporal server SIGKILLed; restarts: Temporal ${r.restarts.temporalServer}, PostgreSQL ${r.restarts.postgres}`);
  const lost = r.carrierEventsResent;
  say(`carrier events re-sent: ${lost.count} (${lost.apiFoundNoCase} answered 202 but no case found in visibility, ${lost.webhookGaveUp} webhook gave up during the outage)`);
  say(`faults: ${r.faults.totalErrors} injected errors and ${r.faults.totalHangs} hangs from the sandbox; ${r.faults.apiCallsRetriedByClient} API calls retried by the client`);
  say(`outcomes: ${Object.entries(r.outcomes).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  if (r.slowestCase) say(`slowest case ${r.slowestCase.caseId} (${r.slowestCase.kind}) ${r.slowestCase.openToClosedSeconds} s open→closed; median ${r.medianOpenToClosedSeconds} s`);
  say(`ledger: ${Object.entries(r.ledger.entriesByKind).map(([k, n]) => `${n} ${k}`).join(', ')}; ${r.ledger.replaysAnsweredFromLedger} retried calls answered from the ledger`);
  say(`postgres: ${JSON.stringify(r.postgres)}`);
  for (const c of r.checks) say(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  say(`${r.ok ? 'GREEN' : 'RED'} in ${r.durationSeconds} s`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[chaos] failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
