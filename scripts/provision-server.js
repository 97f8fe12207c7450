#!/usr/bin/env node
/**
 * Provisions the production-topology binaries (`npm run stack:prod`, `npm run test:chaos`), built
 * once with `go install` into the same per-user cache as the CLI (scripts/provision.js):
 *
 *   - Temporal's own server, go.temporal.io/server/cmd/server@v1.29.1 (the version the CLI v1.5.1
 *     embeds), binary `server`: $TEMPORAL_SERVER_PATH → the cache → go install;
 *   - its SQL schema tool, go.temporal.io/server/cmd/tools/sql@v1.29.1, binary `sql` (Temporal's
 *     release archives call it temporal-sql-tool): $TEMPORAL_SQL_TOOL_PATH → the cache → go install;
 *     the schemas are embedded (`--schema-name postgresql/v12/temporal`);
 *   - the Temporal UI server, github.com/temporalio/ui-server/v2/cmd/server@v2.42.1 (the UI the CLI
 *     embeds, assets included; its module is already in the Go module cache after the CLI build, so
 *     this works offline there): $TEMPORAL_UI_SERVER_PATH → the cache → go install.
 *
 * `node scripts/provision-server.js [--json]` provisions all three (idempotent: seconds when cached).
 * PostgreSQL itself is found, never installed, by src/temporal/prod/postgres.ts.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cacheDir, isExecutable, ProvisionError } = require('./provision.js');

const SERVER_VERSION = 'v1.29.1';
const UI_SERVER_VERSION = 'v2.42.1';

/** What we build: env override, cache folder, Go package, binary name `go install` produces. */
const TOOLS = {
  server: { env: 'TEMPORAL_SERVER_PATH', dir: ['temporal-server', SERVER_VERSION], pkg: `go.temporal.io/server/cmd/server@${SERVER_VERSION}`, bin: 'server' },
  sqlTool: { env: 'TEMPORAL_SQL_TOOL_PATH', dir: ['temporal-server', SERVER_VERSION], pkg: `go.temporal.io/server/cmd/tools/sql@${SERVER_VERSION}`, bin: 'sql' },
  uiServer: { env: 'TEMPORAL_UI_SERVER_PATH', dir: ['temporal-ui-server', UI_SERVER_VERSION], pkg: `github.com/temporalio/ui-server/v2/cmd/server@${UI_SERVER_VERSION}`, bin: 'server' },
};

function log(msg) {
  process.stderr.write(`[provision-server] ${msg}\n`);
}

/** The absolute path of one tool, building it into the cache with `go install` when missing. */
function resolveTool(name) {
  const tool = TOOLS[name];
  const given = process.env[tool.env];
  if (given) {
    if (!isExecutable(given)) throw new ProvisionError(`${tool.env}=${given} is not an executable file`);
    log(`${name}: ${given} (from ${tool.env})`);
    return given;
  }
  const dir = path.join(cacheDir(), ...tool.dir);
  const cached = path.join(dir, tool.bin);
  if (isExecutable(cached)) {
    log(`${name}: ${cached} (cached)`);
    return cached;
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    throw new ProvisionError(`${name} is not in ${dir} and Go is not installed: install Go ≥ 1.23 (it builds ${tool.pkg} once), or set ${tool.env}.`);
  }
  fs.mkdirSync(dir, { recursive: true });
  log(`${name}: building ${tool.pkg} with go install (once; several minutes on 2 cores)…`);
  const started = Date.now();
  const res = spawnSync('go', ['install', tool.pkg], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: dir, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
  });
  if (res.status !== 0 || !isExecutable(cached)) {
    throw new ProvisionError(`go install ${tool.pkg} failed (exit ${res.status}); check that the Go module proxy is reachable, or set ${tool.env}.`);
  }
  log(`${name}: built in ${Math.round((Date.now() - started) / 1000)} s → ${cached}`);
  return cached;
}

/** Every binary of the production topology: { server, sqlTool, uiServer }. */
function resolveProdBinaries() {
  return { server: resolveTool('server'), sqlTool: resolveTool('sqlTool'), uiServer: resolveTool('uiServer') };
}

module.exports = { resolveProdBinaries, SERVER_VERSION, UI_SERVER_VERSION };

if (require.main === module) {
  try {
    const out = resolveProdBinaries();
    if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(out) + '\n');
  } catch (err) {
    if (err instanceof ProvisionError) {
      log(`ERROR: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
