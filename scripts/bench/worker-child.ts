/**
 * A worker process of the bench: the real case worker (src/worker.ts, real activities over HTTP to
 * the sandbox) or the floor worker (no-op activities), alone in its process so its memory can be
 * read. Forked by stack.ts; answers `memory` (after a full GC) and `stop` over IPC.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { sandboxBaseUrls } from '../../src/activities/systems';
import { stickyTimeoutSetting } from '../../src/config';
import { createCaseWorker, installRuntime } from '../../src/worker';
import { createFloorActivities } from './floor/activities';

export interface WorkerChildConfig {
  kind: 'case' | 'floor';
  address: string;
  namespace: string;
  taskQueue: string;
  bundlePath: string;
  /** The sandbox root (case worker only). */
  systemsUrl?: string;
}

export type WorkerChildReply = { type: 'ready' } | { type: 'memory'; rssMiB: number; heapMiB: number } | { type: 'stopped' };

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as WorkerChildConfig;
  installRuntime();
  // Both workers take the sticky timeout the bench runs with (AFTERCASE_STICKY_TIMEOUT_S, default 10 s).
  const stickyTimeoutSeconds = stickyTimeoutSetting();
  const connection = await NativeConnection.connect({ address: config.address });
  const worker =
    config.kind === 'case'
      ? await createCaseWorker({
          connection,
          namespace: config.namespace,
          taskQueue: config.taskQueue,
          workflowBundle: { codePath: config.bundlePath },
          activities: createActivities({ baseUrls: sandboxBaseUrls(config.systemsUrl!), timeoutMs: 10_000 }),
          stickyTimeoutSeconds,
        })
      : await Worker.create({
          connection,
          namespace: config.namespace,
          taskQueue: config.taskQueue,
          workflowBundle: { codePath: config.bundlePath },
          activities: createFloorActivities(),
          stickyQueueScheduleToStartTimeout: `${stickyTimeoutSeconds}s`,
        });
  const running = worker.run();
  const reply = (m: WorkerChildReply) => process.send!(m);
  const onMessage = async (m: { type: string }): Promise<void> => {
    if (m.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      const u = process.memoryUsage();
      reply({ type: 'memory', rssMiB: u.rss / 2 ** 20, heapMiB: u.heapUsed / 2 ** 20 });
    } else if (m.type === 'stop') {
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      reply({ type: 'stopped' });
      process.exit(0);
    }
  };
  process.on('message', (m: { type: string }) => void onMessage(m));
  reply({ type: 'ready' });
  await running;
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench worker] ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
