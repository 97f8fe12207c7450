/**
 * Temporal's own server (1.29.1) on PostgreSQL: the schema (created and updated with Temporal's SQL
 * tool, from the schemas embedded in it), the server process (config/temporal-server.yaml), and the
 * namespace with the case search attributes. What an operator does once per cluster is here in code.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/case/search-attributes';
import { registerSearchAttributes } from '../search-attributes';
import { temporalServerEnv, type ProdLayout } from './layout';
import type { Postgres } from './postgres';
import { Service, waitUntil } from './processes';

const ROOT = path.resolve(__dirname, '../../..');
/** The config folder and environment name the server is started with (config/<env>.yaml). */
export const SERVER_CONFIG_DIR = path.relative(ROOT, path.join(__dirname, 'config'));
export const SERVER_CONFIG_ENV = 'temporal-server';
const DYNAMIC_CONFIG = path.join(SERVER_CONFIG_DIR, 'dynamic-config.yaml');

const SCHEMAS = [
  { database: 'temporal', schemaName: 'postgresql/v12/temporal' },
  { database: 'temporal_visibility', schemaName: 'postgresql/v12/visibility' },
] as const;

/** Creates both databases if missing and brings their schemas to the tool's latest version (idempotent). */
export function setupSchema(sqlTool: string, pg: Postgres, say: (line: string) => void): void {
  const { host, port, user, password } = pg.opts;
  const tool = (database: string, args: string[]) => {
    const res = spawnSync(
      sqlTool,
      ['--plugin', 'postgres12', '--endpoint', host, '--port', String(port), '--user', user, '--password', password, '--database', database, ...args],
      { encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`temporal sql tool ${args[0]} on ${database} failed: ${(res.stderr || res.stdout).trim().split('\n').slice(-3).join(' ')}`);
  };
  for (const { database, schemaName } of SCHEMAS) {
    const exists = pg.query('postgres', `SELECT 1 FROM pg_database WHERE datname = '${database}'`).length > 0;
    if (!exists) {
      tool(database, ['create-database']);
      tool(database, ['setup-schema', '--version', '0.0']);
    }
    tool(database, ['update-schema', '--schema-name', schemaName]);
    const version = pg.query(database, 'SELECT curr_version FROM schema_version')[0];
    say(`  schema ${database}: ${schemaName} v${version}${exists ? '' : ' (created)'}`);
  }
}

/** The server process: all four services (frontend, history, matching, worker) in one process. */
export function temporalServerService(binary: string, layout: ProdLayout, db: { user: string; password: string }): Service {
  const address = layout.frontendAddress;
  return new Service({
    name: 'temporal-server',
    command: binary,
    args: ['--root', ROOT, '--config', SERVER_CONFIG_DIR, '--env', SERVER_CONFIG_ENV, '--allow-no-auth', 'start'],
    env: { ...temporalServerEnv(layout, db), TEMPORAL_DYNAMIC_CONFIG: DYNAMIC_CONFIG },
    logDir: layout.logDir,
    ready: () => frontendAnswers(address),
  });
}

/** True when the frontend answers and the system namespace exists (the server finished starting). */
async function frontendAnswers(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 }).catch(() => undefined);
  if (!connection) return false;
  try {
    await connection.workflowService.getSystemInfo({});
    await connection.workflowService.describeNamespace({ namespace: 'temporal-system' });
    return true;
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

/** Registers the namespace (3-day retention) if missing, then the case search attributes; waits until both are usable. */
export async function prepareNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const NOT_FOUND = 5;
    const found = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      (err: unknown) => {
        if (isGrpcServiceError(err) && err.code === NOT_FOUND) return false;
        throw err;
      },
    );
    if (!found) await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
    const wanted = CASE_SEARCH_ATTRIBUTES.map((k) => k.name);
    await waitUntil(`namespace ${namespace} with the case search attributes`, async () => {
      await registerSearchAttributes(connection, namespace);
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      return wanted.every((name) => customAttributes && name in customAttributes);
    }, 60_000);
  } finally {
    await connection.close();
  }
}
