/**
 * `npm run stack:prod`: the production topology on this machine, all on loopback (see
 * src/temporal/prod/stack.ts and docs/production.md). Prints every address when ready; Ctrl-C (or
 * SIGTERM) stops APIs, workers, sandbox, UI, Temporal and PostgreSQL in that order.
 *
 * Settings: AFTERCASE_PROD_BASE_PORT (default 17200; the stack uses base+0 … base+40),
 * AFTERCASE_DATA_DIR (default ./.data; this stack keeps its files in <dir>/prod), AFTERCASE_PG_BIN,
 * TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH / TEMPORAL_UI_SERVER_PATH (else built once into the
 * per-user cache by scripts/provision-server.js).
 */
import path from 'node:path';
import { DEVELOPMENT_API_KEYS } from '../src/api-keys';
import { DEFAULT_BASE_PORT, prodLayout } from '../src/temporal/prod/layout';
import { ProdStack, type ProdBinaries } from '../src/temporal/prod/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveProdBinaries } = require('./provision-server.js') as { resolveProdBinaries(): ProdBinaries };

function say(line: string): void {
  process.stdout.write(`[stack:prod] ${line}\n`);
}

async function main(): Promise<void> {
  const layout = prodLayout({
    basePort: Number(process.env.AFTERCASE_PROD_BASE_PORT ?? DEFAULT_BASE_PORT),
    dataDir: path.join(path.resolve(process.env.AFTERCASE_DATA_DIR ?? '.data'), 'prod'),
  });
  const binaries = resolveProdBinaries();
  const stack = ProdStack.create({ binaries, layout, say });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping in order…`);
    void stack.stop(say).then(() => process.exit(0));
  };
  // Installed before anything starts: a Ctrl-C during start-up also stops what is already running.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.once('uncaughtException', (err) => {
    say(`uncaught: ${err.stack ?? err.message}`);
    stop('uncaught exception');
  });
  await stack.start().catch((err: unknown) => {
    if (!stopping) throw err;
    return new Promise<never>(() => undefined); // a signal stopped the start-up: stop() exits
  });

  const { ports, host } = layout;
  say('ready:');
  stack.apiUrls.forEach((url, i) => say(`  API ${i + 1}          ${url}   (health ${url}/readyz, reference ${url}/docs)`));
  say(`  Temporal UI    ${stack.uiUrl}`);
  say(`  Temporal       ${layout.frontendAddress} (gRPC), http://${host}:${ports.frontendHttp} (HTTP API), namespace ${layout.namespace}`);
  say(`                 history ${host}:${ports.history}, matching ${host}:${ports.matching}, worker ${host}:${ports.worker}, metrics http://${host}:${ports.metrics}/metrics`);
  say(`  PostgreSQL     ${host}:${ports.postgres} user temporal, databases temporal + temporal_visibility (data ${stack.postgres.dataDir})`);
  say(`  sandbox        ${stack.sandbox!.url}   (/admin/ledger, /admin/stats, /admin/faults)`);
  say(`  workers        ${stack.workers.map((w) => `${w.opts.name} pid ${w.pid}`).join(', ')}`);
  say(`  logs           ${layout.logDir}`);
  say(`  API key        ${DEVELOPMENT_API_KEYS.service} (development keys)`);
  say(`A worker or API of your own joins with: TEMPORAL_ADDRESS=${layout.frontendAddress} TEMPORAL_NAMESPACE=${layout.namespace} npm run worker`);
  say('Ctrl-C stops everything.');
}

main().catch((err: unknown) => {
  process.stderr.write(`[stack:prod] failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
