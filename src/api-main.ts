/**
 * `npm run api`: the REST API alone against a Temporal that is already running (TEMPORAL_ADDRESS etc., see
 * src/temporal/connection.ts), on AFTERCASE_HOST:AFTERCASE_API_PORT. `npm start` runs the whole
 * stack instead (src/start.ts). Every setting comes from src/config.ts (keys: AFTERCASE_API_KEYS,
 * else the development keys outside production).
 */
import type { Server } from 'node:http';
import { createApp } from './api/app';
import { launcherDataConverter } from './codec';
import { loadConfig } from './config';
import { connectClient } from './temporal/connection';
import { componentLog, createLogger } from './observability/logger';
import { missingSearchAttributes } from './temporal/search-attributes';

/** The API launcher's lines, in the one JSON-lines format (component "api"). */
const say = componentLog('api');

async function main(): Promise<void> {
  const config = loadConfig();
  const { apiKeys, webhookSecret } = config;
  const codec = launcherDataConverter(config, config.AFTERCASE_DATA_DIR);
  const { client, connection, target } = await connectClient(config.temporal, {}, codec);
  // Every case start sets search attributes: on a namespace without one, every POST /v1/cases would fail.
  const missing = await missingSearchAttributes(connection, target.namespace);
  if (missing === undefined) createLogger({ stderr: true, base: { component: 'api' } }).warn(`could not read the search attributes of namespace ${target.namespace}; cases fail to start if any is missing (docs/production.md, step 4)`);
  else if (missing.length > 0) {
    await connection.close();
    throw new Error(`namespace ${target.namespace} lacks the case search attributes ${missing.join(', ')}: register them first (docs/production.md, step 4)`);
  }
  const app = createApp({ client, namespace: target.namespace, taskQueue: config.AFTERCASE_TASK_QUEUE, policyVersion: config.AFTERCASE_POLICY_VERSION, apiKeys, webhookSecret });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.AFTERCASE_API_PORT, config.AFTERCASE_HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const url = `http://${config.AFTERCASE_HOST}:${config.AFTERCASE_API_PORT}`;
  say(`listening on ${url} (Temporal ${target.address}, namespace ${target.namespace}; ${apiKeys.count} API keys from ${apiKeys.source === 'env' ? 'AFTERCASE_API_KEYS' : 'the development set'}; ${codec.describe})`);
  const stop = () => {
    server.close(() => void connection.close().finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  createLogger({ stderr: true, base: { component: 'api' } }).fatal(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
