/**
 * `npm start`: the whole stack on its embedded default, in one process tree.
 *
 *   Temporal dev server (SQLite in AFTERCASE_DATA_DIR, Web UI) → sandbox of the external systems
 *   → case worker → REST API. Ctrl-C stops them in reverse order and leaves nothing running.
 *
 * With TEMPORAL_ADDRESS (or a temporal.toml profile) set, no dev server is started: the worker and
 * API use that cluster. With AFTERCASE_SYSTEMS_URL set, no sandbox is started.
 *
 * The dev server cannot outlive the launcher, even a `kill -9` of it, and a start never reports
 * ready against a dev server it did not start: see src/temporal/dev-server.ts.
 */
import type { Server } from 'node:http';
import path from 'node:path';
import { createActivities } from './activities';
import { createApp } from './api/app';
import { uiOrigins } from './api/codec/router';
import { launcherDataConverter } from './codec';
import { loadConfig, systemBaseUrls } from './config';
import { componentLog, createLogger } from './observability/logger';
import { explainStartError, workerMetricsBindAddress } from './observability/worker-metrics';
import { startSandbox, type RunningSandbox } from './sandbox/server';
import { connectClient, connectWorker } from './temporal/connection';
import { startDevServer, type RunningDevServer } from './temporal/dev-server';
import { registerSearchAttributes } from './temporal/search-attributes';
import { createCaseWorker, installRuntime } from './worker';

/** The launcher's lines: the one pino format (JSON lines; pretty in a terminal), component "launcher". */
const launcherLog = componentLog('launcher');
function say(line: string): void {
  launcherLog(line);
}

/** What has started so far, stopped last-in first-out on Ctrl-C or on a failed start. */
const stops: Array<[string, () => Promise<void>]> = [];
let stopping = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${reason}: shutting down…`);
  for (const [name, stop] of stops.reverse()) {
    await stop().catch((err) => say(`${name} did not stop cleanly: ${(err as Error).message}`));
    say(`${name} stopped`);
  }
  process.exit(exitCode);
}

/** The worker metrics address, once known, to explain a start that failed on it. */
let metricsAddress: string | undefined;

async function main(): Promise<void> {
  const config = loadConfig();
  const host = config.AFTERCASE_HOST;
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  const workerMetrics = workerMetricsBindAddress(config.AFTERCASE_WORKER_METRICS_PORT, host);
  metricsAddress = workerMetrics;
  installRuntime('INFO', { metricsBindAddress: workerMetrics });
  const codec = launcherDataConverter(config, config.AFTERCASE_DATA_DIR);

  let devServer: RunningDevServer | undefined;
  let address: string | undefined;
  if (!config.temporalConfigured) {
    // `npm start` provisions the CLI (scripts/provision.js) and passes it in TEMPORAL_CLI_PATH.
    if (!config.TEMPORAL_CLI_PATH) throw new Error('no Temporal CLI: run `npm start` (it provisions one) or set TEMPORAL_CLI_PATH');
    const dbFile = path.join(config.AFTERCASE_DATA_DIR, 'temporal.db');
    say(`starting the Temporal dev server (SQLite ${dbFile})…`);
    devServer = await startDevServer({
      cliPath: config.TEMPORAL_CLI_PATH,
      dbFile,
      ip: host,
      port: config.AFTERCASE_TEMPORAL_PORT,
      uiPort: config.AFTERCASE_TEMPORAL_UI_PORT,
      namespace: config.temporal.namespace ?? 'default',
      say,
      codecEndpoint: `http://${host}:${config.AFTERCASE_API_PORT}/codec`,
    });
    stops.push(['Temporal dev server', () => devServer!.stop()]);
    // A dev server gone while the stack runs (killed from outside) leaves nothing to serve: say so
    // and stop the rest, rather than answer unready with every port held.
    devServer.process.once('exit', (code, signal) => {
      if (stopping) return;
      createLogger({ stderr: true, base: { component: 'launcher' } }).error(`the Temporal dev server exited (code ${code}, signal ${signal}) while the stack ran: stopping the stack`);
      void shutdown('Temporal dev server gone', 1);
    });
    address = devServer.address;
  }
  const { client, connection, target } = await connectClient(config.temporal, address ? { address } : {}, codec);
  stops.push(['Temporal client', () => connection.close()]);
  // The dev server registers them from flags on a new database; this covers older databases and
  // other clusters (where it needs operator rights and is skipped with a note if refused).
  await registerSearchAttributes(connection, target.namespace).catch((err) =>
    say(`could not register search attributes (${(err as Error).message}); register them as the README says`),
  );

  const apiUrl = `http://${host}:${config.AFTERCASE_API_PORT}`;
  let sandbox: RunningSandbox | undefined;
  if (!config.AFTERCASE_SYSTEMS_URL) {
    sandbox = await startSandbox({
      port: config.AFTERCASE_SANDBOX_PORT,
      host,
      webhookUrl: `${apiUrl}/v1/webhooks/carriers`,
      webhookSecret: config.webhookSecret,
      autoAdvanceMs: 5_000,
      log: componentLog('sandbox'),
      // Orders, stock, ledger, idempotency records and faults survive a restart (POST /admin/reset starts afresh).
      dataFile: path.join(config.AFTERCASE_DATA_DIR, 'sandbox.db'),
    });
    stops.push(['sandbox', () => sandbox!.close()]);
  }

  say('bundling the workflow code and starting the worker…');
  const { connection: workerConnection } = await connectWorker(config.temporal, { address: target.address, namespace: target.namespace });
  const worker = await createCaseWorker({
    connection: workerConnection,
    namespace: target.namespace,
    dataConverter: codec.dataConverter,
    activities: createActivities({
      baseUrls: systemBaseUrls(config, sandbox?.url),
      timeoutMs: config.AFTERCASE_HTTP_TIMEOUT_MS,
    }),
    stickyTimeoutSeconds: config.AFTERCASE_STICKY_TIMEOUT_S,
  });
  const running = worker.run();
  stops.push(['worker', async () => {
    // The SDK's runtime stops workers itself on SIGINT/SIGTERM; shut down only one still running.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await workerConnection.close();
  }]);

  const app = createApp({
    client,
    namespace: target.namespace,
    apiKeys: config.apiKeys,
    webhookSecret: config.webhookSecret,
    policyVersion: config.AFTERCASE_POLICY_VERSION,
    codecServer: { uiOrigins: uiOrigins(host, config.AFTERCASE_TEMPORAL_UI_PORT) },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.AFTERCASE_API_PORT, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  stops.push(['API', () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  })]);

  say('ready:');
  say(`  API            ${apiUrl}   (health: ${apiUrl}/readyz, reference: ${apiUrl}/docs)`);
  say(`  Temporal UI    ${devServer ? devServer.uiUrl : '(the cluster’s own UI)'}`);
  say(`  Temporal       ${target.address} namespace ${target.namespace}`);
  say(`  payloads       ${codec.describe}; the UI decodes them through ${apiUrl}/codec`);
  say(`  metrics        ${apiUrl}/metrics (API)${workerMetrics ? `, http://${workerMetrics}/metrics (worker)` : ''}`);
  say(`  sandbox        ${sandbox ? sandbox.url : config.AFTERCASE_SYSTEMS_URL}`);
  if (config.apiKeys.source === 'development') say('  API key        dev-service-key (development keys; set AFTERCASE_API_KEYS in production)');
  say('Ctrl-C stops everything.');
}

main().catch((err: unknown) => {
  createLogger({ stderr: true, base: { component: 'launcher' } }).fatal(`failed to start: ${explainStartError(err, metricsAddress)}`);
  void shutdown('start failed', 1);
});
