/**
 * `npm start`'s dev server (src/temporal/dev-server.ts) starts its Web UI wired to the API's codec
 * server: the UI's own settings endpoint names it, so the browser decodes payloads through it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer } from '../../src/temporal/dev-server';
import { distinctPorts, freePort } from '../support/ports';


test('the Web UI is configured with the codec endpoint', async () => {
  const [port, uiPort] = (await distinctPorts(2, freePort)) as [number, number];
  const codecEndpoint = 'http://127.0.0.1:3999/codec';
  const server = await startDevServer({
    cliPath: process.env.AFTERCASE_TEMPORAL_CLI!,
    dbFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aftercase-ui-')), 'temporal.db'),
    ip: '127.0.0.1',
    port,
    uiPort,
    namespace: 'default',
    codecEndpoint,
  });
  try {
    let settings: { Codec?: { Endpoint?: string } } | undefined;
    for (let i = 0; i < 100 && !settings; i++) {
      settings = await fetch(`${server.uiUrl}/api/v1/settings`).then((r) => (r.ok ? (r.json() as Promise<typeof settings>) : undefined), () => undefined);
      if (!settings) await new Promise((r) => setTimeout(r, 200));
    }
    expect(settings?.Codec?.Endpoint).toBe(codecEndpoint);
  } finally {
    await server.stop();
  }
});
