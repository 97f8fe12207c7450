/**
 * Child processes of the production topology: `npm run worker` and `npm run api` started the way an
 * operator would (own process group, environment only), each logging to its own file; plus the
 * polling and stopping helpers the other pieces share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inheritedEnvironment } from '../../config';

const ROOT = path.resolve(__dirname, '../../..');

/** Polls `probe` until it returns true; fails naming what it waited for. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** True while any process of the group `pgid` lives. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Signals a detached child's whole process group (npm and the node it runs), waits until the group
 * is gone, and SIGKILLs whatever is left after `graceMs`.
 */
export async function stopChild(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !groupAlive(pgid)) return;
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* already gone */
    }
  };
  kill(signal);
  await waitUntil(`process group ${pgid} to exit`, async () => !groupAlive(pgid), graceMs, 100).catch(() => kill('SIGKILL'));
  await exited;
  await waitUntil(`process group ${pgid} to exit after SIGKILL`, async () => !groupAlive(pgid), 5_000, 100).catch(() => undefined);
}

export interface ServiceOptions {
  /** e.g. worker-1, api-2, temporal-ui: names the log file. */
  name: string;
  command: string;
  args: string[];
  /** The whole environment besides PATH/HOME-like basics: TEMPORAL_* and AFTERCASE_* of ours are not inherited. */
  env: Record<string, string>;
  logDir: string;
  /** Ready when a line of its output matches, or when the probe says so. */
  ready: RegExp | (() => Promise<boolean>);
}

/** A long-running child in its own process group, output appended to <logDir>/<name>.log. */
export class Service {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output = '';
  readonly logFile: string;

  constructor(readonly opts: ServiceOptions) {
    this.logFile = path.join(opts.logDir, `${opts.name}.log`);
  }

  /** `npm run <script>` from the project root, as an operator runs a worker or an API. */
  static npm(name: string, script: 'worker' | 'api', env: Record<string, string>, logDir: string, ready: RegExp): Service {
    return new Service({ name, command: 'npm', args: ['run', '--silent', script], env, logDir, ready });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    fs.mkdirSync(this.opts.logDir, { recursive: true });
    const log = fs.createWriteStream(this.logFile, { flags: 'a' });
    this.output = '';
    const env = inheritedEnvironment();
    for (const k of Object.keys(env)) if (k.startsWith('TEMPORAL_') || k.startsWith('AFTERCASE_')) delete env[k];
    const child = spawn(this.opts.command, this.opts.args, {
      cwd: ROOT,
      env: { ...env, ...this.opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: the terminal's Ctrl-C reaches only the stack, which stops it in order
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const keep = (d: Buffer) => {
      if (!log.writableEnded) log.write(d);
      if (this.output.length < 64_000) this.output += d.toString();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    // 'close', not 'exit': npm may exit before the node it runs, which still writes to the pipes.
    child.once('close', () => log.end());
    const { ready } = this.opts;
    const probe = ready instanceof RegExp ? async () => ready.test(this.output) : ready;
    await Promise.race([
      waitUntil(`${this.opts.name} to be ready`, probe, timeoutMs),
      this.exited.then(() => {
        throw new Error(`${this.opts.name} exited before it was ready (log: ${this.logFile}):\n${this.output.slice(-2000)}`);
      }),
    ]);
  }

  /** SIGTERM (graceful) or SIGKILL (a crash: nothing finishes, nothing is reported). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', graceMs = 30_000): Promise<void> {
    if (this.child && this.exited) await stopChild(this.child, this.exited, signal, graceMs);
  }
}
