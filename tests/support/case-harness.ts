/**
 * A harness for workflow tests: one time-skipping server per test file, a worker on the bundled
 * workflow code with fake activities, and helpers to open a case and read its view.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
// The same Duration parser the SDK uses (@temporalio/common depends on it), without its lib/ internals.
import ms, { type StringValue } from 'ms';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { OrderSnapshot } from '../../src/domain/types';
import { WALL_CLOCK_POLICY_VERSION } from '../../src/policy';
import { caseViewQuery, caseWorkflowId, type CaseStatus, type CaseView, type OpenCaseInput } from '../../src/workflows/case/contract';
import type { afterSalesCase } from '../../src/workflows/case/workflow';
import { fakeActivities, newWorld, type FakeWorld } from './fake-activities';
import { isSettled, nextTimerDueAt, untilSettled } from './settle';
import { testDataConverter } from './codec';
import { createTimeSkippingEnv, workflowBundle, type EnvOptions } from './temporal';

export type CaseHandle = WorkflowHandle<typeof afterSalesCase>;

/** A Duration (ms, or a string such as '10 minutes') in milliseconds, as the SDK reads it. */
const durationMs = (d: Duration): number => (typeof d === 'number' ? d : ms(d as StringValue));

/**
 * A timer due this soon after a skip lands is skipped past too: longer than a workflow task takes on
 * a loaded machine, far shorter than any wait the case workflow makes.
 */
const TIMER_GUARD_MS = 10_000;
const MAX_GUARD_SKIPS = 10;
/** How often a skip checks that the server's clock is really skipping, not crawling at wall speed. */
const LOCK_CHECK_MS = 2_000;
const MAX_LEAK_RELEASES = 3;
/** How many lock checks in a row must see the clock crawl before a lock is taken for leaked. */
const CRAWL_CHECKS = 5;

export class CaseHarness {
  private open_: CaseHandle[] = [];
  private readonly workers: Worker[] = [];
  private readonly rawSleep: (ms: Duration) => Promise<void>;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly taskQueue: string,
    private readonly codec: boolean,
  ) {
    // Every skip in a test goes through `sleep` below, `h.env.sleep(...)` included.
    this.rawSleep = env.sleep;
    env.sleep = (duration) => this.sleep(duration);
  }

  /** Payloads are encrypted with the test key unless `codec: false` (recording stored histories). */
  static async start(opts: EnvOptions = {}): Promise<CaseHarness> {
    return new CaseHarness(await createTimeSkippingEnv(opts), `cases-${randomUUID()}`, opts.codec !== false);
  }

  /**
   * Skips `duration` of server time, leaving the open cases settled and with no timer about to fire.
   *
   * Why: the time-skipping server refuses a workflow task that cancels a timer which fired while
   * the task was with the worker ("invalid history builder state for action",
   * temporalio/sdk-java#3088) and never retries it, so the case hangs. That happens when an update
   * (say, an acknowledgement that cancels the SLA timer) races a timer, or when a skip starts while
   * a case is still starting its timers. So the skip waits for the cases to settle (no workflow task
   * or activity outstanding) before and after, and goes on past any timer due within
   * TIMER_GUARD_MS of where it lands. A test therefore cannot assert that a timer has not fired
   * when it is due less than 10 s after the skip lands; none needs to.
   */
  async sleep(duration: Duration): Promise<void> {
    await this.settle();
    await this.advance(durationMs(duration));
    for (let extra = 0; ; extra++) {
      await this.settle();
      const now = await this.now();
      const due = (await Promise.all(this.open_.map((hd) => nextTimerDueAt(hd)))).filter((d): d is number => d !== undefined);
      const dueIn = due.length ? Math.min(...due) - now : undefined;
      if (dueIn === undefined || dueIn > TIMER_GUARD_MS) return;
      if (extra >= MAX_GUARD_SKIPS) throw new Error(`a case keeps re-arming a timer due within ${TIMER_GUARD_MS} ms of every skip`);
      await this.advance(Math.max(dueIn, 0) + 1);
    }
  }

  /**
   * One skip of the server's clock, watched: the time-skipping server stops skipping while anything
   * holds its time-skipping lock (a workflow task, an activity, a query in flight), and it now and
   * then leaks such a lock when a case closes or is terminated mid-task. Time then only passes at
   * wall speed, so a skip of days never ends. When the clock crawls while every open case is
   * settled (nothing can hold the lock rightfully), the leaked lock is released once, with a note.
   */
  private async advance(ms: number): Promise<void> {
    const from = await this.now();
    const started = Date.now();
    let done = false;
    const skipping = this.rawSleep(ms).finally(() => {
      done = true;
    });
    for (let released = 0, crawls = 0; !done; ) {
      const checkFrom = await this.now();
      await Promise.race([skipping, new Promise((r) => setTimeout(r, LOCK_CHECK_MS))]);
      if (done) break;
      const now = await this.now();
      const skipped = now - from;
      // Crawling this check: the clock moved no faster than the wall. Under a loaded CPU the server
      // can lag for a check or two while it rightly holds the lock (a task it has not yet shown in
      // the history); releasing then unbalances its lock count for the rest of the file, time skips
      // under a running workflow task, and the case hangs (sdk-java#3088). So only a crawl that
      // lasts CRAWL_CHECKS checks in a row, with every case settled each time, counts as a leak.
      crawls = now - checkFrom < LOCK_CHECK_MS * 1.5 && (await this.allSettled()) ? crawls + 1 : 0;
      if (crawls < CRAWL_CHECKS) continue;
      crawls = 0;
      if (released >= MAX_LEAK_RELEASES) throw new Error(`time skipping stays locked after ${released} releases; the test server is stuck`);
      released += 1;
      process.stderr.write(`[case-harness] the test server's clock crawls (${skipped} ms in ${Date.now() - started} ms) with every case settled: releasing a leaked time-skipping lock\n`);
      await this.env.connection.testService!.unlockTimeSkipping({});
    }
    await skipping;
  }

  private async allSettled(): Promise<boolean> {
    return (await Promise.all(this.open_.map((hd) => isSettled(hd)))).every(Boolean);
  }

  /** Waits until no open case has a workflow task or an activity outstanding. */
  async settle(): Promise<void> {
    await Promise.all(this.open_.map((hd) => untilSettled(hd)));
  }

  /**
   * Skips server time in steps of `step` until the case reaches `status`, at most `max` in all, and
   * returns its view. For paths whose server time is not one fixed figure (retries of several
   * failing calls, each up to its own bound); a case that never gets there fails with its status.
   */
  async skipUntil(handle: CaseHandle, status: CaseStatus, step: Duration = '10 minutes', max: Duration = '3 hours'): Promise<CaseView> {
    for (let skipped = 0; ; skipped += durationMs(step)) {
      const v = await view(handle);
      if (v.status === status) {
        if (skipped > 0) process.stderr.write(`[case-harness] ${handle.workflowId} reached ${status} after ${skipped / 60_000} more minutes\n`);
        return v;
      }
      if (skipped >= durationMs(max)) throw new Error(`case still ${v.status} after ${skipped / 60_000} more minutes; expected ${status}`);
      await this.sleep(step);
    }
  }

  /** The server's clock (advances when time is skipped). */
  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  async worker(world: FakeWorld): Promise<Worker> {
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: workflowBundle(),
      activities: fakeActivities(world),
      ...(this.codec && { dataConverter: testDataConverter }),
    });
    this.workers.push(worker);
    return worker;
  }

  /**
   * Runs `fn` with a worker for `world`. When `fn` settles, the cases it left open are terminated
   * (their timers would otherwise fire with no worker and stall time skipping, which is global to
   * the test server), and only then does the worker stop. Each case is first let settle, while its
   * worker still runs: the test server leaks its time-skipping lock when a case is terminated with
   * a workflow task outstanding, and a leaked lock makes every later skip in the file crawl at wall
   * speed (seen failing CI on 4 Dec).
   */
  async run<T>(world: FakeWorld, fn: () => Promise<T>): Promise<T> {
    const worker = await this.worker(world);
    try {
      return await worker.runUntil(async () => {
        try {
          return await fn();
        } finally {
          await this.closeOpenCases();
        }
      });
    } finally {
      // Reached without the inner finally only when the worker itself failed.
      await this.closeOpenCases(false);
    }
  }

  private async closeOpenCases(settleFirst = true): Promise<void> {
    const handles = this.open_.splice(0);
    if (settleFirst) await Promise.all(handles.map((hd) => untilSettled(hd).catch(() => undefined)));
    await Promise.all(handles.map((hd) => hd.terminate('test finished').catch(() => undefined)));
  }

  async open(overrides: Partial<OpenCaseInput> & Pick<OpenCaseInput, 'orderId' | 'caseType' | 'items'>, memo?: Record<string, unknown>): Promise<CaseHandle> {
    const caseId = `T-${randomUUID().slice(0, 8)}`;
    const input: OpenCaseInput = {
      caseId,
      channel: 'app',
      urgency: 'normal',
      evidence: [],
      // The state machine's tests run on wall-clock desks so their real durations do not depend on the
      // hour they run at; working calendars (CURRENT_POLICY_VERSION) have their own tests at fixed instants.
      policyVersion: WALL_CLOCK_POLICY_VERSION,
      openedAt: new Date(await this.now()).toISOString(),
      ...overrides,
    };
    const handle = (await this.env.client.workflow.start('afterSalesCase', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.taskQueue,
      args: [input],
      ...(memo && { memo }),
    })) as CaseHandle;
    this.open_.push(handle);
    return handle;
  }

  /**
   * Stops the server. A worker still running (its test timed out) is shut down first: the
   * connection cannot close while a worker holds it, and the server would be left running.
   */
  async teardown(): Promise<void> {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await Promise.all(this.workers.map((w) => untilStopped(w)));
    await this.env?.teardown();
  }
}

export async function view(handle: CaseHandle): Promise<CaseView> {
  return handle.query(caseViewQuery);
}

/**
 * Polls the view (real time) until the case reaches `status`; the workflow runs meanwhile. The bound
 * is generous because a full `npm test` on two cores can hold an activity for many seconds (CI saw a
 * refund take longer than 15 s); it costs nothing when the case gets there sooner.
 */
export async function reach(handle: CaseHandle, status: CaseStatus, timeoutMs = 60_000): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await view(handle);
    if (v.status === status) return v;
    if (Date.now() > deadline) throw new Error(`case stuck in ${v.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves when the worker has stopped (or never ran). */
async function untilStopped(worker: Worker): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!['STOPPED', 'FAILED', 'INITIALIZED'].includes(worker.getState()) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { newWorld };
export type { OrderSnapshot };

/**
 * The one set-up every workflow test file shares: a harness started before the file's tests and torn
 * down after them (with `eachTest`, before and after each test). Call at the top level of a test
 * file; the returned harness forwards to the one started (use it only inside tests and hooks).
 */
export function useCaseHarness(opts: EnvOptions & { eachTest?: boolean } = {}): CaseHarness {
  let started: CaseHarness | undefined;
  // `eachTest`: a fresh server per test, so a test does not depend on the clock or the leftovers of
  // the ones before it and can be retried alone (jest.retryTimes).
  const [before, after] = opts.eachTest ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    started = await CaseHarness.start(opts);
  });
  after(async () => {
    const harness = started;
    started = undefined;
    await harness?.teardown();
  });
  return new Proxy({} as CaseHarness, {
    get(_target, name) {
      if (!started) throw new Error(`the case harness is used before it started (reading ${String(name)})`);
      const value: unknown = Reflect.get(started, name, started);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(started) : value;
    },
  });
}
