/** The pure parts of the API: API keys from the environment, visibility queries, webhook signatures. */
import { DEVELOPMENT_API_KEYS } from '../../src/api-keys';
import { PERMISSIONS } from '../../src/api/auth';
import { loadConfig } from '../../src/config';
import { literal, visibilityQuery } from '../../src/temporal/case-query';
import { signBody, signedHeaders, verifySignature } from '../../src/shared/webhook-signature';

const loadApiKeys = (env: NodeJS.ProcessEnv) => loadConfig(env).apiKeys;

describe('API keys from AFTERCASE_API_KEYS', () => {
  test('unset: the documented development keys, one per role', () => {
    const keys = loadApiKeys({});
    expect(keys.source).toBe('development');
    expect(DEVELOPMENT_API_KEYS).toEqual({ service: 'dev-service-key', agent: 'dev-agent-key', ops: 'dev-ops-key' });
    expect(keys.roleOf('dev-service-key')).toBe('service');
    expect(keys.roleOf('dev-agent-key')).toBe('agent');
    expect(keys.roleOf('dev-ops-key')).toBe('ops');
    expect(keys.roleOf('dev-admin-key')).toBeUndefined();
    expect(keys.roleOf('')).toBeUndefined();
  });

  test('AFTERCASE_API_KEYS=role:key,… replaces them; a role may hold several keys (rotation)', () => {
    const keys = loadApiKeys({ AFTERCASE_API_KEYS: ' service:svc-key-0001 , agent:agt-key-0001,service:svc-key-0002,ops:ops:key:with:colons ' });
    expect(keys.source).toBe('env');
    expect(keys.count).toBe(4);
    expect(keys.roleOf('svc-key-0001')).toBe('service');
    expect(keys.roleOf('svc-key-0002')).toBe('service');
    expect(keys.roleOf('agt-key-0001')).toBe('agent');
    expect(keys.roleOf('ops:key:with:colons')).toBe('ops');
    expect(keys.roleOf('dev-service-key')).toBeUndefined();
  });

  test.each([
    ['an unknown role', 'admin:secret-key-123', /entry 1 has unknown role "admin"/],
    ['no colon', 'secret-key-123', /entry 1 is not role:key/],
    ['a short key', 'service:short', /entry 1: a key is 8–256/],
    ['a key with spaces', 'agent:has space key', /entry 1: a key is 8–256/],
    ['an empty entry', 'service:svc-key-0001,,agent:agt-key-0001', /entry 2 is not role:key/],
    ['one key for two roles', 'service:same-key-000,ops:same-key-000', /entry 2: the same key is given to two roles/],
  ])('refuses %s, naming the entry but never the key', (_name, value, message) => {
    expect(() => loadApiKeys({ AFTERCASE_API_KEYS: value })).toThrow(message);
    try {
      loadApiKeys({ AFTERCASE_API_KEYS: value });
    } catch (err) {
      expect((err as Error).message).not.toMatch(/secret-key|svc-key|same-key|has space/);
    }
  });

  test('production refuses to run on the development keys', () => {
    expect(() => loadApiKeys({ NODE_ENV: 'production' })).toThrow(/AFTERCASE_API_KEYS: must be set in production/);
    const production = { NODE_ENV: 'production', AFTERCASE_WEBHOOK_SECRET: 'prod-webhook-secret-0123', AFTERCASE_CODEC_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };
    expect(loadApiKeys({ ...production, AFTERCASE_API_KEYS: 'ops:prod-ops-key-1' }).roleOf('prod-ops-key-1')).toBe('ops');
  });

  test('the matrix: customers act through services, agents work cases, ops rule and escalate; everyone reads', () => {
    expect(PERMISSIONS['cases:open']).toEqual(['service']);
    expect(PERMISSIONS['cases:arbitration-ruling']).toEqual(['ops']);
    expect(PERMISSIONS['cases:escalate']).toEqual(['agent', 'ops']);
    expect(PERMISSIONS['cases:resolution']).toEqual(['service', 'agent']);
    for (const p of ['cases:read', 'cases:list'] as const) expect(PERMISSIONS[p]).toEqual(['service', 'agent', 'ops']);
  });
});

describe('visibilityQuery', () => {
  test('only case workflows; each filter an equality on its search attribute', () => {
    expect(visibilityQuery({})).toBe('WorkflowType = "afterSalesCase"');
    expect(
      visibilityQuery({ status: 'awaiting_review', type: 'damaged', priority: 'P1', region: 'East', carrier: 'SF', assignee: 'AG-EAST-01', breached: true }),
    ).toBe(
      'WorkflowType = "afterSalesCase" AND CaseStatus = "awaiting_review" AND CaseType = "damaged" AND Priority = "P1" AND Region = "East" AND Carrier = "SF" AND Assignee = "AG-EAST-01" AND SlaBreached = true',
    );
    expect(visibilityQuery({ openedFrom: '2026-11-01T08:00:00+08:00', openedTo: '2026-11-02T00:00:00Z', breached: false })).toBe(
      'WorkflowType = "afterSalesCase" AND SlaBreached = false' +
        ' AND (OpenedAt >= "2026-11-01T00:00:00.000Z" OR (OpenedAt IS NULL AND StartTime >= "2026-11-01T00:00:00.000Z"))' +
        ' AND (OpenedAt < "2026-11-02T00:00:00.000Z" OR (OpenedAt IS NULL AND StartTime < "2026-11-02T00:00:00.000Z"))',
    );
    expect(visibilityQuery({ trackingNumber: 'SF1234', running: true })).toBe(
      'WorkflowType = "afterSalesCase" AND TrackingNumbers = "SF1234" AND ExecutionStatus = "Running"',
    );
  });

  test.each(['a"b', "a'b", 'a\\b', 'a) OR (1=1', '', 'x'.repeat(101), 'line\nbreak'])('refuses the unsafe literal %j', (value) => {
    expect(() => literal(value)).toThrow(/unsafe/);
  });
});

describe('webhook signatures', () => {
  const secret = 'carrier-secret-0123456789';
  const body = Buffer.from('{"trackingNumber":"SF1","event":"delivered","occurredAt":"2026-11-01T00:00:00Z"}');
  const now = Date.parse('2026-11-01T00:01:00Z');
  const ts = String(now / 1000);
  test('the hex HMAC-SHA256 of "<timestamp>.<body>", with or without a sha256= prefix, in either case', () => {
    const sig = signBody(secret, body, now / 1000);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(signedHeaders(secret, body, now)).toEqual({ 'X-Timestamp': ts, 'X-Signature': sig });
    expect(verifySignature(secret, body, sig, ts, now)).toBe('ok');
    expect(verifySignature(secret, body, `sha256=${sig.toUpperCase()}`, ts, now)).toBe('ok');
  });
  test('within 5 minutes either way, refused beyond', () => {
    const at = (offsetS: number) => verifySignature(secret, body, signBody(secret, body, now / 1000 + offsetS), String(now / 1000 + offsetS), now);
    expect(at(-300)).toBe('ok');
    expect(at(300)).toBe('ok');
    expect(at(-301)).toBe('expired');
    expect(at(301)).toBe('expired');
  });
  test.each([
    ['missing', undefined, ts, 'no_signature'],
    ['without a timestamp', signBody(secret, body, now / 1000), undefined, 'no_timestamp'],
    ['with a timestamp that is not a number', signBody(secret, body, now / 1000), 'yesterday', 'no_timestamp'],
    ['empty', '', ts, 'mismatch'],
    ['not hex', 'z'.repeat(64), ts, 'mismatch'],
    ['too short', 'ab', ts, 'mismatch'],
    ['for another body', signBody(secret, 'other', now / 1000), ts, 'mismatch'],
    ['for another timestamp', signBody(secret, body, now / 1000 - 1), ts, 'mismatch'],
    ['with another secret', signBody('another-secret-0123', body, now / 1000), ts, 'mismatch'],
  ])('refuses a signature that is %s', (_name, signature, timestamp, verdict) => {
    expect(verifySignature(secret, body, signature, timestamp, now)).toBe(verdict);
  });
});
