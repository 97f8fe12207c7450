/** The one log format: JSON lines, ISO time, level names, personal data redacted at any depth. */
import { Writable } from 'node:stream';
import { createLogger, entryLogger, REDACTED_FIELDS } from '../../../src/observability/logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

test('JSON lines with level names and ISO times; personal data never reaches the output', () => {
  const { lines, destination } = capture();
  const log = createLogger({ pretty: false, destination, base: { component: 'test' } });
  log.info(
    {
      caseId: 'AC-1',
      description: 'my kettle lid cracked, call me',
      photos: [{ url: 'https://img.example.com/me.jpg' }],
      customer: { name: 'Zhang Wei', phone: '13800138000', address: { city: 'Chongqing' } },
      update: { note: { text: 'called at home' } },
      feedback: { comment: 'slow' },
      message: { customerRef: 'CUST-0042', params: { contact: 'Li Na' } },
    },
    'case_opened',
  );
  const line = JSON.parse(lines[0]!);
  expect(line).toMatchObject({ level: 'info', msg: 'case_opened', component: 'test', caseId: 'AC-1', description: '[redacted]', photos: '[redacted]' });
  expect(line.customer).toEqual({ name: '[redacted]', phone: '[redacted]', address: '[redacted]' });
  expect(new Date(line.time).toISOString()).toBe(line.time);
  expect(line.message).toEqual({ customerRef: '[redacted]', params: '[redacted]' });
  for (const secret of ['kettle', 'me.jpg', 'Zhang', '13800138000', 'Chongqing', 'called at home', 'slow', 'CUST-0042', 'Li Na']) expect(lines[0]).not.toContain(secret);
  expect(REDACTED_FIELDS).toEqual(expect.arrayContaining(['description', 'photos', 'url', 'notes', 'comment', 'name', 'phone', 'address']));
});

test('the API log entries keep their level and message', () => {
  const { lines, destination } = capture();
  entryLogger(createLogger({ pretty: false, destination }))({ level: 'warn', msg: 'http_request', route: '/v1/cases/{id}', status: 503 });
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'http_request', route: '/v1/cases/{id}', status: 503 });
});

test('pretty mode writes human lines, still redacted', () => {
  const { lines, destination } = capture();
  createLogger({ pretty: true, destination }).info({ phone: '13800138000', caseId: 'AC-2' }, 'hello');
  const text = lines.join('\n');
  expect(text).toContain('hello');
  expect(text).toContain('AC-2');
  expect(text).not.toContain('13800138000');
  expect(() => JSON.parse(lines[0]!)).toThrow();
});
