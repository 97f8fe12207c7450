/**
 * One phase's stack, started from nothing and stopped after: a fresh dev server on its own SQLite
 * file (same flags as `npm start`), and as the phase needs them a worker process (case or floor)
 * and the API + sandbox process. Cases left open by one phase can never load the next.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startDevServer, type RunningDevServer } from '../../src/temporal/dev-server';
import { devServersOn } from '../../src/temporal/processes';
import type { ApiChildConfig, ApiChildReply } from './api-child';
import type { Pids } from './cpu';
import { distinctPorts, freePort } from '../../tests/support/ports';
import { sleep } from './measure';
import type { WorkerChildConfig, WorkerChildReply } from './worker-child';

export const CASE_QUEUE = 'bench-cases';
export const FLOOR_QUEUE = 'bench-floor';
const NAMESPACE = 'default';

export interface StackSettings {
  cliPath: string;
  /** Where each phase gets its data directory. */
  workDir: string;
  casePath: string;
  floorPath: string;
  /** First of the ports the dev servers use (two per phase); free ports when absent. */
  portBase?: number;
}

class Child {
  private readonly replies: Array<{ type: string }> = [];
  private readonly exited: Promise<void>;
  constructor(readonly process: ChildProcess, private readonly name: string) {
    process.on('message', (m: { type: string }) => this.replies.push(m));
    this.exited = new Promise((resolve) => process.once('exit', () => resolve()));
  }

  static start(file: string, config: object, logFile: string, name: string): Child {
    const out = fs.openSync(logFile, 'a');
    const child = fork(path.join(__dirname, file), [JSON.stringify(config)], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${name}`] : [])],
      stdio: ['ignore', out, out, 'ipc'],
    });
    fs.closeSync(out);
    return new Child(child, name);
  }

  /** Sends `message` (if any) and waits for the next reply of `type`. */
  async ask<R extends { type: string }>(type: R['type'], message?: object, timeoutMs = 120_000): Promise<R> {
    if (message) this.process.send(message);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.replies.findIndex((r) => r.type === type);
      if (i >= 0) return this.replies.splice(i, 1)[0] as R;
      if (this.process.exitCode !== null) throw new Error(`${this.name} exited (${this.process.exitCode}) before '${type}'; see its log`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer '${type}' in ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    this.process.send({ type: 'stop' });
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export class PhaseStack {
  private readonly workers: Partial<Record<'case' | 'floor', Child>> = {};
  api?: { child: Child; url: string; sandbox: string };

  private constructor(
    readonly name: string,
    readonly dir: string,
    readonly server: RunningDevServer,
    readonly connection: Connection,
    readonly client: Client,
    private readonly settings: StackSettings,
  ) {}

  static async start(name: string, settings: StackSettings, index: number): Promise<PhaseStack> {
    const dir = path.join(settings.workDir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const [port, uiPort] = settings.portBase ? [settings.portBase + 2 * index, settings.portBase + 2 * index + 1] : ((await distinctPorts(2, freePort)) as [number, number]);
    const server = await startDevServer({
      cliPath: settings.cliPath,
      dbFile: path.join(dir, 'temporal.db'),
      ip: '127.0.0.1',
      port,
      uiPort,
      namespace: NAMESPACE,
      logFile: path.join(dir, 'temporal.log'),
    });
    // A busy case's history pages outgrow gRPC's default 4 MiB; the bench reads them whole.
    const connection = await Connection.connect({ address: server.address, channelArgs: { 'grpc.max_receive_message_length': 256 * 2 ** 20 } });
    for (let i = 0; ; i++) {
      const ok = await connection.workflowService.describeNamespace({ namespace: NAMESPACE }).then(() => true, () => false);
      if (ok) break;
      if (i > 100) throw new Error('the dev server never served its namespace');
      await sleep(100);
    }
    return new PhaseStack(name, dir, server, connection, new Client({ connection, namespace: NAMESPACE }), settings);
  }

  /**
   * The dev server's own process (its launcher is a watchdog shell, whose pid would read the
   * shell's 2 MiB): the `temporal server start-dev` on this phase's data file.
   */
  get serverPid(): number | undefined {
    return devServersOn(path.join(this.dir, 'temporal.db'))[0]?.pid;
  }

  async startApi(): Promise<{ url: string; sandbox: string }> {
    const config: ApiChildConfig = { address: this.server.address, namespace: NAMESPACE, taskQueue: CASE_QUEUE };
    const child = Child.start('api-child.ts', config, path.join(this.dir, 'api.log'), 'API process');
    const ready = await child.ask<ApiChildReply>('ready');
    this.api = { child, url: ready.api, sandbox: ready.sandbox };
    return this.api;
  }

  /** The case worker needs the API process first (its activities call the sandbox). */
  async startWorker(kind: 'case' | 'floor'): Promise<void> {
    const config: WorkerChildConfig = {
      kind,
      address: this.server.address,
      namespace: NAMESPACE,
      taskQueue: kind === 'case' ? CASE_QUEUE : FLOOR_QUEUE,
      bundlePath: kind === 'case' ? this.settings.casePath : this.settings.floorPath,
      ...(kind === 'case' && { systemsUrl: this.api!.sandbox }),
    };
    const child = Child.start('worker-child.ts', config, path.join(this.dir, `${kind}-worker.log`), `${kind} worker`);
    this.workers[kind] = child;
    await child.ask('ready');
  }

  /** The API, the case worker after it, and the floor worker at the same time (they start faster together). */
  async startAll(): Promise<{ url: string; sandbox: string }> {
    const [api] = await Promise.all([this.startApi().then(async (a) => (await this.startWorker('case'), a)), this.startWorker('floor')]);
    return api;
  }

  /** The stack's processes by role, and the bench's own (the driver): what the CPU figures are split over. */
  pids(): Pids {
    return {
      server: this.serverPid,
      'api+sandbox': this.api?.child.process.pid,
      'case worker': this.workers.case?.process.pid,
      'floor worker': this.workers.floor?.process.pid,
      driver: process.pid,
    };
  }

  /** The worker's resident and heap memory after a full GC, in MiB. */
  async workerMemory(kind: 'case' | 'floor'): Promise<{ rssMiB: number; heapMiB: number }> {
    return this.workers[kind]!.ask<Extract<WorkerChildReply, { type: 'memory' }>>('memory', { type: 'memory' });
  }

  async stop(keep = false): Promise<void> {
    for (const w of Object.values(this.workers)) await w.stop().catch(() => undefined);
    await this.api?.child.stop().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
    await this.server.stop();
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
