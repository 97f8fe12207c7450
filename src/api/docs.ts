/**
 * `GET /docs`: a browsable API reference rendered on the server from the OpenAPI document. One
 * self-contained HTML page (inline CSS, no scripts, no external assets) so it works offline and
 * under a strict Content-Security-Policy.
 */
import { PROBLEMS, type ProblemKind } from './errors';
import { PERMISSIONS, ROLES, type Permission } from './auth';
import type { OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

const esc = (text: unknown): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Inline `code` spans in descriptions (the only markup they use). */
const prose = (text: unknown): string => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const anchor = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');

function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return `<a href="#schema-${anchor(name)}">${esc(name)}</a>`;
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  if ('const' in schema) return `<code>${esc(JSON.stringify(schema.const))}</code>`;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as Json[]).map(typeOf).join(key === 'allOf' ? ' &amp; ' : ' | ');
  }
  if (schema.type === 'array') return `array of ${typeOf(schema.items as Json | undefined)}`;
  const base = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  const facts: string[] = [];
  if (typeof schema.format === 'string') facts.push(schema.format);
  if (typeof schema.pattern === 'string') facts.push(`pattern <code>${esc(schema.pattern)}</code>`);
  for (const [k, label] of [['minimum', '≥'], ['maximum', '≤'], ['minLength', 'length ≥'], ['maxLength', 'length ≤'], ['minItems', 'items ≥'], ['maxItems', 'items ≤']] as const) {
    if (typeof schema[k] === 'number') facts.push(`${label} ${schema[k]}`);
  }
  return `${esc(base)}${facts.length ? ` <span class="facts">(${facts.join(', ')})</span>` : ''}`;
}

function propertiesTable(schema: Json, depth = 0): string {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  if (Object.keys(props).length === 0) return `<p class="type">${typeOf(schema)}</p>`;
  const rows = Object.entries(props).map(([name, prop]) => {
    const nested = prop.type === 'object' && prop.properties && depth < 3 ? propertiesTable(prop, depth + 1) : '';
    const itemObject = prop.type === 'array' && (prop.items as Json | undefined)?.properties && depth < 3 ? propertiesTable(prop.items as Json, depth + 1) : '';
    const def = 'default' in prop ? ` <span class="facts">default <code>${esc(JSON.stringify(prop.default))}</code></span>` : '';
    return `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}</td><td>${nested || itemObject ? (prop.type === 'array' ? 'array of object' : 'object') : typeOf(prop)}${def}${prop.description ? `<div>${prose(prop.description)}</div>` : ''}${nested}${itemObject}</td></tr>`;
  });
  const closed = schema.additionalProperties === false ? '<p class="facts">No other fields are accepted.</p>' : '';
  return `<table class="props"><tbody>${rows.join('')}</tbody></table>${closed}`;
}

function operationHtml(path: string, method: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[];
  const roles = (op['x-roles'] ?? []) as string[];
  const security = (op.security ?? []) as Json[];
  const auth =
    roles.length > 0
      ? `API key; roles: ${roles.map((r) => `<span class="role">${esc(r)}</span>`).join(' ')}`
      : security.some((s) => 'webhookSignature' in s)
        ? 'Signed: <code>X-Signature</code> = hex HMAC-SHA256 of <code>X-Timestamp</code>.body, within 5 minutes'
        : 'none';
  const paramRows = params
    .map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${esc(p.in)}</td><td>${typeOf(p.schema as Json)}${p.description ? `<div>${prose(p.description)}</div>` : ''}</td></tr>`)
    .join('');
  const body = op.requestBody as Json | undefined;
  const bodySchema = (body?.content as Record<string, Json> | undefined)?.['application/json']?.schema as Json | undefined;
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(([status, r]) => {
      const content = Object.entries((r.content ?? {}) as Record<string, Json>)
        .map(([type, c]) => `<code>${esc(type)}</code> ${typeOf(c.schema as Json)}`)
        .join(', ');
      return `<tr><td class="status s${esc(status[0])}">${esc(status)}</td><td>${prose(r.description)}</td><td>${content}</td></tr>`;
    })
    .join('');
  return `<section class="op" id="op-${anchor(String(op.operationId))}">
<h3><span class="method m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p class="summary">${prose(op.summary)}</p>
${op.description ? `<p>${prose(op.description)}</p>` : ''}
<p class="auth"><b>Auth:</b> ${auth}</p>
${paramRows ? `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>schema</th></tr></thead><tbody>${paramRows}</tbody></table>` : ''}
${bodySchema ? `<h4>Body${body?.required ? '' : ' (optional)'}: ${typeOf(bodySchema)}</h4>` : ''}
<h4>Responses</h4><table><thead><tr><th>status</th><th>meaning</th><th>body</th></tr></thead><tbody>${responses}</tbody></table>
</section>`;
}

function roleMatrix(): string {
  const perms = Object.keys(PERMISSIONS) as Permission[];
  const head = ROLES.map((r) => `<th>${r}</th>`).join('');
  const rows = perms
    .map((p) => `<tr><td><code>${esc(p)}</code></td>${ROLES.map((r) => `<td class="c">${(PERMISSIONS[p] as readonly string[]).includes(r) ? '✓' : ''}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr><th>permission</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#fafbfc}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:6px 0 0;color:#c9d1e0;max-width:70em}
.layout{display:flex;align-items:flex-start}nav{position:sticky;top:0;max-height:100vh;overflow:auto;width:270px;flex:none;padding:16px;border-right:1px solid #e3e6ec;background:#fff;font-size:13px}
nav a{display:block;color:#1d2330;text-decoration:none;padding:2px 0}nav a:hover{text-decoration:underline}nav h2{font-size:12px;text-transform:uppercase;color:#6b7385;margin:14px 0 4px}
main{flex:1;min-width:0;padding:8px 28px 60px}section.op{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:4px 18px 12px;margin:16px 0}
h2.tag{margin-top:28px;border-bottom:2px solid #e3e6ec;padding-bottom:4px}h3{font-size:16px;margin:12px 0 4px}h4{margin:12px 0 4px;font-size:14px}
.method{display:inline-block;min-width:52px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;margin-right:6px}
.m-get{background:#2f7d4f}.m-post{background:#2b5fb3}.summary{font-weight:600;margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:4px 0}th,td{border:1px solid #e3e6ec;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f5f8}
td.c{text-align:center}.status{font-weight:700;width:60px}.s2{color:#2f7d4f}.s4{color:#b36b00}.s5{color:#b3261e}
.req{color:#b3261e;font-size:11px}.facts{color:#6b7385;font-size:12px}.role{background:#eef2fb;border:1px solid #cfd9f0;border-radius:10px;padding:0 8px;font-size:12px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#f3f5f8;padding:0 3px;border-radius:3px}
header code{background:#2c3445;color:#e6ebf5}
table.props{margin-left:0}table.props table.props{margin:6px 0 2px}`;

export interface DocsOptions {
  /** Development keys to show (only when the development key set is in use). */
  developmentKeys?: Readonly<Record<string, string>>;
}

export function renderDocsPage(doc: OpenApiDocument, opts: DocsOptions = {}): string {
  const info = doc.info as Json;
  const byTag = new Map<string, Array<[string, string, Json]>>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op.tags ?? ['other']) as string[])[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), [path, method, op]]);
    }
  }
  const tags = (doc.tags ?? []).map((t) => String(t.name)).filter((t) => byTag.has(t));
  for (const t of byTag.keys()) if (!tags.includes(t)) tags.push(t);
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, Json>;

  const nav = [
    '<h2>Overview</h2><a href="#auth">Authentication &amp; roles</a><a href="#problems">Errors</a>',
    ...tags.map(
      (t) =>
        `<h2>${esc(t)}</h2>${(byTag.get(t) ?? []).map(([path, method, op]) => `<a href="#op-${anchor(String(op.operationId))}">${esc(method.toUpperCase())} ${esc(path)}</a>`).join('')}`,
    ),
    `<h2>Schemas</h2>${Object.keys(schemas).map((n) => `<a href="#schema-${anchor(n)}">${esc(n)}</a>`).join('')}`,
  ].join('');

  const devKeys = opts.developmentKeys
    ? `<p>This instance uses the <b>development keys</b> (AFTERCASE_API_KEYS is unset): ${Object.entries(opts.developmentKeys)
        .map(([role, key]) => `<span class="role">${esc(role)}</span> <code>${esc(key)}</code>`)
        .join(', ')}.</p>`
    : '';
  const problems = (Object.keys(PROBLEMS) as ProblemKind[])
    .map((k) => `<tr id="problem-${k}"><td class="status s${String(PROBLEMS[k].status)[0]}">${PROBLEMS[k].status}</td><td><code>${k}</code></td><td><b>${esc(PROBLEMS[k].title)}</b><div>${prose(PROBLEMS[k].explain)}</div></td></tr>`)
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} reference</title><style>${STYLE}</style></head>
<body><header><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${prose(info.description)}</p><p>Machine-readable: <a style="color:#9cc3ff" href="/openapi.json">/openapi.json</a> (OpenAPI ${esc(doc.openapi)})</p></header>
<div class="layout"><nav>${nav}</nav><main>
<h2 class="tag" id="auth">Authentication &amp; roles</h2>
<p>Send the API key as <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-Api-Key: &lt;key&gt;</code>. Keys are configured as <code>AFTERCASE_API_KEYS=role:key,role:key</code>. No key or an unknown key: 401; a role that may not act: 403. Carrier webhooks are signed instead.</p>
${devKeys}${roleMatrix()}
<h2 class="tag" id="problems">Errors</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>instance</code>, <code>requestId</code>, and for invalid input <code>issues</code> (one per invalid value).</p>
<table><thead><tr><th>status</th><th>kind</th><th>meaning</th></tr></thead><tbody>${problems}</tbody></table>
${tags.map((t) => `<h2 class="tag">${esc(t)}</h2>${(byTag.get(t) ?? []).map(([path, method, op]) => operationHtml(path, method, op)).join('')}`).join('')}
<h2 class="tag">Schemas</h2>
${Object.entries(schemas)
  .map(([name, s]) => `<section class="op" id="schema-${anchor(name)}"><h3>${esc(name)}</h3>${s.description ? `<p>${prose(s.description)}</p>` : ''}${propertiesTable(s)}</section>`)
  .join('')}
</main></div></body></html>`;
}
