/**
 * src/config.ts: one schema parses every setting once; production never runs on a development
 * default; per-system URLs beat the shared root.
 */
import { loadConfig, stickyTimeoutSetting, systemBaseUrls } from '../../src/config';
import { CASE_TASK_QUEUE } from '../../src/workflows/case/contract';

test('no settings: the development defaults', () => {
  const config = loadConfig({});
  expect(config.AFTERCASE_API_PORT).toBe(3000);
  expect(config.AFTERCASE_TASK_QUEUE).toBe(CASE_TASK_QUEUE);
  expect(config.AFTERCASE_HTTP_TIMEOUT_MS).toBe(10_000);
  expect(config.AFTERCASE_STICKY_TIMEOUT_S).toBe(10); // the SDK's default
  expect(config.apiKeys.source).toBe('development');
  expect(config.webhookSecret).toBe('dev-carrier-webhook-secret');
  expect(config.production).toBe(false);
  expect(config.temporalConfigured).toBe(false);
  expect(config.AFTERCASE_POLICY_VERSION).toBe('2026-12-v2'); // working calendars, reviews of photo-less claims
});

test("the sticky queue's timeout: whole seconds from 1 to 600, anything else refused at start", () => {
  expect(loadConfig({ AFTERCASE_STICKY_TIMEOUT_S: '30' }).AFTERCASE_STICKY_TIMEOUT_S).toBe(30);
  for (const bad of ['0', '601', '2.5', 'thirty']) expect(() => loadConfig({ AFTERCASE_STICKY_TIMEOUT_S: bad })).toThrow(/AFTERCASE_STICKY_TIMEOUT_S/);
  // Read alone (the bench's workers), even where the rest of the configuration would not load.
  expect(stickyTimeoutSetting({ NODE_ENV: 'production', AFTERCASE_STICKY_TIMEOUT_S: '30' })).toBe(30);
  expect(stickyTimeoutSetting({ AFTERCASE_STICKY_TIMEOUT_S: '' })).toBe(10);
  expect(() => stickyTimeoutSetting({ AFTERCASE_STICKY_TIMEOUT_S: '0' })).toThrow(/AFTERCASE_STICKY_TIMEOUT_S: /);
});

test('the policy version of new cases: any published one, an unknown one refused at start', () => {
  expect(loadConfig({ AFTERCASE_POLICY_VERSION: '2026-11-v1' }).AFTERCASE_POLICY_VERSION).toBe('2026-11-v1');
  expect(() => loadConfig({ AFTERCASE_POLICY_VERSION: '2027-01-v1' })).toThrow(/AFTERCASE_POLICY_VERSION/);
});

test('production without keys, webhook secret and codec keys fails at start, naming all three at once', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
    /AFTERCASE_API_KEYS: must be set in production[^]*AFTERCASE_WEBHOOK_SECRET: must be set in production[^]*AFTERCASE_CODEC_KEYS: must be set in production/,
  );
  expect(() => loadConfig({ NODE_ENV: 'production', AFTERCASE_API_KEYS: 'service:prod-service-key' })).toThrow(/AFTERCASE_WEBHOOK_SECRET[^]*AFTERCASE_CODEC_KEYS/);
  expect(() => loadConfig({ NODE_ENV: 'production', AFTERCASE_API_KEYS: 'service:prod-service-key' })).not.toThrow(/AFTERCASE_API_KEYS/);
  const codecKeys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
  const config = loadConfig({ NODE_ENV: 'production', AFTERCASE_API_KEYS: 'service:prod-service-key', AFTERCASE_WEBHOOK_SECRET: 'prod-webhook-secret-0123', AFTERCASE_CODEC_KEYS: codecKeys });
  expect(config.apiKeys.source).toBe('env');
  expect(config.webhookSecret).toBe('prod-webhook-secret-0123');
});

test('every bad setting is listed in one error; empty variables count as unset', () => {
  let message = '';
  try {
    loadConfig({ AFTERCASE_API_PORT: 'eighty', AFTERCASE_PAYMENTS_URL: 'not a url', AFTERCASE_API_KEYS: 'admin:some-admin-key', AFTERCASE_WEBHOOK_SECRET: 'short' });
  } catch (err) {
    message = (err as Error).message;
  }
  for (const name of ['AFTERCASE_API_PORT', 'AFTERCASE_PAYMENTS_URL', 'AFTERCASE_API_KEYS', 'AFTERCASE_WEBHOOK_SECRET']) expect(message).toContain(name);
  expect(message).not.toContain('some-admin-key');
  expect(loadConfig({ AFTERCASE_API_KEYS: '', AFTERCASE_SYSTEMS_URL: '' }).apiKeys.source).toBe('development');
  // Numbers too: an empty port is its default, not port 0 (any port), and an empty timeout is not 0.
  const empty = loadConfig({ AFTERCASE_API_PORT: '', AFTERCASE_TEMPORAL_PORT: '', AFTERCASE_HTTP_TIMEOUT_MS: '', AFTERCASE_STICKY_TIMEOUT_S: '' });
  expect([empty.AFTERCASE_API_PORT, empty.AFTERCASE_TEMPORAL_PORT, empty.AFTERCASE_HTTP_TIMEOUT_MS, empty.AFTERCASE_STICKY_TIMEOUT_S]).toEqual([3000, 7233, 10_000, 10]);
});

test('system URLs: AFTERCASE_<SYSTEM>_URL wins over the shared root, which wins over the sandbox', () => {
  const config = loadConfig({ AFTERCASE_SYSTEMS_URL: 'http://merchant.example/api/', AFTERCASE_PAYMENTS_URL: 'https://pay.example/v2/' });
  const urls = systemBaseUrls(config, 'http://127.0.0.1:4000');
  expect(urls.payments).toBe('https://pay.example/v2');
  expect(urls.orders).toBe('http://merchant.example/api/orders');
  expect(systemBaseUrls(loadConfig({}), 'http://127.0.0.1:4000/').coupons).toBe('http://127.0.0.1:4000/coupons');
  expect(() => systemBaseUrls(loadConfig({ AFTERCASE_ORDERS_URL: 'http://oms.example' }))).toThrow(/No base URL for payments: set AFTERCASE_PAYMENTS_URL/);
});

test('Temporal settings come from the same environment through envconfig', () => {
  const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'cases' });
  expect(config.temporalConfigured).toBe(true);
  expect(config.temporal.connectionOptions.address).toBe('temporal.internal:7233');
  expect(config.temporal.namespace).toBe('cases');
});

test('bad codec keys are named with the other bad settings, never echoing a key', () => {
  let message = '';
  try {
    loadConfig({ AFTERCASE_API_PORT: 'eighty', AFTERCASE_CODEC_KEYS: 'k1:c2VjcmV0LWJ1dC1zaG9ydA==' });
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).toMatch(/AFTERCASE_API_PORT/);
  expect(message).toMatch(/AFTERCASE_CODEC_KEYS: AFTERCASE_CODEC_KEYS entry 1/);
  expect(message).not.toContain('c2VjcmV0LWJ1dC1zaG9ydA==');
});
