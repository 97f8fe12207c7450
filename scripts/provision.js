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
 * And, only when asked (`--chromium`), a headless-capable Chromium for the docs page's browser test,
 * tried in order:
 *      $AFTERCASE_CHROMIUM → `chromium`, `chromium-browser`, `google-chrome` on PATH
 *      → a Playwright browser cache (~/.cache/ms-playwright/chromium-*) → as root with apt-get:
 *      `apt-get install -y --no-install-recommends chromium` (`apt-get update` first only on failure)
 *      → otherwise Playwright's own download (`playwright-core install chromium`, needs internet).
 *
 * Usage: node scripts/provision.js [--cli] [--test-server] [--chromium] [--json]
 *   no flag = the CLI and the test server (not Chromium). Prints progress to stderr; with --json
 *   prints the resolved tools to stdout.
 * As a module: resolveTemporalCli(), resolveTestServer(), resolveChromium() (idempotent, fast when
 * cached) and findChromium() (looks only, never installs).
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
  const res = spawnSync(go, ['install', CLI_MODULE], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: dir, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
  });
  if (res.status !== 0 || !isExecutable(cached)) {
    throw new ProvisionError(
      `go install ${CLI_MODULE} failed (exit ${res.status}). Check that the Go module proxy is reachable ` +
        '(GOPROXY), or set TEMPORAL_CLI_PATH to an existing temporal binary.',
    );
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
  const lib = path.join(dir, 'lib');
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
  const pom = path.join(dir, 'pom.xml');
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
  log(`Test server: resolving io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with Maven into ${lib}…`);
  const started = Date.now();
  const res = spawnSync(
    mvn,
    ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (res.status !== 0) {
    throw new ProvisionError(`Maven could not resolve the test server (exit ${res.status}); see its output above.`);
  }
  // `exec` matters: the SDK kills the process it spawned; without exec the JVM would outlive it.
  // Fast-start JVM flags keep start-up well inside the SDK's ~5 s readiness window.
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh
# Generated by aftercase scripts/provision.js: Temporal's time-skipping test server on the JVM.
# The SDK runs it as an existing-path executable and passes "<port>" (+ extra args).
exec "${java}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss512k \\
  -cp "${lib}/*" ${TEST_SERVER_MAIN} "$@"
`,
    { mode: 0o755 },
  );
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
  if (!javaCached && process.env.AFTERCASE_TEST_SERVER !== 'java' && (await canReachSdkDownloads())) {
    const downloadDir = path.join(cacheDir(), 'sdk-downloads');
    log(`Test server: the SDK downloads its own binary into ${downloadDir}`);
    return { type: 'cached-download', downloadDir };
  }
  if (!javaCached) log(`Test server: ${SDK_DOWNLOAD_HOST} unreachable, using the Java test server`);
  return { type: 'existing-path', path: ensureJavaTestServer() };
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];
const CHROMIUM_HELP =
  '  Fix one of: install Chromium (Debian/Ubuntu: `apt-get install chromium`, or `chromium-browser`;\n' +
  '  or Google Chrome) so that `chromium`, `chromium-browser` or `google-chrome` is on PATH; or set\n' +
  '  AFTERCASE_CHROMIUM to the path of a Chromium/Chrome executable; then run\n' +
  '  `node scripts/provision.js --chromium`.';

/** Chromium executables in a Playwright browser cache ($PLAYWRIGHT_BROWSERS_PATH, else ~/.cache/ms-playwright), newest first. */
function playwrightChromiums() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), '.cache', 'ms-playwright');
  let entries;
  try {
    entries = fs.readdirSync(root);
  } catch {
    return [];
  }
  return entries
    .map((name) => ({ name, revision: Number(/^chromium-(\d+)$/.exec(name)?.[1]) }))
    .filter((e) => Number.isFinite(e.revision))
    .sort((a, b) => b.revision - a.revision)
    .flatMap((e) => ['chrome-linux', 'chrome-linux64'].map((dir) => path.join(root, e.name, dir, 'chrome')))
    .filter(isExecutable);
}

/**
 * Looks for a Chromium without installing anything (tests use this).
 * @returns {{path: string, from: string} | undefined}
 * @throws {ProvisionError} when AFTERCASE_CHROMIUM is set but is not an executable file.
 */
function findChromium() {
  const explicit = process.env.AFTERCASE_CHROMIUM;
  if (explicit) {
    if (!isExecutable(explicit)) throw new ProvisionError(`AFTERCASE_CHROMIUM=${explicit} is not an executable file`);
    return { path: explicit, from: 'from AFTERCASE_CHROMIUM' };
  }
  for (const name of CHROMIUM_NAMES) {
    const found = onPath(name);
    if (found) return { path: found, from: 'on PATH' };
  }
  const cached = playwrightChromiums()[0];
  if (cached) return { path: cached, from: 'Playwright browser cache' };
  return undefined;
}

/** `chromium --version`, or '' when it does not answer. */
function chromiumVersion(executable) {
  const res = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return res.status === 0 ? res.stdout.trim() : '';
}

/**
 * Playwright's own browser download (Chrome for Testing into its cache): where a user has internet
 * but no root, e.g. a developer laptop. Fails fast here, where its CDN is unreachable.
 */
function playwrightDownload() {
  let cli;
  try {
    cli = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  } catch {
    return undefined; // npm install has not run
  }
  log('Chromium: downloading Playwright\'s Chromium into its browser cache (first run only)…');
  const started = Date.now();
  const res = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 10 * 60_000 });
  const found = res.status === 0 ? findChromium() : undefined;
  if (found) log(`Chromium: downloaded in ${Math.round((Date.now() - started) / 1000)} s`);
  else log(`Chromium: the Playwright download failed (exit ${res.status ?? res.signal})`);
  return found;
}

/**
 * Returns the absolute path of a Chromium: one already here, else Debian's package (as root with
 * apt-get), else Playwright's download; a clear error when all fail.
 */
function resolveChromium() {
  let found = findChromium();
  if (!found) {
    const aptGet = onPath('apt-get');
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!aptGet || !isRoot) {
      found = playwrightDownload();
      if (found) return reportChromium(found);
      throw new ProvisionError(
        `No Chromium found (looked for AFTERCASE_CHROMIUM, ${CHROMIUM_NAMES.join(', ')} on PATH and a ` +
          `Playwright browser cache), Playwright could not download one` +
          `${aptGet ? ', and not running as root to apt-get install one' : ''}.\n` +
          CHROMIUM_HELP,
      );
    }
    const install = () =>
      spawnSync(aptGet, ['install', '-y', '--no-install-recommends', 'chromium'], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    log('Chromium: installing Debian\'s chromium with apt-get (first run only, a minute or two)…');
    const started = Date.now();
    let res = install();
    if (res.status !== 0) {
      log(`Chromium: apt-get install failed (exit ${res.status}); running apt-get update and retrying…`);
      const update = spawnSync(aptGet, ['update'], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (update.status !== 0) log(`Chromium: apt-get update failed (exit ${update.status})`);
      res = install();
    }
    found = res.status === 0 ? findChromium() : undefined;
    if (!found) {
      throw new ProvisionError(
        `apt-get install chromium failed (exit ${res.status}) or installed no \`chromium\` on PATH; see its output above.\n` +
          CHROMIUM_HELP,
      );
    }
    log(`Chromium: installed in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return reportChromium(found);
}

function reportChromium(found) {
  const version = chromiumVersion(found.path);
  log(`Chromium: ${found.path} (${found.from}${version ? `, ${version}` : ''})`);
  return found.path;
}

async function main(argv) {
  const asked = ['--cli', '--test-server', '--chromium'].filter((flag) => argv.includes(flag));
  const want = (flag) => (asked.length === 0 ? flag !== '--chromium' : asked.includes(flag));
  const out = {};
  try {
    if (want('--cli')) out.temporalCli = resolveTemporalCli();
    if (want('--test-server')) out.testServer = await resolveTestServer();
    if (want('--chromium')) out.chromium = resolveChromium();
  } catch (err) {
    if (err instanceof ProvisionError) {
      log(`ERROR: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(out) + '\n');
}

module.exports = {
  resolveTemporalCli,
  resolveTestServer,
  resolveChromium,
  findChromium,
  cacheDir,
  isExecutable,
  ProvisionError,
  CLI_VERSION,
  TEST_SERVER_VERSION,
};

if (require.main === module) {
  main(process.argv.slice(2));
}
