/**
 * Every setting of aftercase, parsed once at start by one zod schema: the only file that reads
 * process.env. The launchers (src/start.ts, src/api-main.ts, src/worker-main.ts) call loadConfig()
 * and hand the parts on. Temporal's own connection settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TLS, API key, or a temporal.toml profile) are read by @temporalio/envconfig from the same
 * environment, once, here.
 *
 * With NODE_ENV=production nothing falls back to a development value: a missing API key set or
 * webhook secret is a start-up error naming every missing setting.
 */
import path from 'node:path';
import { loadClientConnectConfig, type ClientConnectConfig } from '@temporalio/envconfig';
import { z } from 'zod';
import { developmentApiKeys, parseApiKeys, type ApiKeys } from './api-keys';
import { parseCodecKeys } from './codec/keys';
import { SYSTEMS, type SystemName } from './domain/systems';
import { CURRENT_POLICY_VERSION, POLICY_VERSIONS } from './policy/versions';
import { STICKY_TIMEOUT_SECONDS } from './worker-settings';
import { CASE_TASK_QUEUE } from './workflows/case/contract';

/** Empty variables count as unset (`FOO= npm start`): a setting with a default takes it. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(unsetIfEmpty, schema.optional());
const withDefault = <S extends z.ZodType>(schema: S) => z.preprocess(unsetIfEmpty, schema);
const port = (fallback: number) => withDefault(z.coerce.number().int().min(0).max(65535).default(fallback));
const stickyTimeout = withDefault(z.coerce.number().int().min(1).max(600).default(STICKY_TIMEOUT_SECONDS));
const url = z.url({ protocol: /^https?$/ });
const DEVELOPMENT_WEBHOOK_SECRET = 'dev-carrier-webhook-secret';

function apiKeysOrIssue(raw: string, ctx: z.RefinementCtx): ApiKeys {
  try {
    return parseApiKeys(raw);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
}

/** The payload codec keys must parse (the message names the entry, never the key). */
function codecKeysOrIssue(raw: string, ctx: z.RefinementCtx): void {
  try {
    parseCodecKeys(raw);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
}

/** `AFTERCASE_<SYSTEM>_URL`: where one external system lives (else `<AFTERCASE_SYSTEMS_URL>/<system>`). */
type SystemUrlVariable = `AFTERCASE_${Uppercase<SystemName>}_URL`;
export const systemUrlVariable = (system: SystemName) => `AFTERCASE_${system.toUpperCase()}_URL` as SystemUrlVariable;
const systemUrls = Object.fromEntries(SYSTEMS.map((s) => [systemUrlVariable(s), optional(url)])) as Record<SystemUrlVariable, ReturnType<typeof optional<typeof url>>>;

const schema = z
  .object({
    NODE_ENV: optional(z.string()),
    AFTERCASE_DATA_DIR: z.string().default(path.resolve(process.cwd(), '.data')),
    AFTERCASE_HOST: z.string().default('127.0.0.1'),
    AFTERCASE_API_PORT: port(3000),
    AFTERCASE_SANDBOX_PORT: port(4000),
    AFTERCASE_TEMPORAL_PORT: port(7233),
    AFTERCASE_TEMPORAL_UI_PORT: port(8233),
    /** Root URL of the external systems (`<root>/<system>`); unset = the embedded sandbox. */
    AFTERCASE_SYSTEMS_URL: optional(url),
    ...systemUrls,
    /** Per-request timeout of the adapters. */
    AFTERCASE_HTTP_TIMEOUT_MS: withDefault(z.coerce.number().int().positive().default(10_000)),
    /** How long a workflow task may wait on a case worker's sticky queue (src/worker-settings.ts; docs/production.md). */
    AFTERCASE_STICKY_TIMEOUT_S: stickyTimeout,
    /** The case task queue (worker and API). */
    AFTERCASE_TASK_QUEUE: z.string().min(1).default(CASE_TASK_QUEUE),
    /** A pre-built workflow bundle for a standalone worker; default: bundle at start. */
    AFTERCASE_WORKFLOW_BUNDLE: optional(z.string().min(1)),
    /** HMAC key of the carrier webhooks (and of the list's page tokens). */
    AFTERCASE_WEBHOOK_SECRET: optional(z.string().min(16)),
    /** `role:key,role:key`; unset = the development keys (src/api-keys.ts). */
    AFTERCASE_API_KEYS: optional(z.string().trim().min(1).transform(apiKeysOrIssue)),
    /** Payload codec keys `id:base64key,…`, newest last; unset = <dataDir>/codec-keys.json (refused in production). */
    AFTERCASE_CODEC_KEYS: optional(z.string().trim().min(1).superRefine(codecKeysOrIssue)),
    /** Worker Prometheus /metrics port (sdk-core); unset = 9464, `0` or `off` = none. */
    AFTERCASE_WORKER_METRICS_PORT: optional(z.string().trim()),
    /** The policy version new cases open under (a published one, src/policy/versions.ts). */
    AFTERCASE_POLICY_VERSION: z.enum(Object.keys(POLICY_VERSIONS) as [string, ...string[]]).default(CURRENT_POLICY_VERSION),
    /** pino log level. */
    AFTERCASE_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
    /** The folder with PostgreSQL's initdb and pg_ctl (production topology); unset = found (src/temporal/prod/postgres.ts). */
    AFTERCASE_PG_BIN: optional(z.string().min(1)),
    /** The Temporal CLI that runs the embedded dev server; `npm start` provisions it and sets this. */
    TEMPORAL_CLI_PATH: optional(z.string().min(1)),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['AFTERCASE_API_KEYS', 'AFTERCASE_WEBHOOK_SECRET', 'AFTERCASE_CODEC_KEYS'] as const) {
      if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'must be set in production (no development default)' });
    }
  })
  .transform(({ AFTERCASE_API_KEYS, ...env }) => ({
    ...env,
    production: env.NODE_ENV === 'production',
    webhookSecret: env.AFTERCASE_WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET,
    apiKeys: AFTERCASE_API_KEYS ?? developmentApiKeys(),
  }));

export type AppConfig = z.output<typeof schema> & {
  /** Temporal's connection settings (envconfig: TEMPORAL_* variables or a temporal.toml profile). */
  temporal: ClientConnectConfig;
  /** True when those settings name a Temporal to use (then `npm start` starts no dev server). */
  temporalConfigured: boolean;
};

function invalidConfiguration(lines: string[]): Error {
  return new Error(`Invalid aftercase configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}

/** Parses the environment once; throws one readable error listing every bad or missing setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw invalidConfiguration(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const defined = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const temporal = loadClientConnectConfig({ overrideEnvVars: defined });
  return { ...parsed.data, temporal, temporalConfigured: temporal.connectionOptions.address !== undefined };
}

/**
 * One setting, read before loadConfig() runs: the log level of a logger made at import time, and
 * AFTERCASE_PG_BIN for the production topology's launchers. Unset or empty is undefined; loadConfig
 * still validates both at start.
 */
export function earlySetting(name: 'AFTERCASE_LOG_LEVEL' | 'AFTERCASE_PG_BIN', env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[name] || undefined;
}

/**
 * AFTERCASE_STICKY_TIMEOUT_S alone, validated as loadConfig does (unset or empty: the default), for
 * processes that take no other setting (the bench's workers).
 */
export function stickyTimeoutSetting(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = stickyTimeout.safeParse(env.AFTERCASE_STICKY_TIMEOUT_S);
  if (!parsed.success) throw invalidConfiguration(parsed.error.issues.map((i) => `AFTERCASE_STICKY_TIMEOUT_S: ${i.message}`));
  return parsed.data;
}

/**
 * The environment a child process inherits (the production topology's servers, psql): PATH, HOME
 * and the like pass on as they are; they are not aftercase settings.
 */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/**
 * The base URL of every external system: its `AFTERCASE_<SYSTEM>_URL`, else `<root>/<system>` with
 * root = AFTERCASE_SYSTEMS_URL or `fallbackRoot` (the embedded sandbox). Throws naming the first
 * system left without one.
 */
export function systemBaseUrls(config: AppConfig, fallbackRoot?: string): Record<SystemName, string> {
  const root = (config.AFTERCASE_SYSTEMS_URL ?? fallbackRoot)?.replace(/\/+$/, '');
  const urls = {} as Record<SystemName, string>;
  for (const system of SYSTEMS) {
    const found = config[systemUrlVariable(system)] ?? (root ? `${root}/${system}` : undefined);
    if (!found) throw new Error(`No base URL for ${system}: set ${systemUrlVariable(system)} or AFTERCASE_SYSTEMS_URL`);
    urls[system] = found.replace(/\/+$/, '');
  }
  return urls;
}
