/**
 * How the case worker's workflow code is bundled: one definition for the worker, the production
 * stack, the bench, the test bundle and the history recorder, so every one of them runs (and
 * replays) the same code the same way.
 *
 * Shared modules. In the SDK's reusable V8 context every module a workflow imports is evaluated
 * again for each workflow run, unless it is preloaded: then it is evaluated once per worker, deeply
 * frozen, and shared by every run. The policy (its versions, triage, ladders, and the working
 * calendars' holiday and desk tables) and the message templates hold no state
 * of their own: pure functions over frozen tables. Preloading them spares each new case their load
 * and each parked case its own copy of the tables. Nothing here touches a workflow's history. A
 * module with state of its own (a cache, a counter) must never be listed: its state would be shared
 * by every case. The list is checked by tests/unit/tooling/workflow-bundle.test.ts.
 */
import type { BundleOptions } from '@temporalio/worker';

/** The entry of the case worker's workflow code: every workflow type it runs. */
export const CASE_WORKFLOWS_PATH = require.resolve('./workflows');

/** Pure modules evaluated once per worker and shared by every case (see above). */
export const SHARED_WORKFLOW_MODULES: readonly string[] = [
  require.resolve('./policy'),
  require.resolve('./domain/messages'),
  require.resolve('./activities/failures'),
  require.resolve('./observability/case-metrics'),
];

/** The bundler options of the case workflow code (bundleWorkflowCode, or a Worker's bundlerOptions). */
export function caseBundleOptions(): Pick<BundleOptions, 'workflowsPath' | 'preloadModules'> {
  return { workflowsPath: CASE_WORKFLOWS_PATH, preloadModules: [...SHARED_WORKFLOW_MODULES] };
}
