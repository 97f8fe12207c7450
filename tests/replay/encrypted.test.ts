/**
 * Replay works with the codec on: one stored (plain) history, its payloads encrypted with the
 * committed test key, replays with the codec in the replay worker's data converter, and does not
 * replay without it. Stored histories stay plain (tests/histories/README.md).
 */
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '../support/histories';
import { transformHistoryPayloads } from '../../src/codec/history';
import { readHistories } from '../support/histories';
import { installRuntime } from '../../src/worker';
import { testCodec, testDataConverter } from '../support/codec';
import { workflowBundle } from '../support/temporal';

const stored = readHistories().find((s) => s.file === 'afterSalesCase_damaged-reship-ems-gift_v2.json')!;

beforeAll(() => installRuntime());

test('an encrypted copy of a stored history holds no plaintext and replays with the codec only', async () => {
  const plainJson = historyToJSON(stored.history as never);
  const plainInput = stored.history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  expect(Buffer.from(plainInput.data!).toString()).toContain('orderId'); // the stored history is plain
  const encrypted = await transformHistoryPayloads(stored.history, (p) => testCodec.encode(p));
  const started = encrypted.events[0]!.workflowExecutionStartedEventAttributes!;
  const input = Buffer.from(started.input!.payloads![0]!.data!).toString('latin1');
  expect(input).not.toContain('orderId');
  expect(Buffer.from(started.input!.payloads![0]!.metadata!.encoding!).toString()).toBe('binary/encrypted');
  // Search attributes are never encoded: the server must index them.
  const upserts = encrypted.events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes);
  expect(upserts.length).toBeGreaterThan(0);
  expect(Buffer.from(upserts[0]!.upsertWorkflowSearchAttributesEventAttributes!.searchAttributes!.indexedFields!.CaseStatus!.data!).toString()).toMatch(/^"/);

  await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: testDataConverter }, encrypted, stored.workflowId);
  await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle() }, encrypted, stored.workflowId)).rejects.toThrow();
  // Decoding gives back the stored history exactly.
  const decoded = await transformHistoryPayloads(encrypted, (p) => testCodec.decode(p));
  expect(historyToJSON(decoded)).toEqual(plainJson);
});
