/**
 * The case worker: polls the case task queue, runs the case workflow and the activities that call
 * the merchant's systems. `npm run worker` runs it alone against any Temporal (see README).
 */
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import type { AfterSalesActivities } from './activities/types';
import { CASE_HISTOGRAM_BUCKETS } from './observability/case-metrics';
import { COVERAGE_HORIZON_DAYS, uncoveredHorizons } from './policy/calendar/horizon';
import { rootLogger } from './observability/logger';
import { caseBundleOptions } from './workflow-bundle';
import { STICKY_TIMEOUT_SECONDS } from './worker-settings';
import { CASE_TASK_QUEUE } from './workflows/case/contract';

let workerLogger: ReturnType<typeof rootLogger> | undefined;
const workerLog = () => (workerLogger ??= rootLogger().child({ component: 'worker' }));

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: AfterSalesActivities;
  taskQueue?: string;
  /** A pre-built bundle (tests, replay); otherwise the workflow code is bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /**
   * The payload codec (src/codec); it must match the clients' or the worker cannot read what they
   * start. Codecs run outside the workflow sandbox, so the bundle is the same with or without.
   */
  dataConverter?: DataConverter;
  /** How long a workflow task may wait on this worker's sticky queue; default STICKY_TIMEOUT_SECONDS. */
  stickyTimeoutSeconds?: number;
}

let runtimeInstalled = false;
/**
 * Quiets the SDK's logs to warnings and, given `metricsBindAddress` (`host:port`, see
 * src/observability/worker-metrics.ts), serves the runtime's Prometheus metrics at
 * http://<address>/metrics: counters end in `_total`, durations are in seconds with the unit in
 * the name (Prometheus conventions). Must run before the first worker or native connection.
 */
export function installRuntime(level: 'WARN' | 'INFO' = 'WARN', opts: { metricsBindAddress?: string } = {}): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    // The SDK's own log lines (worker, activities, workflow logger) in the one pino format.
    logger: new DefaultLogger(level, ({ level: at, message, meta }) => workerLog()[at.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error'](meta ?? {}, message)),
    telemetryOptions: {
      // Core's own log lines (e.g. capability notes from test servers) only when they are errors.
      logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} },
      ...(opts.metricsBindAddress && {
        metrics: {
          prometheus: {
            bindAddress: opts.metricsBindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true,
            histogramBucketOverrides: CASE_HISTOGRAM_BUCKETS, // the case KPIs' minutes-to-days buckets
          },
        },
      }),
    },
  });
}

/** The case worker's options: its queue, activities, bundle (or the path to bundle) and sticky timeout. */
export function caseWorkerOptions(opts: CaseWorkerOptions): WorkerOptions {
  const { workflowsPath, preloadModules } = caseBundleOptions();
  return {
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? CASE_TASK_QUEUE,
    activities: opts.activities,
    stickyQueueScheduleToStartTimeout: `${opts.stickyTimeoutSeconds ?? STICKY_TIMEOUT_SECONDS}s`,
    ...(opts.dataConverter && { dataConverter: opts.dataConverter }),
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : { workflowsPath, bundlerOptions: { preloadModules } }),
  };
}

export async function createCaseWorker(opts: CaseWorkerOptions): Promise<Worker> {
  // Loading the policies: a holiday snapshot that ends inside the clocks' horizon is said out loud
  // (cases meeting the gap fall back visibly to wall-clock time; refresh: npm run snapshot-holidays).
  for (const gap of uncoveredHorizons(Date.now())) {
    workerLog().warn({ policyVersion: gap.policyVersion, horizonDays: COVERAGE_HORIZON_DAYS }, `working calendars: ${gap.message}`);
  }
  return Worker.create(caseWorkerOptions(opts));
}
