/**
 * scripts/provision.js run twice at once on an empty cache (npm start beside npm test on a fresh
 * machine, or two CI jobs of one user): neither copies over the other's half-written files, both
 * succeed, and what stays in the cache runs. Go and Maven are stand-ins here that write slowly and
 * fail if another process wrote over their output meanwhile, as the real copy did, and that print to
 * their stdout, as the real ones do (a first `npx jest` on a fresh machine failed to parse the answer).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.resolve(__dirname, '../../../scripts/provision.js');

/** A slow writer: puts its pid in a file, waits, and fails if the file no longer holds it. */
const slowWrite = (file: string) => `echo "$$" > "${file}"; sleep 0.8; [ "$(cat "${file}")" = "$$" ] || { echo "overwritten: ${file}" >&2; exit 1; }`;

function fakeTools(bin: string): void {
  fs.mkdirSync(bin, { recursive: true });
  const tool = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  // Both write to their stdout, as the real ones do (Maven's colour resets even with -q -B): the
  // --json answer on provision's stdout must stay clean.
  tool('go', `echo "go: downloading go.temporal.io/cli"\n${slowWrite('$GOBIN/temporal')}\nchmod +x "$GOBIN/temporal"`);
  tool('java', 'exit 0');
  tool('mvn', `for a in "$@"; do case "$a" in -DoutputDirectory=*) out="\${a#-DoutputDirectory=}";; esac; done\nmkdir -p "$out"\nprintf '\\033[0m\\033[0m'\n${slowWrite('$out/temporal-test-server.jar')}`);
}

function provision(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, '--json'], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

test('two provisions at once on an empty cache both succeed, answer clean JSON, and leave one working set of tools', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-provision-'));
  try {
    const bin = path.join(root, 'bin');
    fakeTools(bin);
    const cache = path.join(root, 'cache');
    const env: NodeJS.ProcessEnv = { PATH: `${bin}:/usr/bin:/bin`, HOME: root, AFTERCASE_CACHE_DIR: cache, AFTERCASE_OFFLINE: '1' };
    const runs = await Promise.all([provision(env), provision(env)]);
    for (const r of runs) expect({ code: r.code, err: r.err.includes('overwritten') ? r.err : '' }).toEqual({ code: 0, err: '' });

    const tools = runs.map((r) => JSON.parse(r.out) as { temporalCli: string; testServer: { type: string; path: string } });
    // Both name the same cached CLI, and it is whole (one writer's content, executable).
    expect(tools[0]!.temporalCli).toBe(tools[1]!.temporalCli);
    expect(fs.readFileSync(tools[0]!.temporalCli, 'utf8').trim()).toMatch(/^\d+$/);
    expect(fs.statSync(tools[0]!.temporalCli).mode & 0o111).not.toBe(0);
    // The wrapper left in the cache points at jars that exist.
    const wrapper = fs.readFileSync(tools[0]!.testServer.path, 'utf8');
    const lib = /-cp "(.+)\/\*"/.exec(wrapper)![1]!;
    expect(fs.readdirSync(lib)).toEqual(['temporal-test-server.jar']);
    // No staging folders, pom files or half-written wrappers are left behind.
    const cliDir = path.dirname(tools[0]!.temporalCli);
    expect(fs.readdirSync(cliDir)).toEqual(['temporal']);
    const serverDir = path.dirname(tools[0]!.testServer.path);
    expect(fs.readdirSync(serverDir).filter((f) => /^pom|\.\d+$/.test(f))).toEqual([]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
