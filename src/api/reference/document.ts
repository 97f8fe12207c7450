/**
 * The OpenAPI 3.1 document, built by zod-openapi from the route declarations and the same zod
 * schemas that validate requests. Schemas named with `.meta({ id })` become components.
 */
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { ROLES } from '../../api-keys';
import { PERMISSIONS, type Permission } from '../auth';
import { PROBLEMS, ProblemSchema, type ProblemKind } from '../errors';
import { impliedProblems, type AnyRoute } from '../route';

const REQUEST_ID = { $ref: '#/components/headers/XRequestId' };

function responsesOf(route: AnyRoute): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const type = r.contentType ?? 'application/json';
    responses[status] = {
      description: r.description,
      headers: { 'X-Request-Id': REQUEST_ID, ...Object.fromEntries(Object.entries(r.headers ?? {}).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) },
      ...(r.schema || r.contentType ? { content: { [type]: { schema: r.schema ?? { type: 'string' } } } } : {}),
    };
  }
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of impliedProblems(route)) byStatus.set(PROBLEMS[kind].status, [...(byStatus.get(PROBLEMS[kind].status) ?? []), kind]);
  for (const [status, kinds] of byStatus) {
    responses[status] ??= {
      description: kinds.map((k) => `${k}: ${PROBLEMS[k].title}`).join('; '),
      headers: { 'X-Request-Id': REQUEST_ID },
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return responses as ZodOpenApiResponsesObject;
}

function operationOf(route: AnyRoute): ZodOpenApiOperationObject {
  const roles = route.auth.kind === 'apiKey' ? PERMISSIONS[route.auth.permission] : [];
  const header = route.headers?.length
    ? z.object(Object.fromEntries(route.headers.map((h) => [h.name, h.schema.meta({ description: h.description })])))
    : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: route.auth.kind === 'apiKey' ? [{ bearerKey: [] }, { headerKey: [] }] : route.auth.kind === 'signature' ? [{ webhookSignature: [] }] : [],
    ...(roles.length > 0 ? { 'x-roles': roles } : {}),
    requestParams: { ...(route.params && { path: route.params }), ...(route.query && { query: route.query }), ...(header && { header }) },
    ...(route.body ? { requestBody: { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: responsesOf(route),
  };
}

/** The role matrix (PERMISSIONS) as a Markdown table, for the document's description. */
function roleMatrix(): string {
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) => `| \`${p}\` | ${ROLES.map((r) => ((PERMISSIONS[p] as readonly string[]).includes(r) ? '✓' : '')).join(' | ')} |`,
  );
  return [`| permission | ${ROLES.join(' | ')} |`, `|---|${ROLES.map(() => ':-:').join('|')}|`, ...rows].join('\n');
}

/** The document of `routes`; `developmentKeys` are shown when the development key set is in use. */
export function buildOpenApiDocument(routes: AnyRoute[], opts: { developmentKeys?: Readonly<Record<string, string>> } = {}): ReturnType<typeof createDocument> {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route);
  const devKeys = opts.developmentKeys
    ? `\n\nThis instance uses the **development keys** (AFTERCASE_API_KEYS is unset): ${Object.entries(opts.developmentKeys)
        .map(([role, key]) => `${role} \`${key}\``)
        .join(', ')}.`
    : '';
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'aftercase API',
      version: '1.0.0',
      description:
        'Durable orchestration of e-commerce after-sales cases (售后工单): one Temporal workflow per case. ' +
        'Authenticate with `Authorization: Bearer <key>` or `X-Api-Key: <key>`; each key has a role (service, agent, ops), ' +
        'listed per operation under `x-roles`. Errors are `application/problem+json` (RFC 9457), their `type` links the ' +
        '[problem types](#problems) below. Every response carries `X-Request-Id`.\n\n' +
        roleMatrix() +
        devKeys,
    },
    tags: [
      { name: 'cases', description: 'Open, read and list cases.' },
      { name: 'case actions', description: 'Act on a case; each returns the case view.' },
      { name: 'webhooks', description: 'Events from external systems, authenticated by signature.' },
      { name: 'health', description: 'Liveness and readiness.' },
      { name: 'codec', description: 'The codec server of the Temporal UI and CLI: payloads decrypted for a person.' },
      { name: 'reference', description: 'This document and its page.' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerKey: { type: 'http', scheme: 'bearer', description: 'API key as a bearer token.' },
        headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'API key in a header.' },
        webhookSignature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'Hex HMAC-SHA256, with the shared webhook secret, of `<X-Timestamp>.<raw body>`; X-Timestamp (Unix seconds) within 5 minutes of now.' },
      },
      headers: {
        XRequestId: {
          description: "The request's id: the caller's X-Request-Id when it is 1–128 of [A-Za-z0-9._:-], else a new UUID.",
          schema: { type: 'string' },
        },
      },
    },
  });
}
