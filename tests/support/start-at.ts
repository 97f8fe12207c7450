/**
 * A time-skipping test server whose clock starts at a chosen instant (tests/support/java/
 * StartAtTestServer.java, compiled once with javac, or run with Java's single-file launcher where
 * there is no javac, on the provisioned test server's jars). Working-calendar tests need a case opened on a given civil date (a Friday evening, the eve
 * of the 2026 National Day holiday); the server's clock can only move forward from where it starts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LAUNCHER = path.resolve(__dirname, 'java/StartAtTestServer.java');

/** An `existing-path` executable for TestWorkflowEnvironment that starts the server's clock at `startAt`. */
export function startAtExecutable(provisioned: { type: string; path?: string }, startAt: string): { type: 'existing-path'; path: string } {
  if (provisioned.type !== 'existing-path' || !provisioned.path) {
    throw new Error(
      'the working-calendar tests start the Java time-skipping test server at a fixed 2026 instant, which the SDK\'s ' +
        'downloaded test server cannot do: install a JDK (>= 11) and Maven, and npm test fetches the Java server once',
    );
  }
  // The same JVM and jars the provisioned launcher runs (scripts/provision.js writes
  // `exec "<java>" … -cp "<lib>/*" …`; the jars' folder differs from one provision to another).
  const launcher = fs.readFileSync(provisioned.path, 'utf8');
  const java = /exec "([^"]*java)"/.exec(launcher)?.[1] ?? 'java';
  const lib = /-cp "([^"]+)\/\*"/.exec(launcher)?.[1];
  if (!lib || !fs.existsSync(lib)) throw new Error(`startAt needs the test server's jars, named by ${provisioned.path} (${lib ?? 'no -cp'})`);
  const start = new Date(startAt).toISOString();
  const classes = compiledLauncher(java, lib);
  const main = classes ? `-cp '${lib}/*:${classes}' StartAtTestServer` : `-cp '${lib}/*' '${LAUNCHER}'`;
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-start-at-')), 'test-server');
  fs.writeFileSync(
    script,
    `#!/bin/sh\nAFTERCASE_TEST_SERVER_START='${start}' exec '${java}' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k ${main} "$@"\n`,
    { mode: 0o755 },
  );
  return { type: 'existing-path', path: script };
}

/**
 * The launcher compiled once per source and jars (the JDK's javac beside `java`), so each start
 * skips the single-file launcher's compilation: about 1.5–2 s to listen instead of about 3 s idle,
 * which under a loaded CI run had passed the SDK's 5 s readiness window. Compiled aside and renamed,
 * so test files starting servers at once never load a half-written class. Without javac: undefined
 * (the single-file launcher then compiles at each start, as before).
 */
function compiledLauncher(java: string, lib: string): string | undefined {
  const key = createHash('sha256').update(fs.readFileSync(LAUNCHER)).update(lib).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `aftercase-start-at-classes-${key}`);
  if (fs.existsSync(path.join(dir, 'StartAtTestServer.class'))) return dir;
  const javac = path.join(path.dirname(java), 'javac');
  const staging = fs.mkdtempSync(`${dir}.`);
  try {
    execFileSync(fs.existsSync(javac) ? javac : 'javac', ['-cp', `${lib}/*`, '-d', staging, LAUNCHER], { stdio: 'pipe' });
    try {
      fs.renameSync(staging, dir);
    } catch {
      // Another test file compiled it first: its copy stands.
    }
    return fs.existsSync(path.join(dir, 'StartAtTestServer.class')) ? dir : undefined;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
