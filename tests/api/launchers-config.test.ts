/**
 * Every launcher takes its settings from src/config.ts: started with NODE_ENV=production and no API
 * keys or webhook secret, `npm run api`, `npm run worker` and `npm start` each refuse to start and
 * name the missing settings (before connecting to anything).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

test.each(['src/api-main.ts', 'src/worker-main.ts', 'src/start.ts'])('%s in production without keys fails naming them', (entry) => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AFTERCASE_') && !k.startsWith('TEMPORAL_')));
  const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', entry], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production', TEMPORAL_ADDRESS: '127.0.0.1:1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('AFTERCASE_API_KEYS: must be set in production');
  expect(run.stderr).toContain('AFTERCASE_WEBHOOK_SECRET: must be set in production');
  expect(run.stderr).toContain('AFTERCASE_CODEC_KEYS: must be set in production');
  // In the one log format: every line a JSON object (README: logs are JSON lines).
  for (const line of run.stderr.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ level: 'fatal', msg: expect.stringContaining('Invalid aftercase configuration') });
});
