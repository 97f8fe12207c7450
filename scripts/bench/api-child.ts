/**
 * The API and the sandbox of the bench, in their own process (as `npm run api` and the systems a
 * merchant runs would be): the REST API of src/api/app.ts on the development keys, and the sandbox
 * that the case worker's activities call. Forked by stack.ts; prints nothing per request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { createApp } from '../../src/api/app';
import { developmentApiKeys } from '../../src/api-keys';
import type { OpenCaseRequest } from '../../src/api/cases/schemas';
import { CURRENT_POLICY_VERSION } from '../../src/policy/versions';
import { startSandbox } from '../../src/sandbox/server';
import { RAW_START_PREFIX } from './raw-start';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, type OpenCaseInput } from '../../src/workflows/case/contract';

export interface ApiChildConfig {
  address: string;
  namespace: string;
  taskQueue: string;
}

/**
 * `api`: the API, and on the same listener `POST /raw-start/{caseId}`, the floor of opening a case
 * (client.workflow.start and nothing else), so one connection can alternate the two.
 */
export type ApiChildReply = { type: 'ready'; api: string; sandbox: string };


const WEBHOOK_SECRET = 'bench-carrier-webhook-secret';

/** One listener for both: `/raw-start/…` goes to the floor's own Express app, the rest to the API's. */
function listen(api: express.Application, raw: express.Application): Promise<Server> {
  const server = createServer((req, res) => void (req.url?.startsWith(RAW_START_PREFIX) ? raw : api)(req, res));
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

/**
 * The floor of `POST /v1/cases`: the same HTTP hop into the same process, listener and Temporal
 * connection, then only `client.workflow.start` of the case workflow with the input the API would build. The
 * case id comes from the request (the driver names it), so no look-up is needed.
 */
function rawStartApp(client: Client, taskQueue: string): express.Application {
  const app = express();
  app.use(express.json());
  app.post(`${RAW_START_PREFIX}:caseId`, async (req, res) => {
    const caseId = req.params.caseId;
    const input: OpenCaseInput = { ...(req.body as OpenCaseRequest), caseId, policyVersion: CURRENT_POLICY_VERSION, openedAt: new Date().toISOString() };
    try {
      await client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(caseId), taskQueue, args: [input] });
      res.status(201).json({ caseId });
    } catch (err) {
      res.status(500).json({ error: (err as Error).message });
    }
  });
  return app;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as ApiChildConfig;
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace });
  const app = createApp({
    client,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    apiKeys: developmentApiKeys(),
    webhookSecret: WEBHOOK_SECRET,
    logger: () => undefined,
  });
  const server = await listen(app, rawStartApp(client, config.taskQueue));
  const api = url(server);
  const sandbox = await startSandbox({ port: 0, webhookUrl: `${api}/v1/webhooks/carriers`, webhookSecret: WEBHOOK_SECRET });
  const onMessage = async (m: { type: string }): Promise<void> => {
    if (m.type !== 'stop') return;
    server.closeAllConnections();
    server.close();
    await sandbox.close();
    await connection.close();
    process.exit(0);
  };
  process.on('message', (m: { type: string }) => void onMessage(m));
  const ready: ApiChildReply = { type: 'ready', api, sandbox: sandbox.url };
  process.send!(ready);
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench api] ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
