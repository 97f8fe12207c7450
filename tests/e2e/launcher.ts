/**
 * `src/start.ts` (what `npm start` runs after provisioning) as a child process on free ports and a
 * data directory of the test's choosing: the launcher's own pid, its output, and its ways to die.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export { freePort, portOpen } from '../support/ports';
import { distinctPorts } from '../support/ports';

export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface StackPorts {
  api: number;
  sandbox: number;
  temporal: number;
  ui: number;
}

export async function stackPorts(): Promise<StackPorts> {
  // Below the ephemeral range: the stack may be restarted on the same ports (restart.test.ts).
  const [api, sandbox, temporal, ui] = (await distinctPorts(4)) as [number, number, number, number];
  return { api, sandbox, temporal, ui };
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-life-'));
}

export interface Launcher {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ready(timeoutMs?: number): Promise<void>;
  api: string;
}

/** Starts the launcher (own session, so signals reach it alone, as Ctrl-C reaches a foreground job's leader). */
export function launch(ports: StackPorts, dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Launcher {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AFTERCASE_API_PORT: String(ports.api),
    AFTERCASE_SANDBOX_PORT: String(ports.sandbox),
    AFTERCASE_TEMPORAL_PORT: String(ports.temporal),
    AFTERCASE_TEMPORAL_UI_PORT: String(ports.ui),
    AFTERCASE_DATA_DIR: dataDir,
    // Concurrent launchers in one test run must not share the worker metrics port.
    AFTERCASE_WORKER_METRICS_PORT: 'off',
    ...extraEnv,
  };
  for (const k of Object.keys(env)) if (k.startsWith('TEMPORAL_')) delete env[k];
  // What `npm start` does before src/start.ts: hand it the provisioned CLI (the global setup's).
  if (process.env.AFTERCASE_TEMPORAL_CLI) env.TEMPORAL_CLI_PATH = process.env.AFTERCASE_TEMPORAL_CLI;
  const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/start.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => out,
    exited,
    api: `http://127.0.0.1:${ports.api}`,
    ready: (timeoutMs = 180_000) => until('the stack to say it is ready', () => (out.includes('Ctrl-C stops everything') ? true : undefined), timeoutMs, () => out).then(() => undefined),
  };
}

/** Kills a launcher's whole session if it still runs (for afterAll after a failed test). */
export function killHard(l: Launcher | undefined): void {
  if (l && l.child.exitCode === null && l.child.signalCode === null) {
    try {
      process.kill(-l.child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

export async function call(method: string, url: string, key: string | undefined, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
