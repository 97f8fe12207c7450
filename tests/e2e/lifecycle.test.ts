/**
 * The stack lives and dies whole: a `kill -9` of the launcher leaves no dev server behind; a start
 * that finds a stale dev server of ours on its data file reclaims it, and one that finds the file
 * or a port held by anything else stops with a message saying what holds it and how to free it; a
 * clean Ctrl-C prints no error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { devServersOn, isAlive } from '../../src/temporal/processes';
import { killHard, launch, newDataDir, portOpen, stackPorts, until, type Launcher } from './launcher';

const cli = () => {
  const p = process.env.AFTERCASE_TEMPORAL_CLI;
  if (!p) throw new Error('AFTERCASE_TEMPORAL_CLI is not set: run through jest');
  return p;
};
const devServerArgs = (dbFile: string, port: number, uiPort: number) => ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort), '--log-level', 'error'];

const launched: Launcher[] = [];
const strays: ChildProcess[] = [];
afterAll(() => {
  launched.forEach(killHard);
  for (const s of strays) if (s.exitCode === null) s.kill('SIGKILL');
  for (const l of launched) for (const pid of devServersOnDir(l)) process.kill(pid, 'SIGKILL');
});
const dataDirs = new Map<Launcher, string>();
const devServersOnDir = (l: Launcher) => devServersOn(path.join(dataDirs.get(l)!, 'temporal.db')).map((p) => p.pid);

function start(ports: Awaited<ReturnType<typeof stackPorts>>, dataDir: string): Launcher {
  const l = launch(ports, dataDir);
  launched.push(l);
  dataDirs.set(l, dataDir);
  return l;
}

test('kill -9 of the launcher: its dev server does not survive it, and every port is freed', async () => {
  const ports = await stackPorts();
  const l = start(ports, newDataDir());
  await l.ready();
  const servers = devServersOnDir(l);
  expect(servers).toHaveLength(1);
  // A second start on the same data file names the launcher to stop, not its dev server's watchdog.
  const second = start(await stackPorts(), dataDirs.get(l)!);
  expect((await second.exited).code).toBe(1);
  expect(second.output()).toContain(`started by pid ${l.child.pid} (`);
  expect(second.output()).toContain(`or kill ${l.child.pid})`);
  process.kill(l.child.pid!, 'SIGKILL');
  await l.exited;
  await until('the dev server to be gone', () => (isAlive(servers[0]!) ? undefined : true), 20_000);
  expect(devServersOnDir(l)).toEqual([]);
  await until('the Temporal ports to be free', async () => ((await portOpen(ports.temporal)) || (await portOpen(ports.ui)) ? undefined : true), 20_000);
}, 240_000);

test('its dev server killed from outside (its watchdog, as a wrong kill would): the launcher says so, stops the stack and exits 1', async () => {
  const ports = await stackPorts();
  const l = start(ports, newDataDir());
  await l.ready();
  const [server] = devServersOn(path.join(dataDirs.get(l)!, 'temporal.db'));
  expect(server).toBeDefined();
  process.kill(server!.ppid, 'SIGTERM');
  expect((await l.exited).code).toBe(1);
  expect(l.output()).toMatch(/the Temporal dev server exited \(code [^)]*\) while the stack ran: stopping the stack/);
  await until('the API port to be free', async () => ((await portOpen(ports.api)) ? undefined : true), 20_000);
}, 240_000);

test('a stale dev server of ours on the data file (no parent) is reclaimed; then a clean Ctrl-C prints no error', async () => {
  const ports = await stackPorts();
  const dataDir = newDataDir();
  const dbFile = path.join(dataDir, 'temporal.db');
  // Orphaned on purpose: started in the background of a shell that exits at once, as a crashed
  // launcher of an older version would leave it.
  spawn('/bin/sh', ['-c', '"$@" </dev/null >/dev/null 2>&1 &', 'sh', cli(), ...devServerArgs(dbFile, ports.temporal, ports.ui)], { stdio: 'ignore' });
  const stray = await until('the stray dev server to listen', async () => {
    const [p] = devServersOn(dbFile);
    return p && p.ppid === 1 && (await portOpen(ports.temporal)) ? p : undefined;
  }, 60_000);

  const l = start(ports, dataDir);
  await l.ready();
  expect(l.output()).toContain(`reclaiming a stale Temporal dev server left running on ${dbFile} (pid ${stray.pid})`);
  expect(isAlive(stray.pid)).toBe(false);
  const [ours] = devServersOn(dbFile);
  expect(ours?.pid).not.toBe(stray.pid);

  process.kill(l.child.pid!, 'SIGINT');
  expect(await l.exited).toEqual({ code: 0, signal: null });
  const lines = l.output().split('\n').filter((line) => line.includes('"component":"launcher"'));
  expect(lines.some((line) => line.includes('Temporal dev server stopped'))).toBe(true);
  expect(l.output()).not.toMatch(/did not stop cleanly|error|Error/);
  expect(devServersOn(dbFile)).toEqual([]);
}, 240_000);

test('a data file held by a dev server with a live parent, or a port held by anything else: the start stops and says what holds it', async () => {
  const ports = await stackPorts();
  const dataDir = newDataDir();
  const dbFile = path.join(dataDir, 'temporal.db');
  const held = spawn(cli(), devServerArgs(dbFile, ports.temporal, ports.ui), { stdio: 'ignore' });
  strays.push(held);
  await until('the other dev server to listen', async () => ((await portOpen(ports.temporal)) ? true : undefined), 60_000);

  const refused = start({ ...ports, temporal: await stackPorts().then((p) => p.temporal) }, dataDir);
  expect((await refused.exited).code).toBe(1);
  expect(refused.output()).toContain(`the data file ${dbFile} is in use by a Temporal dev server, pid ${held.pid}`);
  expect(refused.output()).toContain(`started by pid ${process.pid}`);
  expect(refused.output()).toContain('AFTERCASE_DATA_DIR');
  expect(refused.output()).not.toContain('ready:');
  expect(isAlive(held.pid!)).toBe(true); // not ours to stop

  const blocker = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  const blocked = (blocker.address() as net.AddressInfo).port;
  const onPort = start({ ...(await stackPorts()), temporal: blocked }, newDataDir());
  expect((await onPort.exited).code).toBe(1);
  expect(onPort.output()).toContain(`port ${blocked} (AFTERCASE_TEMPORAL_PORT) is already in use by pid ${process.pid}`);
  expect(onPort.output()).toContain(`TEMPORAL_ADDRESS=127.0.0.1:${blocked}`);
  expect(onPort.output()).not.toContain('ready:');
  blocker.close();
}, 240_000);
