/** The problem handler's log: a 5xx the caller is meant to retry (an unknown tracking number) is no error. */
import express from 'express';
import request from 'supertest';
import { CaseError } from '../../../src/cases/errors';
import { ApiError, problemHandler } from '../../../src/api/errors';

function appThrowing(err: unknown, logs: object[]) {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = 'req-1';
    next();
  });
  app.get('/x', () => {
    throw err;
  });
  app.use(problemHandler((e) => logs.push(e)));
  return app;
}

test('tracking_number_unknown: a 503 with Retry-After, logged at info without the number', async () => {
  const logs: object[] = [];
  const res = await request(appThrowing(new CaseError('tracking_number_unknown', 'no case has tracking number SF100000000008 yet'), logs)).get('/x');
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('1');
  expect(logs).toEqual([{ level: 'info', msg: 'request_refused', requestId: 'req-1', kind: 'tracking_number_unknown' }]);
});

test('an unexpected failure is still an error', async () => {
  const logs: object[] = [];
  const res = await request(appThrowing(new Error('boom'), logs)).get('/x');
  expect(res.status).toBe(500);
  expect(logs).toEqual([expect.objectContaining({ level: 'error', msg: 'request_failed', kind: 'internal', error: 'Error: boom' })]);
});

test('carrier_mismatch is a 409 problem and not logged by the handler', async () => {
  const logs: object[] = [];
  const res = await request(appThrowing(new ApiError('carrier_mismatch', 'tracking number X belongs to a parcel of another carrier'), logs)).get('/x');
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ type: '/docs#problem-carrier_mismatch', status: 409 });
  expect(logs).toEqual([]);
});
