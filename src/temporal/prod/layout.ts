/**
 * Where each piece of the production topology listens and keeps its files: every port from one base
 * port (AFTERCASE_PROD_BASE_PORT), all on loopback, all data under one folder. Pure: no I/O.
 */
import path from 'node:path';

/** Offsets from the base port; the order is the start order. */
const OFFSETS = {
  postgres: 0,
  frontend: 1,
  frontendHttp: 2,
  frontendMembership: 3,
  history: 4,
  historyMembership: 5,
  matching: 6,
  matchingMembership: 7,
  worker: 8,
  workerMembership: 9,
  metrics: 10,
  ui: 20,
  api1: 30,
  api2: 31,
  sandbox: 40,
  /** Worker n's Prometheus /metrics listens on workerMetrics + n (n = 1, 2, … replacements included). */
  workerMetrics: 50,
} as const;

export type PortName = keyof typeof OFFSETS;
export type Ports = Record<PortName, number>;

export interface ProdLayout {
  host: string;
  ports: Ports;
  /** Root of this stack's files: PostgreSQL's cluster, logs, the workflow bundle. */
  dataDir: string;
  pgDataDir: string;
  logDir: string;
  namespace: string;
  /** Address of the Temporal frontend, what TEMPORAL_ADDRESS is set to. */
  frontendAddress: string;
}

export const DEFAULT_BASE_PORT = 17200;

/** The layout for a base port and a data folder (e.g. `.data/prod`). */
export function prodLayout(opts: { basePort?: number; dataDir: string; namespace?: string }): ProdLayout {
  const base = opts.basePort ?? DEFAULT_BASE_PORT;
  if (!Number.isInteger(base) || base < 1024 || base + OFFSETS.workerMetrics + 9 > 65535) throw new Error(`base port ${base} leaves no room for the stack's ${OFFSETS.workerMetrics + 10} ports`);
  const ports = Object.fromEntries(Object.entries(OFFSETS).map(([name, offset]) => [name, base + offset])) as Ports;
  const host = '127.0.0.1';
  return {
    host,
    ports,
    dataDir: opts.dataDir,
    pgDataDir: path.join(opts.dataDir, 'postgres'),
    logDir: path.join(opts.dataDir, 'logs'),
    namespace: opts.namespace ?? 'default',
    frontendAddress: `${host}:${ports.frontend}`,
  };
}

/** The environment the Temporal server config (config/temporal-server.yaml) renders its ports from. */
export function temporalServerEnv(layout: ProdLayout, db: { user: string; password: string }): Record<string, string> {
  const p = layout.ports;
  return {
    TEMPORAL_DB_HOST: layout.host,
    TEMPORAL_DB_PORT: String(p.postgres),
    TEMPORAL_DB_USER: db.user,
    TEMPORAL_DB_PASSWORD: db.password,
    TEMPORAL_FRONTEND_PORT: String(p.frontend),
    TEMPORAL_FRONTEND_HTTP_PORT: String(p.frontendHttp),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(p.frontendMembership),
    TEMPORAL_HISTORY_PORT: String(p.history),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(p.historyMembership),
    TEMPORAL_MATCHING_PORT: String(p.matching),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(p.matchingMembership),
    TEMPORAL_WORKER_PORT: String(p.worker),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: String(p.workerMembership),
    TEMPORAL_METRICS_PORT: String(p.metrics),
  };
}
