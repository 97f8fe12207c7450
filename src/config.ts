/**
 * Runtime settings from the environment, validated once at start-up. Temporal's own connection
 * settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key) are read by src/temporal/connection.ts.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  AFTERCASE_DATA_DIR: z.string().default(path.resolve(process.cwd(), '.data')),
  AFTERCASE_HOST: z.string().default('127.0.0.1'),
  AFTERCASE_API_PORT: port.default(3000),
  AFTERCASE_SANDBOX_PORT: port.default(4000),
  AFTERCASE_TEMPORAL_PORT: port.default(7233),
  AFTERCASE_TEMPORAL_UI_PORT: port.default(8233),
  /** Base URL of every external system; each can be overridden per system below. */
  AFTERCASE_SYSTEMS_URL: z.string().url().optional(),
  AFTERCASE_ORDERS_URL: z.string().url().optional(),
  AFTERCASE_PAYMENTS_URL: z.string().url().optional(),
  AFTERCASE_WAREHOUSE_URL: z.string().url().optional(),
  AFTERCASE_CARRIERS_URL: z.string().url().optional(),
  AFTERCASE_VERIFICATION_URL: z.string().url().optional(),
  AFTERCASE_AGENTS_URL: z.string().url().optional(),
  AFTERCASE_NOTIFICATIONS_URL: z.string().url().optional(),
  AFTERCASE_COUPONS_URL: z.string().url().optional(),
  AFTERCASE_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  AFTERCASE_WEBHOOK_SECRET: z.string().min(16).default('dev-carrier-webhook-secret'),
});

export type AppConfig = z.infer<typeof schema>;

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid aftercase configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const SYSTEMS = ['orders', 'payments', 'warehouse', 'carriers', 'verification', 'agents', 'notifications', 'coupons'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** The base URL of each external system: its own variable, else AFTERCASE_SYSTEMS_URL/<system>. */
export function systemUrls(config: AppConfig, fallbackBase?: string): Record<SystemName, string> {
  const base = config.AFTERCASE_SYSTEMS_URL ?? fallbackBase;
  const own: Record<SystemName, string | undefined> = {
    orders: config.AFTERCASE_ORDERS_URL,
    payments: config.AFTERCASE_PAYMENTS_URL,
    warehouse: config.AFTERCASE_WAREHOUSE_URL,
    carriers: config.AFTERCASE_CARRIERS_URL,
    verification: config.AFTERCASE_VERIFICATION_URL,
    agents: config.AFTERCASE_AGENTS_URL,
    notifications: config.AFTERCASE_NOTIFICATIONS_URL,
    coupons: config.AFTERCASE_COUPONS_URL,
  };
  const out = {} as Record<SystemName, string>;
  for (const system of SYSTEMS) {
    const url = own[system] ?? (base ? `${base.replace(/\/$/, '')}/${system}` : undefined);
    if (!url) throw new Error(`No URL for the ${system} system: set AFTERCASE_SYSTEMS_URL or AFTERCASE_${system.toUpperCase()}_URL`);
    out[system] = url;
  }
  return out;
}
