/**
 * Who holds what, read from /proc (Linux): the dev servers running on a SQLite file, the process
 * listening on a TCP port, and a process's parent. Elsewhere these answer "unknown" (empty or
 * undefined) and the launcher falls back to what a TCP connect can tell.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** argv, as /proc/<pid>/cmdline holds it. */
  argv: string[];
}

/** A process by pid, or undefined when it is gone or cannot be read. */
export function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a.length > 0);
    // Field 4 of stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { pid, ppid, argv };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  try {
    return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
}

/** `temporal server start-dev` processes whose `--db-filename` is `dbFile`. */
export function devServersOn(dbFile: string): ProcessInfo[] {
  const wanted = path.resolve(dbFile);
  return allPids()
    .map(processInfo)
    .filter((p): p is ProcessInfo => {
      // The server itself (`<cli> server start-dev …`), not a shell whose arguments name it.
      if (!p || p.argv[1] !== 'server' || p.argv[2] !== 'start-dev') return false;
      const i = p.argv.indexOf('--db-filename');
      return i >= 0 && i + 1 < p.argv.length && path.resolve(p.argv[i + 1]!) === wanted;
    });
}

/** The process listening on TCP `port` (any address), if /proc tells. */
export function listenerOf(port: number): ProcessInfo | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; column 9 is the socket inode.
      if (cols.length > 9 && cols[3] === '0A' && parseInt(cols[1]!.split(':')[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of allPids()) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1]!)) return processInfo(pid);
    }
  }
  return undefined;
}

/** True while the process exists and is not a zombie (exited, waiting to be reaped). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
  } catch {
    // No /proc here, or the process is gone: ask the kernel below.
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function terminate(pid: number, graceMs = 10_000): Promise<void> {
  const gone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return !isAlive(pid);
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await gone(graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone(5_000);
}

/** `pid 123 (temporal server start-dev …)`, cut short. */
export function describeProcess(p: ProcessInfo): string {
  const cmd = p.argv.join(' ');
  return `pid ${p.pid} (${cmd.length > 120 ? `${cmd.slice(0, 117)}…` : cmd})`;
}
