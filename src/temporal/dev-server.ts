/**
 * Starts `temporal server start-dev` for the embedded default stack: SQLite file in the project's
 * data folder (state survives restarts), Web UI on, case search attributes registered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { searchAttributeFlags } from './search-attributes';

/**
 * Dev-server settings every aftercase run uses, tests included. The SQLite pragmas are the ones the
 * README names: WAL and synchronous=NORMAL take the file-backed server from about one workflow a
 * second to many more (figures: `npm run bench:dev-server`).
 */
export function devServerExtraArgs(pragmas = true): string[] {
  return [
    '--dynamic-config-value', 'frontend.enableExecuteMultiOperation=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...(pragmas ? ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=NORMAL'] : []),
  ];
}

export interface DevServerOptions {
  cliPath: string;
  dbFile: string;
  ip: string;
  port: number;
  uiPort: number;
  namespace: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** SQLite pragmas of devServerExtraArgs (default on; off only to benchmark the difference). */
  pragmas?: boolean;
  /** Where the server's own output goes (default: this process's stdout and stderr). */
  logFile?: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Resolves when something accepts TCP connections on host:port, or rejects after `timeoutMs`. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--db-filename', opts.dbFile,
    '--ip', opts.ip,
    '--port', String(opts.port),
    '--ui-port', String(opts.uiPort),
    '--namespace', opts.namespace,
    '--log-level', opts.logLevel ?? 'warn',
    ...searchAttributeFlags(),
    ...devServerExtraArgs(opts.pragmas ?? true),
  ];
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'inherit';
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', out, out] });
  if (typeof out === 'number') fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await Promise.race([
    waitForPort(opts.ip, opts.port, 60_000),
    exited.then((code) => {
      throw new Error(`temporal server start-dev exited with code ${code} before it was ready`);
    }),
  ]);
  return {
    address: `${opts.ip}:${opts.port}`,
    uiUrl: `http://${opts.ip}:${opts.uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
