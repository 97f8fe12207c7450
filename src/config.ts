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
  /** Root URL of the external systems (`<root>/<system>`); unset = the embedded sandbox.
   *  Each system can be pointed elsewhere with AFTERCASE_<SYSTEM>_URL (src/activities/systems.ts). */
  AFTERCASE_SYSTEMS_URL: z.string().url().optional(),
  AFTERCASE_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** The case task queue of a standalone worker (`npm run worker`); default aftercase-cases. */
  AFTERCASE_TASK_QUEUE: z.string().min(1).optional(),
  /** A pre-built workflow bundle for a standalone worker; default: bundle at start. */
  AFTERCASE_WORKFLOW_BUNDLE: z.string().min(1).optional(),
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
