/**
 * `GET /docs`: Swagger UI (swagger-ui-dist, installed from npm) renders /openapi.json. Its assets
 * are served by the API itself under /docs/assets, so the page works offline and under a strict
 * Content-Security-Policy (no inline script, nothing from another origin). Below the viewer, one
 * static section lists the problem types; a problem's `type` (`/docs#problem-<kind>`) lands there.
 */
import path from 'node:path';
import express, { type Router } from 'express';
import { PROBLEMS, type ProblemKind } from '../errors';
import { defineRoute, type AnyRoute } from '../route';

const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
/** The only files of swagger-ui-dist the page uses. */
const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'];

const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts Swagger UI on /openapi.json; once rendered, a `#problem-…` fragment scrolls to its row. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    validatorUrl: null,
    showExtensions: true,
    defaultModelsExpandDepth: 0,
    onComplete: function () {
      var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    },
  });
});
`;

function problemRows(): string {
  return (Object.keys(PROBLEMS) as ProblemKind[])
    .map((k) => `<tr id="problem-${k}"><td>${PROBLEMS[k].status}</td><td><code>${k}</code></td><td><b>${esc(PROBLEMS[k].title)}</b><br>${esc(PROBLEMS[k].explain)}</td></tr>`)
    .join('\n');
}

export function docsPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>aftercase API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head><body>
<div id="swagger-ui"></div>
<section id="problems" class="swagger-ui" style="max-width:1460px;margin:0 auto;padding:0 20px 40px">
<h2>Problem types</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457); its <code>type</code> links the row below.</p>
<table><thead><tr><th>status</th><th>kind</th><th>meaning</th></tr></thead><tbody>
${problemRows()}
</tbody></table>
</section>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;
}

/** The page's assets: Swagger UI's files from node_modules and the start-up script. */
export function docsAssets(): Router {
  const router = express.Router();
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache').send(INIT_SCRIPT);
  });
  for (const file of ASSETS) {
    router.get(`/docs/assets/${file}`, (_req, res, next) => res.sendFile(path.join(SWAGGER_UI_DIR, file), { maxAge: '1h' }, (err) => err && next(err)));
  }
  return router;
}

/** `GET /openapi.json` (the document, built on first use) and `GET /docs` (the page). */
export function referenceRoutes(document: () => unknown): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      tag: 'reference',
      summary: 'This API as an OpenAPI 3.1 document',
      auth: { kind: 'none' },
      responses: { 200: { description: 'The OpenAPI document.' } },
      handle: () => ({ status: 200, body: document() }),
    }),
    defineRoute({
      method: 'get',
      path: '/docs',
      operationId: 'apiReferencePage',
      tag: 'reference',
      summary: 'Browsable API reference (Swagger UI, served with its assets by this API)',
      auth: { kind: 'none' },
      responses: { 200: { description: 'The reference page.', contentType: 'text/html' } },
      handle: () => ({ status: 200, body: docsPage(), contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': DOCS_CSP } }),
    }),
  ];
}
