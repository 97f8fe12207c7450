/**
 * A time-skipping test server whose clock starts at a chosen instant (tests/support/java/
 * StartAtTestServer.java, run with Java's single-file launcher on the provisioned test server's
 * jars). Working-calendar tests need a case opened on a given civil date (a Friday evening, the eve
 * of the 2026 National Day holiday); the server's clock can only move forward from where it starts.
 */
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
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-start-at-')), 'test-server');
  fs.writeFileSync(
    script,
    `#!/bin/sh\nAFTERCASE_TEST_SERVER_START='${start}' exec '${java}' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -cp '${lib}/*' '${LAUNCHER}' "$@"\n`,
    { mode: 0o755 },
  );
  return { type: 'existing-path', path: script };
}
