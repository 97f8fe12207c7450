/**
 * Temporal test environments for the test layers, built on what tests/support/global-setup.js
 * resolved: the time-skipping test server (workflow tests) and the Temporal CLI dev server (API,
 * end-to-end). Each test file starts its own server (or each test: useCaseHarness({ eachTest: true }))
 * and must call `teardown()` after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { devServerExtraArgs } from '../../src/temporal/dev-server';
import { registerSearchAttributes } from '../../src/temporal/search-attributes';
import { installRuntime } from '../../src/worker';
import { CASE_SEARCH_ATTRIBUTES } from '../../src/workflows/case/search-attributes';
import { testDataConverter } from './codec';
import { startAtExecutable } from './start-at';

/** `codec: false` for plain payloads (recording tests/histories); default: the test key encrypts. */
export interface EnvOptions {
  codec?: boolean;
  /** Time-skipping server only: its clock starts at this ISO instant instead of now (see start-at.ts). */
  startAt?: string;
}

function clientOptions(opts: EnvOptions) {
  return opts.codec === false ? {} : { dataConverter: testDataConverter };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (tests/support/global-setup.js)`);
  return value;
}

/** The workflow code bundled once by the global setup. */
export function workflowBundle(): WorkflowBundleOption {
  const codePath = required('AFTERCASE_WORKFLOW_BUNDLE');
  if (!fs.existsSync(codePath)) throw new Error(`workflow bundle missing at ${codePath}`);
  return { codePath };
}

/** A time-skipping environment with the case search attributes registered. */
export async function createTimeSkippingEnv(opts: EnvOptions = {}): Promise<TestWorkflowEnvironment> {
  installRuntime();
  const provisioned = JSON.parse(required('AFTERCASE_TEST_SERVER_EXEC'));
  const executable = opts.startAt ? startAtExecutable(provisioned, opts.startAt) : provisioned;
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, client: clientOptions(opts) });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** A real dev server (the Temporal CLI) on a throw-away SQLite file, as `npm start` runs it. */
export async function createDevServerEnv(opts: EnvOptions = {}): Promise<TestWorkflowEnvironment> {
  installRuntime();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-dev-'));
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: required('AFTERCASE_TEMPORAL_CLI') },
      dbFilename: path.join(dir, 'temporal.db'),
      searchAttributes: [...CASE_SEARCH_ATTRIBUTES],
      extraArgs: devServerExtraArgs(),
    },
    client: clientOptions(opts),
  });
}
