/**
 * The API and the sandbox of the bench, in their own process (as `npm run api` and the systems a
 * merchant runs would be): the REST API of src/api/app.ts on the development keys, and the sandbox
 * that the case worker's activities call. Forked by stack.ts; prints nothing per request.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../src/api/app';
import { loadApiKeys } from '../../src/api/auth';
import { startSandbox } from '../../src/sandbox/server';

export interface ApiChildConfig {
  address: string;
  namespace: string;
  taskQueue: string;
}

export type ApiChildReply = { type: 'ready'; api: string; sandbox: string };

const WEBHOOK_SECRET = 'bench-carrier-webhook-secret';

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as ApiChildConfig;
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace });
  const app = createApp({
    client,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    apiKeys: loadApiKeys({}),
    webhookSecret: WEBHOOK_SECRET,
    logger: () => undefined,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sandbox = await startSandbox({ port: 0, webhookUrl: `${api}/v1/webhooks/carriers`, webhookSecret: WEBHOOK_SECRET });
  process.on('message', async (m: { type: string }) => {
    if (m.type !== 'stop') return;
    server.closeAllConnections();
    server.close();
    await sandbox.close();
    await connection.close();
    process.exit(0);
  });
  const ready: ApiChildReply = { type: 'ready', api, sandbox: sandbox.url };
  process.send!(ready);
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench api] ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
