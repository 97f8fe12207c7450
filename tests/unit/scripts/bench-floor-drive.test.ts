/**
 * The bench's floor drive reads a failed query as "not there yet", as the case drive reads a
 * failed GET, until its deadline; and a phase's failure names the error's causes.
 */
import type { Client } from '@temporalio/client';
import { describeError, driveFloorCase } from '../../../scripts/bench/drive';

function fakeClient(answers: Array<number | Error>) {
  const sent: string[] = [];
  const handle = {
    query: async () => {
      const next = answers.shift();
      sent.push('query');
      if (next instanceof Error) throw next;
      return next ?? 0;
    },
    executeUpdate: async (_u: unknown, o: { args: [number] }) => void sent.push(`update ${o.args[0]}`),
    result: async () => void sent.push('result'),
  };
  return { client: { workflow: { getHandle: () => handle } } as unknown as Client, sent };
}

const shape = { activitiesBefore: 1, activitiesAfter: 1, timers: 0, firedTimers: 0, updates: 2 };

test('a query that fails while the floor case starts is polled again', async () => {
  const f = fakeClient([new Error('Failed to query Workflow'), 0, 1]);
  await driveFloorCase(f.client, 'floor-1', shape, 1);
  expect(f.sent).toEqual(['query', 'query', 'query', 'update 0', 'update 1', 'result']);
});

test('past its deadline the drive fails, naming the last failure and its cause', async () => {
  const failure = new Error('Failed to query Workflow', { cause: new Error('14 UNAVAILABLE: connection refused') });
  const f = fakeClient(Array.from({ length: 1000 }, () => failure));
  await expect(driveFloorCase(f.client, 'floor-2', shape, 1, 20)).rejects.toThrow(
    'floor case floor-2 never reached its first stage (last query: Failed to query Workflow: 14 UNAVAILABLE: connection refused)',
  );
  expect(f.sent).not.toContain('update 0');
});

test('describeError joins an error and its causes', () => {
  expect(describeError(new Error('a', { cause: new Error('b', { cause: 'c' }) }))).toBe('a: b: c');
  expect(describeError('plain')).toBe('plain');
});
