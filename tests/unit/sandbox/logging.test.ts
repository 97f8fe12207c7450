/** The sandbox logs through the one pino format: JSON lines, component "sandbox", ids and enums only. */
import { Writable } from 'node:stream';
import { componentLog, createLogger } from '../../../src/observability/logger';
import { startSandbox } from '../../../src/sandbox/server';

test('the sandbox writes JSON lines without the personal data it holds', async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ pretty: false, destination });
  const sandbox = await startSandbox({ port: 0, log: componentLog('sandbox', () => logger) });
  try {
    const post = (path: string, key: string, body: object) =>
      fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
    const customer = await post('/notifications/customer-messages', 'AC-LOG-1:m1', { caseId: 'AC-LOG-1', customerRef: 'CUST-0001', template: 'case_opened', params: {} });
    expect(customer.status).toBeLessThan(300);
    const staff = await post('/notifications/staff-messages', 'AC-LOG-1:m2', { caseId: 'AC-LOG-1', recipientId: 'AG-EAST-01', template: 'case_assigned', params: {} });
    expect(staff.status).toBeLessThan(300);
  } finally {
    await sandbox.close();
  }
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed.map((l) => [l.component, l.msg])).toEqual([
    ['sandbox', 'listening'],
    ['sandbox', 'customer notified'],
    ['sandbox', 'staff notified'],
  ]);
  expect(parsed[0]).toMatchObject({ listeningAt: sandbox.url }); // where it listens is not redacted
  expect(parsed[1]).toMatchObject({ level: 'info', system: 'notifications', template: 'case_opened', caseId: 'AC-LOG-1', channel: expect.any(String) });
  expect(parsed[2]).toMatchObject({ template: 'case_assigned', recipientId: 'AG-EAST-01' });
  expect(lines.join('\n')).not.toMatch(/CUST-0001|customerRef/);
});
