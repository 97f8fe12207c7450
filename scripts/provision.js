#!/usr/bin/env node
/**
 * Provisions the two Temporal servers aftercase needs, offline-friendly and cached per user:
 *
 *  - the Temporal CLI (dev server + Web UI), tried in order:
 *      $TEMPORAL_CLI_PATH → `temporal` on PATH → the user cache → `go install …/cli/cmd/temporal@v1.5.1`
 *  - the time-skipping test server, tried in order:
 *      $TEMPORAL_TEST_SERVER_PATH → the SDK's own download (only if its download host answers)
 *      → a wrapper around the Java artifact io.temporal:temporal-test-server resolved by Maven.
 *
 * The cache lives outside the clone ($AFTERCASE_CACHE_DIR, else $XDG_CACHE_HOME/aftercase, else
 * ~/.cache/aftercase) so every fresh clone and every CI run reuses it.
 *
 * It installs no system package and never needs root.
 *
 * Usage: node scripts/provision.js [--cli] [--test-server] [--json | --print-cli-path]
 *   no flag = both. Prints progress to stderr; with --json prints the resolved tools to stdout, with
 *   --print-cli-path only the CLI's path (`npm start` hands it to the launcher as TEMPORAL_CLI_PATH).
 * The test set-up runs it as a child process (--json); as a module (other scripts only; src/ and
 * tests/support never import it): resolveTemporalCli(), resolveTestServer() (idempotent, fast when cached).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const https = require('node:https');

const CLI_VERSION = 'v1.5.1';
const CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${CLI_VERSION}`;
const TEST_SERVER_VERSION = '1.38.0';
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';
const SDK_DOWNLOAD_HOST = 'temporal.download';

function log(msg) {
  process.stderr.write(`[provision] ${msg}\n`);
}

/** The per-user cache folder, outside any clone. */
function cacheDir() {
  if (process.env.AFTERCASE_CACHE_DIR) return process.env.AFTERCASE_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'aftercase');
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

class ProvisionError extends Error {}

/** Returns the absolute path of a Temporal CLI, building it into the cache if nothing else fits. */
function resolveTemporalCli() {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new ProvisionError(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    log(`Temporal CLI: ${explicit} (from TEMPORAL_CLI_PATH)`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath) {
    log(`Temporal CLI: ${fromPath} (on PATH)`);
    return fromPath;
  }
  const dir = path.join(cacheDir(), 'temporal-cli', CLI_VERSION);
  const cached = path.join(dir, 'temporal');
  if (isExecutable(cached)) {
    log(`Temporal CLI: ${cached} (cached)`);
    return cached;
  }
  const go = onPath('go');
  if (!go) {
    throw new ProvisionError(
      'No Temporal CLI found and Go is not installed to build one.\n' +
        '  Fix one of: set TEMPORAL_CLI_PATH to a temporal binary; put `temporal` on PATH\n' +
        '  (https://docs.temporal.io/cli); or install Go >= 1.23 so this script can run\n' +
        `  \`go install ${CLI_MODULE}\`.`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  log(`Temporal CLI: building ${CLI_MODULE} with Go into ${dir} (first run only, a few minutes)…`);
  const started = Date.now();
  // Built into a folder of its own, then renamed into place: a second provision running at the same
  // time (npm start beside npm test on a fresh machine) never sees or runs a half-written binary.
  const staging = fs.mkdtempSync(path.join(dir, '.build-'));
  try {
    // The build's own output goes to stderr: stdout carries only the --json answer.
    const res = spawnSync(go, ['install', CLI_MODULE], {
      stdio: ['ignore', 2, 'inherit'],
      env: { ...process.env, GOBIN: staging, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
    });
    const built = path.join(staging, 'temporal');
    if (res.status !== 0 || !isExecutable(built)) {
      throw new ProvisionError(
        `go install ${CLI_MODULE} failed (exit ${res.status}). Check that the Go module proxy is reachable ` +
          '(GOPROXY), or set TEMPORAL_CLI_PATH to an existing temporal binary.',
      );
    }
    fs.renameSync(built, cached);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`Temporal CLI: built in ${Math.round((Date.now() - started) / 1000)} s → ${cached}`);
  return cached;
}

/** Resolves whether the SDK's own test-server download host answers (short timeout). */
function canReachSdkDownloads(timeoutMs = 3000) {
  if (process.env.AFTERCASE_OFFLINE === '1') return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = https.request({ host: SDK_DOWNLOAD_HOST, method: 'HEAD', path: '/', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Builds (once) a wrapper script that runs the Java test server from jars in the cache. */
function ensureJavaTestServer() {
  const dir = path.join(cacheDir(), 'temporal-test-server', TEST_SERVER_VERSION);
  const wrapper = path.join(dir, 'temporal-test-server');
  const marker = path.join(dir, '.complete');
  if (isExecutable(wrapper) && fs.existsSync(marker)) {
    log(`Test server: ${wrapper} (cached, Java ${TEST_SERVER_VERSION})`);
    return wrapper;
  }
  const java = onPath('java');
  const mvn = onPath('mvn');
  if (!java || !mvn) {
    throw new ProvisionError(
      'No time-skipping test server available: the SDK download host is unreachable and ' +
        `${!java ? 'java' : 'mvn'} is not installed.\n` +
        '  Fix one of: set TEMPORAL_TEST_SERVER_PATH to a temporal-test-server binary; allow access to ' +
        `${SDK_DOWNLOAD_HOST}; or install a JDK (>= 11) and Maven so this script can fetch ` +
        `io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven Central.`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  const pom = path.join(dir, `pom-${process.pid}.xml`);
  fs.writeFileSync(
    pom,
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>aftercase</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
  </dependencies>
</project>
`,
  );
  // Each provision copies the jars into a folder of its own, named by the wrapper it then writes, so
  // two running at once (npm start beside npm test on a fresh machine) never copy over each other.
  const lib = fs.mkdtempSync(path.join(dir, 'lib-'));
  log(`Test server: resolving io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with Maven into ${lib}…`);
  const started = Date.now();
  const res = spawnSync(
    mvn,
    ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 2, 'inherit'] }, // Maven's output (even -q -B writes colour resets) to stderr: stdout is the --json answer
  );
  fs.rmSync(pom, { force: true });
  if (res.status !== 0) {
    fs.rmSync(lib, { recursive: true, force: true });
    throw new ProvisionError(`Maven could not resolve the test server (exit ${res.status}); see its output above.`);
  }
  if (isExecutable(wrapper) && fs.existsSync(marker)) {
    // Another provision finished first: its wrapper and jars stand, these go.
    fs.rmSync(lib, { recursive: true, force: true });
    log(`Test server: ${wrapper} (provisioned meanwhile, Java ${TEST_SERVER_VERSION})`);
    return wrapper;
  }
  // `exec` matters: the SDK kills the process it spawned; without exec the JVM would outlive it.
  // Fast-start JVM flags keep start-up well inside the SDK's ~5 s readiness window.
  // Written aside and renamed over: a reader sees the old wrapper or the new one, never half of one.
  const wrapperTmp = `${wrapper}.${process.pid}`;
  fs.writeFileSync(
    wrapperTmp,
    `#!/bin/sh
# Generated by aftercase scripts/provision.js: Temporal's time-skipping test server on the JVM.
# The SDK runs it as an existing-path executable and passes "<port>" (+ extra args).
exec "${java}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss512k \\
  -cp "${lib}/*" ${TEST_SERVER_MAIN} "$@"
`,
    { mode: 0o755 },
  );
  fs.renameSync(wrapperTmp, wrapper);
  fs.writeFileSync(marker, new Date().toISOString());
  log(`Test server: ready in ${Math.round((Date.now() - started) / 1000)} s → ${wrapper}`);
  return wrapper;
}

/**
 * Returns the SDK's `EphemeralServerExecutable` for the time-skipping test server.
 * @returns {Promise<{type:'existing-path', path:string} | {type:'cached-download', downloadDir:string}>}
 */
async function resolveTestServer() {
  const explicit = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) {
      throw new ProvisionError(`TEMPORAL_TEST_SERVER_PATH=${explicit} is not an executable file`);
    }
    log(`Test server: ${explicit} (from TEMPORAL_TEST_SERVER_PATH)`);
    return { type: 'existing-path', path: explicit };
  }
  const javaWrapper = path.join(cacheDir(), 'temporal-test-server', TEST_SERVER_VERSION, 'temporal-test-server');
  const javaCached = isExecutable(javaWrapper) && fs.existsSync(path.join(path.dirname(javaWrapper), '.complete'));
  // The Java server is preferred wherever it can be built: the working-calendar tests start it at a
  // fixed 2026 instant (tests/support/start-at.ts), which the SDK's downloaded binary cannot do.
  const javaBuildable = Boolean(onPath('java') && onPath('mvn'));
  if (!javaCached && !javaBuildable && process.env.AFTERCASE_TEST_SERVER !== 'java' && (await canReachSdkDownloads())) {
    const downloadDir = path.join(cacheDir(), 'sdk-downloads');
    log(`Test server: the SDK downloads its own binary into ${downloadDir}`);
    return { type: 'cached-download', downloadDir };
  }
  if (!javaCached) log(`Test server: ${SDK_DOWNLOAD_HOST} unreachable, using the Java test server`);
  return { type: 'existing-path', path: ensureJavaTestServer() };
}

async function main(argv) {
  const asked = ['--cli', '--test-server'].filter((flag) => argv.includes(flag));
  const want = (flag) => asked.length === 0 || asked.includes(flag);
  const out = {};
  try {
    if (want('--cli')) out.temporalCli = resolveTemporalCli();
    if (want('--test-server')) out.testServer = await resolveTestServer();
  } catch (err) {
    if (err instanceof ProvisionError) {
      log(`ERROR: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(out) + '\n');
  if (argv.includes('--print-cli-path') && out.temporalCli) process.stdout.write(out.temporalCli + '\n');
}

module.exports = {
  resolveTemporalCli,
  resolveTestServer,
  cacheDir,
  isExecutable,
  ProvisionError,
  CLI_VERSION,
  TEST_SERVER_VERSION,
};

if (require.main === module) {
  main(process.argv.slice(2));
}
