/**
 * The production topology's layout and the Temporal server's config agree: every port distinct and
 * on loopback, every `env "X"` the server config template reads is one the stack sets (or has a
 * documented default), and the dynamic config turns on what the case API needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { prodLayout, temporalServerEnv } from '../../../src/temporal/prod/layout';

const CONFIG_DIR = path.resolve(__dirname, '../../../src/temporal/prod/config');
const read = (name: string) => fs.readFileSync(path.join(CONFIG_DIR, name), 'utf8');
const envNames = (template: string) => [...template.matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1]);

describe('prodLayout', () => {
  test('every piece gets its own port from the base, all on loopback', () => {
    const layout = prodLayout({ basePort: 11500, dataDir: '/tmp/x' });
    const ports = Object.values(layout.ports);
    expect(new Set(ports).size).toBe(ports.length);
    expect(Math.min(...ports)).toBe(11500);
    expect(Math.max(...ports)).toBeLessThan(11600);
    expect(layout.host).toBe('127.0.0.1');
    expect(layout.frontendAddress).toBe('127.0.0.1:11501');
    expect(layout.pgDataDir).toBe('/tmp/x/postgres');
  });

  test('refuses a base port that leaves no room', () => {
    expect(() => prodLayout({ basePort: 65530, dataDir: '/tmp/x' })).toThrow(/no room/);
    expect(() => prodLayout({ basePort: 80, dataDir: '/tmp/x' })).toThrow(/no room/);
  });
});

describe('temporal-server.yaml', () => {
  const template = read('temporal-server.yaml');
  const given = temporalServerEnv(prodLayout({ basePort: 11500, dataDir: '/tmp/x' }), { user: 'u', password: 'p' });

  test('reads only variables the stack sets, besides three with stated defaults', () => {
    const optional = ['TEMPORAL_LOG_LEVEL', 'TEMPORAL_NUM_HISTORY_SHARDS', 'TEMPORAL_DYNAMIC_CONFIG'];
    expect(envNames(template).filter((n) => !(n! in given) && !optional.includes(n!))).toEqual([]);
    expect(Object.keys(given).filter((n) => !envNames(template).includes(n))).toEqual([]);
  });

  test('PostgreSQL for persistence and visibility, more than one history shard', () => {
    expect(template.match(/pluginName: "postgres12"/g)).toHaveLength(2);
    expect(template).toMatch(/visibilityStore: postgres-visibility/);
    expect(Number(/TEMPORAL_NUM_HISTORY_SHARDS" \| default "(\d+)"/.exec(template)?.[1])).toBeGreaterThan(1);
  });
});

test('dynamic-config.yaml turns on updates and multi-operations', () => {
  const dynamic = read('dynamic-config.yaml');
  for (const key of ['frontend.enableUpdateWorkflowExecution', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted', 'frontend.enableExecuteMultiOperation']) {
    expect(dynamic).toMatch(new RegExp(`^${key.replace(/\./g, '\\.')}:\\n  - value: true$`, 'm'));
  }
});
