/**
 * What goes wrong during the chaos run, in order, while cases are open: the sandbox's systems start
 * failing (errors, hangs, latency: src/sandbox/faults.ts through /admin/faults), a worker is
 * SIGKILLed and a replacement started, the Temporal server process is killed and restarted,
 * PostgreSQL is stopped and started again, and the faults are lifted. Each step is logged with its
 * time and how long the stack took to take it.
 */
import type { ProdStack } from '../../src/temporal/prod/stack';
import type { ApiClient } from './api-client';

export interface Disruption {
  what: string;
  atSeconds: number;
  tookMs: number;
}

/** The external faults injected (system → fault config of src/sandbox/faults.ts). */
export const FAULTS: Record<string, Record<string, number>> = {
  payments: { errorRate: 0.15, status: 503 },
  warehouse: { failNext: 3, status: 500 },
  carriers: { latencyMs: 700, errorRate: 0.1, status: 503 },
  notifications: { errorRate: 0.25, status: 503 },
  verification: { hangNext: 3 },
  orders: { errorRate: 0.1, status: 429 },
};

export async function runDisruptions(stack: ProdStack, client: ApiClient, startedAt: number, say: (line: string) => void): Promise<Disruption[]> {
  const done: Disruption[] = [];
  const at = async (seconds: number, what: string, fn: () => Promise<unknown>) => {
    const wait = startedAt + seconds * 1000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = Date.now();
    say(`chaos @${Math.round((t0 - startedAt) / 1000)} s: ${what}…`);
    await fn();
    done.push({ what, atSeconds: Math.round((t0 - startedAt) / 1000), tookMs: Date.now() - t0 });
    say(`chaos: ${what} done in ${Date.now() - t0} ms`);
  };

  await at(5, `external faults on (${Object.keys(FAULTS).join(', ')})`, async () => {
    for (const [system, fault] of Object.entries(FAULTS)) await client.admin('PUT', `/faults/${system}`, fault);
  });
  await at(25, 'SIGKILL worker-1 and start a replacement worker', async () => {
    const victim = stack.workers.find((w) => w.alive)!;
    say(`  killing ${victim.opts.name} (pid ${victim.pid}) with SIGKILL`);
    await victim.stop('SIGKILL');
    const replacement = await stack.startWorker();
    say(`  ${replacement.opts.name} (pid ${replacement.pid}) polling`);
  });
  await at(55, 'SIGKILL the Temporal server process and start it again', () => stack.restartTemporal('SIGKILL'));
  await at(90, 'stop PostgreSQL (fast shutdown), 5 s down, start it again', () => stack.restartPostgres(5_000));
  await at(120, 'external faults off', () => client.admin('DELETE', '/faults'));
  return done;
}
