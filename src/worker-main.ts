/**
 * `npm run worker`: the case worker alone, against a Temporal that is already running
 * (TEMPORAL_ADDRESS etc., see src/temporal/connection.ts) and the merchant's systems at
 * AFTERCASE_SYSTEMS_URL or AFTERCASE_<SYSTEM>_URL. `npm start` runs the whole stack instead.
 *
 * AFTERCASE_TASK_QUEUE overrides the task queue; AFTERCASE_WORKFLOW_BUNDLE names a pre-built
 * workflow bundle (tests), otherwise the workflow code is bundled at start. SIGINT/SIGTERM shut the
 * worker down gracefully (running activities finish first).
 */
import { createActivities } from './activities';
import { launcherDataConverter } from './codec';
import { loadConfig, systemBaseUrls } from './config';
import { componentLog, createLogger } from './observability/logger';
import { explainStartError, workerMetricsBindAddress } from './observability/worker-metrics';
import { connectWorker } from './temporal/connection';
import { createCaseWorker, installRuntime } from './worker';

/** The worker launcher's lines, in the one JSON-lines format (component "worker"). */
const say = componentLog('worker');

/** The worker metrics address, once known, to explain a start that failed on it. */
let metricsAddress: string | undefined;

async function main(): Promise<void> {
  const config = loadConfig();
  const metrics = workerMetricsBindAddress(config.AFTERCASE_WORKER_METRICS_PORT, config.AFTERCASE_HOST);
  metricsAddress = metrics;
  installRuntime('INFO', { metricsBindAddress: metrics });
  const baseUrls = systemBaseUrls(config);
  const codec = launcherDataConverter(config, config.AFTERCASE_DATA_DIR);
  const { connection, target } = await connectWorker(config.temporal);
  const worker = await createCaseWorker({
    connection,
    namespace: target.namespace,
    dataConverter: codec.dataConverter,
    taskQueue: config.AFTERCASE_TASK_QUEUE,
    ...(config.AFTERCASE_WORKFLOW_BUNDLE && { workflowBundle: { codePath: config.AFTERCASE_WORKFLOW_BUNDLE } }),
    activities: createActivities({ baseUrls, timeoutMs: config.AFTERCASE_HTTP_TIMEOUT_MS }),
    stickyTimeoutSeconds: config.AFTERCASE_STICKY_TIMEOUT_S,
  });
  const running = worker.run();
  say(`polling ${worker.options.taskQueue} on ${target.address} (namespace ${target.namespace}); systems at ${new URL(baseUrls.payments).origin}; ${codec.describe}; metrics ${metrics ? `http://${metrics}/metrics` : 'off'}`);
  await running;
  await connection.close();
  say('stopped');
}

main().catch((err: unknown) => {
  createLogger({ stderr: true, base: { component: 'worker' } }).fatal(`failed: ${explainStartError(err, metricsAddress)}`);
  process.exit(1);
});
