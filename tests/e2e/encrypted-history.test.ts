/**
 * Payload encryption on a real dev server: a case opened and worked through the API leaves only
 * ciphertext in the server's history (read raw, without the codec: no description, photo URL or
 * agent note in it), while the same history decodes with the codec and replays against today's
 * workflow code. Search attributes stay plain (the server indexes them; they hold no personal data).
 */
import { Client } from '@temporalio/client';
import { historyToJSON } from '../support/histories';
import { Worker } from '@temporalio/worker';
import { transformHistoryPayloads } from '../../src/codec/history';
import { caseWorkflowId } from '../../src/workflows/case/contract';
import { testCodec, testDataConverter } from '../support/codec';
import { Stack, waitFor } from '../support/stack';
import { workflowBundle } from '../support/temporal';

const DESCRIPTION = 'Zhang Wei says the rice cooker lid came off in the box';
const PHOTO = 'https://img.example.com/rice-cooker-lid-zhangwei.jpg?score=0.7';
const NOTE = 'called customer at 13800138000, lid hinge snapped';

let s: Stack;
beforeAll(async () => {
  s = await Stack.start('encrypted');
  await s.startWorker();
}, 120_000);
afterAll(async () => {
  await s?.teardown();
});

test('the server holds ciphertext only; with the codec the history decodes and replays', async () => {
  const caseId = await s.openCase({
    orderId: 'ORD-KETTLE-CQ',
    caseType: 'damaged',
    items: [{ sku: 'SKU-KETTLE', quantity: 1 }],
    description: DESCRIPTION,
    evidence: [{ url: PHOTO, kind: 'item' }],
  });
  const assignee = await waitFor('the specialist to be assigned', async () => (await s.view(caseId)).assignee, 30_000);
  const note = await s.call('POST', `/v1/cases/${caseId}/notes`, 'agent', { author: assignee, text: NOTE });
  expect(note.status).toBe(200);
  expect(note.body.notes.map((n: { text: string }) => n.text)).toContain(NOTE); // through the API, decoded

  // A client without the codec: what anyone with access to the server (or its database) sees.
  const raw = new Client({ connection: s.env.connection, namespace: s.env.namespace ?? 'default' });
  const history = await raw.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
  const stored = historyToJSON(history);
  const asStored = (v: string) => [v, Buffer.from(v).toString('base64')];
  for (const secret of [DESCRIPTION, 'Zhang Wei', PHOTO, 'rice-cooker-lid', NOTE, '13800138000']) {
    for (const form of asStored(secret)) expect(stored).not.toContain(form);
  }
  expect(stored).toContain(Buffer.from('binary/encrypted').toString('base64'));
  // The UI summary is a payload too: encrypted, readable in the UI through the codec server.
  expect(Buffer.from(history.events![0]!.userMetadata!.summary!.metadata!.encoding!).toString()).toBe('binary/encrypted');

  const decoded = historyToJSON(await transformHistoryPayloads(history, (p) => testCodec.decode(p)));
  for (const secret of [DESCRIPTION, PHOTO, NOTE]) {
    expect(decodedHas(decoded, secret)).toBe(true);
  }
  await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: testDataConverter }, history, caseWorkflowId(caseId));
});

/** Whether any decoded payload's data (base64 JSON in the history JSON) contains `secret`. */
function decodedHas(json: string, secret: string): boolean {
  return [...json.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].some((m) => Buffer.from(m[1]!, 'base64').toString('utf8').includes(secret));
}
