/**
 * `GET /docs` is Swagger UI served by the API itself: the page and every asset it references (and
 * the document its start-up script loads) come from the app in process, from no other origin, so
 * the page works with the network cut off. The problem types every error links to
 * (`/docs#problem-<kind>`) each have their anchor on the page. No Temporal is needed: the app runs
 * on a lazy client that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../src/api/app';
import { apiKeys, developmentApiKeys, type ApiKeys } from '../../src/api-keys';
import { PROBLEMS } from '../../src/api/errors';

const connection = Connection.lazy({ address: '127.0.0.1:1' });
const appWith = (keys: ApiKeys) =>
  createApp({ client: new Client({ connection }), namespace: 'default', apiKeys: keys, webhookSecret: 'reference-page-test-secret', logger: () => undefined });
const app = appWith(developmentApiKeys());
afterAll(() => connection.close());

/** The URLs in `src="…"` and `href="…"` attributes of an HTML page. */
const referenced = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);

test('the page is served with a CSP that allows this origin only', async () => {
  const res = await request(app).get('/docs');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const csp = res.headers['content-security-policy'];
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/https?:|\*/);
  expect(res.text).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script: the CSP would block it
});

test('every asset the page references, and the document its script loads, is served by the API itself', async () => {
  const html = (await request(app).get('/docs')).text;
  const urls = referenced(html).filter((u) => !u.startsWith('#'));
  expect(urls.sort()).toEqual(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css', '/docs/init.js']);
  const types: Record<string, RegExp> = { '.css': /^text\/css/, '.js': /^(?:text|application)\/javascript/ };
  for (const url of urls) {
    const res = await request(app).get(url);
    expect([url, res.status]).toEqual([url, 200]);
    expect(res.headers['content-type']).toMatch(types[url.slice(url.lastIndexOf('.'))]!);
    expect(res.text.length).toBeGreaterThan(url.endsWith('init.js') ? 100 : 100_000); // the real Swagger UI files
  }
  const init = (await request(app).get('/docs/init.js')).text;
  expect(init).toContain('SwaggerUIBundle');
  expect((await request(app).get('/docs/assets/swagger-ui-bundle.js')).text).toContain('SwaggerUIBundle');
  const documentUrl = /url: '([^']+)'/.exec(init)?.[1];
  expect(documentUrl).toBe('/openapi.json');
  expect((await request(app).get(documentUrl!)).body.openapi).toBe('3.1.0');
  // Nothing from another origin: no absolute or protocol-relative URL anywhere on the page or in its script.
  expect(`${html}\n${init}`).not.toMatch(/(?:src|href|url)\s*[=:]\s*["']?(?:[a-z]+:)?\/\//i);
});

test('every problem type has its #problem-<kind> anchor with its title', async () => {
  const html = (await request(app).get('/docs')).text;
  for (const [kind, spec] of Object.entries(PROBLEMS)) {
    const row = new RegExp(`<tr id="problem-${kind}">(.*?)</tr>`).exec(html)?.[1];
    expect([kind, row?.includes(spec.title.replace(/'/g, '&#39;'))]).toEqual([kind, true]);
  }
});

test('the development keys are shown only while they are the keys in use', async () => {
  const dev = (await request(app).get('/openapi.json')).body.info.description;
  expect(dev).toContain('`dev-service-key`');
  const configured = appWith(apiKeys([{ role: 'service', key: 'configured-service-key' }]));
  const doc = (await request(configured).get('/openapi.json')).body.info.description;
  expect(doc).not.toContain('dev-service-key');
  expect(doc).not.toContain('configured-service-key');
});

test('unknown files under /docs are 404 problems, not files of node_modules', async () => {
  for (const url of ['/docs/assets/index.html', '/docs/assets/../package.json', '/docs/assets/swagger-ui-bundle.js.map']) {
    const res = await request(app).get(url);
    expect([url, res.status, res.body.type]).toEqual([url, 404, '/docs#problem-not_found']);
  }
});
