/**
 * Starts `temporal server start-dev` for the embedded default stack: SQLite file in the project's
 * data folder (state survives restarts), Web UI on, case search attributes registered.
 *
 * The dev server lives and dies with its launcher:
 * - It runs under a tiny `sh` watchdog in its own session (so a terminal's Ctrl-C reaches only the
 *   launcher, which stops everything in order). The watchdog holds the read end of a pipe whose
 *   write end only the launcher holds: when the launcher exits for any reason, `kill -9` included,
 *   the pipe reads end-of-file and the watchdog stops the server (SIGTERM). `stop()` closes the pipe
 *   the same way, and kills the session if the server has not gone within 10 s.
 * - Before starting, a dev server already running on the same SQLite file is reclaimed when it is a
 *   stale one of ours (its parent is gone: it was re-parented to pid 1, or its watchdog was); any
 *   other holder of the file or of the ports stops the start with DevServerConflict, which says
 *   what holds it and how to free it.
 * - Ready means: our own server process listens on the port (checked through /proc where it
 *   exists), never merely "something answers on the port".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describeProcess, devServersOn, isAlive, listenerOf, processInfo, terminate, type ProcessInfo } from './processes';
import { searchAttributeFlags } from './search-attributes';

/** argv[0] of the watchdog shell: how a dev server's parent is recognised as ours. */
export const WATCHDOG_NAME = 'aftercase-dev-server-watchdog';

// $0 is WATCHDOG_NAME, "$@" the CLI and its arguments. fd 3 keeps the launcher's pipe: an
// asynchronous list's stdin would otherwise be /dev/null.
const WATCHDOG_SCRIPT = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'server=$!',
  '(cat <&3 >/dev/null; kill -TERM "$server" 2>/dev/null) &',
  'exec 3<&-',
  'wait "$server"',
].join('\n');

/** The start found its data file or ports held; the message says by what and how to free them. */
export class DevServerConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevServerConflict';
  }
}

/**
 * Dev-server settings every aftercase run uses, tests included. The SQLite pragmas are the ones the
 * README names: WAL and synchronous=NORMAL take the file-backed server from about one workflow a
 * second to many more (figures: `npm run bench:dev-server`).
 */
export function devServerExtraArgs(pragmas = true, codecEndpoint?: string): string[] {
  return [
    '--dynamic-config-value', 'frontend.enableExecuteMultiOperation=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...(pragmas ? ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=NORMAL'] : []),
    // The Web UI decodes encrypted payloads through the API's codec server (src/api/codec/router.ts).
    ...(codecEndpoint ? ['--ui-codec-endpoint', codecEndpoint] : []),
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
  /** Where to tell the user about a reclaimed stale server. */
  say?: (line: string) => void;
  /** The codec server the Web UI calls to show decrypted payloads (`http://<api>/codec`). */
  codecEndpoint?: string;
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

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** A dev server on our data file whose launcher is gone: its parent is pid 1 or a parentless watchdog. */
function isStaleOurs(server: ProcessInfo): boolean {
  if (server.ppid === 1) return true;
  const parent = processInfo(server.ppid);
  return parent !== undefined && parent.argv.includes(WATCHDOG_NAME) && parent.ppid === 1;
}

/**
 * Frees the way for a new dev server: reclaims stale ones of ours on the data file, and refuses
 * (DevServerConflict) when the file or a port is held by anything else. Returns what it reclaimed.
 */
/**
 * Who to stop for a dev server held by a live process: its parent, or when that is our watchdog,
 * the launcher above it (stopping only the watchdog would take the dev server away from a stack
 * that keeps running, its ports held, answering unready).
 */
function ownerOf(server: ProcessInfo): { pid: number; info: ProcessInfo | undefined } {
  const parent = processInfo(server.ppid);
  if (parent?.argv.includes(WATCHDOG_NAME) && parent.ppid !== 1) return { pid: parent.ppid, info: processInfo(parent.ppid) };
  return { pid: server.ppid, info: parent };
}

export async function reclaimOrRefuse(opts: Pick<DevServerOptions, 'dbFile' | 'ip' | 'port' | 'uiPort'>, say: (line: string) => void = () => undefined): Promise<number[]> {
  const reclaimed: number[] = [];
  for (const server of devServersOn(opts.dbFile)) {
    if (!isStaleOurs(server)) {
      const owner = ownerOf(server);
      throw new DevServerConflict(
        `the data file ${opts.dbFile} is in use by a Temporal dev server, ${describeProcess(server)}, started by ` +
          `${owner.info ? describeProcess(owner.info) : `pid ${owner.pid}`}. Stop that stack (Ctrl-C where it runs, or kill ${owner.pid}), ` +
          'or give this one its own AFTERCASE_DATA_DIR.',
      );
    }
    say(`reclaiming a stale Temporal dev server left running on ${opts.dbFile} (pid ${server.pid})`);
    if (server.ppid !== 1) await terminate(server.ppid); // its watchdog first, so it cannot race us
    await terminate(server.pid);
    reclaimed.push(server.pid);
  }
  for (const [port, setting] of [[opts.port, 'AFTERCASE_TEMPORAL_PORT'], [opts.uiPort, 'AFTERCASE_TEMPORAL_UI_PORT']] as const) {
    if (!(await portOpen(opts.ip, port))) continue;
    const holder = listenerOf(port);
    throw new DevServerConflict(
      `port ${port} (${setting}) is already in use${holder ? ` by ${describeProcess(holder)}` : ''}. Stop it${holder ? ` (kill ${holder.pid})` : ''}, ` +
        `set ${setting} to a free port, or, to use a Temporal server you run yourself, set TEMPORAL_ADDRESS=${opts.ip}:${opts.port}.`,
    );
  }
  return reclaimed;
}

export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  await reclaimOrRefuse(opts, opts.say);
  const args = [
    'server', 'start-dev',
    '--db-filename', opts.dbFile,
    '--ip', opts.ip,
    '--port', String(opts.port),
    '--ui-port', String(opts.uiPort),
    '--namespace', opts.namespace,
    '--log-level', opts.logLevel ?? 'error',
    ...searchAttributeFlags(),
    ...devServerExtraArgs(opts.pragmas ?? true, opts.codecEndpoint),
  ];
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'inherit';
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, WATCHDOG_NAME, opts.cliPath, ...args], {
    stdio: ['pipe', out, out],
    detached: true,
  });
  if (typeof out === 'number') fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end(); // end-of-file: the watchdog stops the server
    const timer = setTimeout(() => killSession(child), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await Promise.race([
      waitForPort(opts.ip, opts.port, 60_000),
      exited.then((code) => {
        throw new Error(`temporal server start-dev exited with code ${code} before it was ready`);
      }),
    ]);
    assertOwnListener(child, opts.port);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address: `${opts.ip}:${opts.port}`, uiUrl: `http://${opts.ip}:${opts.uiPort}`, process: child, stop };
}

function killSession(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Refuses a port answered by anything but our own server (the watchdog's child). */
function assertOwnListener(child: ChildProcess, port: number): void {
  const holder = listenerOf(port);
  if (holder === undefined || child.pid === undefined) return; // no /proc: the pre-start check stands
  if (holder.ppid !== child.pid || !isAlive(holder.pid)) {
    throw new DevServerConflict(`port ${port} is answered by ${describeProcess(holder)}, not by the dev server this launcher started`);
  }
}
