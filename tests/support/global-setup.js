// Runs once per `jest` invocation, before any test file: resolves the Temporal servers (provisioned
// by scripts/provision.js, cached per user) and bundles the workflow code once, so no test file
// pays for a webpack build. Results reach the test workers through environment variables.
// The provisioning script runs as a child process (fast when cached): nothing imports scripts/.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

module.exports = async function globalSetup(globalConfig) {
  const selected = globalConfig.selectProjects;
  const needsServers = !selected || selected.some((p) => p !== 'unit');
  if (!needsServers) return;
  const provision = [path.join(root, 'scripts/provision.js'), '--cli', '--test-server', '--json'];
  // Its progress and errors go to stderr as they come; a failure throws with its exit status.
  const tools = JSON.parse(execFileSync(process.execPath, provision, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }));
  process.env.AFTERCASE_TEMPORAL_CLI = tools.temporalCli;
  process.env.AFTERCASE_TEST_SERVER_EXEC = JSON.stringify(tools.testServer);

  const { bundleWorkflowCode } = require('@temporalio/worker');
  const started = Date.now();
  // The bundle options the worker uses (src/workflow-bundle.ts: its shared, preloaded modules).
  require('ts-node').register({ transpileOnly: true });
  const { caseBundleOptions } = require('../../src/workflow-bundle');
  const { code } = await bundleWorkflowCode({
    ...caseBundleOptions(),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  const out = path.join(root, '.cache', 'workflow-bundle.js');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
  process.env.AFTERCASE_WORKFLOW_BUNDLE = out;
  process.stderr.write(`[global-setup] workflow bundle: ${(code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms\n`);
};
