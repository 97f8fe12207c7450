/**
 * The OpenAPI 3.1 document, generated from the route declarations and the same zod schemas that
 * validate requests (zod 4's own JSON Schema output; OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
import { z } from 'zod';
import { rolesFor, type Role } from './auth';
import { PROBLEMS, type ProblemKind } from './errors';
import { apiSchemas } from './openapi-registry';
import { impliedProblems, type AnyRoute } from './route';

export const ProblemSchema = apiSchemas.register(
  'Problem',
  z
    .object({
      type: z.string().meta({ description: 'URI reference naming the kind of problem (explained on the docs page).' }),
      title: z.string(),
      status: z.int(),
      detail: z.string(),
      instance: z.string().meta({ description: 'The path of the request.' }),
      requestId: z.string().optional(),
      issues: z
        .array(
          z.object({
            in: z.enum(['path', 'query', 'header', 'body']),
            path: z.string().meta({ description: 'Dotted path of the value inside its part (or the header name).' }),
            code: z.string(),
            message: z.string(),
          }),
        )
        .optional()
        .meta({ description: 'For 400 validation_failed: every invalid value.' }),
    })
    .meta({ description: 'An RFC 9457 problem (application/problem+json).' }),
);

type Json = Record<string, unknown>;

function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function jsonSchema(schema: z.ZodType): Json {
  return strip(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json);
}

function ref(schema: z.ZodType): Json {
  const id = apiSchemas.idOf(schema);
  return id ? { $ref: `#/components/schemas/${id}` } : jsonSchema(schema);
}

function parametersOf(where: 'path' | 'query', schema: z.ZodType | undefined): Json[] {
  if (!schema) return [];
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) throw new Error(`${where} schemas must be objects`);
  return Object.entries(shape).map(([name, prop]) => {
    const { description, ...rest } = jsonSchema(prop);
    return {
      name,
      in: where,
      required: where === 'path' || !prop.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operationOf(route: AnyRoute): Json {
  const roles: readonly Role[] = route.auth.kind === 'apiKey' ? rolesFor(route.auth.permission) : [];
  const security =
    route.auth.kind === 'apiKey' ? [{ bearerKey: [] }, { headerKey: [] }] : route.auth.kind === 'signature' ? [{ webhookSignature: [] }] : [];
  const responses: Json = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = {
      description: r.description,
      headers: {
        'X-Request-Id': { $ref: '#/components/headers/XRequestId' },
        ...Object.fromEntries(Object.entries(r.headers ?? {}).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])),
      },
      ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: ref(r.schema) } } } : {}),
      ...(!r.schema && r.contentType ? { content: { [r.contentType]: { schema: { type: 'string' } } } } : {}),
    };
  }
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of impliedProblems(route)) {
    const status = PROBLEMS[kind].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), kind]);
  }
  for (const [status, kinds] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (responses[status]) continue;
    responses[status] = {
      description: kinds.map((k) => `${k}: ${PROBLEMS[k].title}`).join('; '),
      headers: { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  const headers = (route.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: !h.schema.safeParse(undefined).success,
    description: h.description,
    schema: jsonSchema(h.schema),
  }));
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security,
    ...(roles.length > 0 ? { 'x-roles': roles } : {}),
    parameters: [...parametersOf('path', route.params), ...parametersOf('query', route.query), ...headers],
    ...(route.body
      ? { requestBody: { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: ref(route.body) } } } }
      : {}),
    responses,
  };
}

export interface OpenApiDocument {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json>>;
  components: Json;
  tags: Json[];
}

export function buildOpenApiDocument(routes: AnyRoute[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method]: operationOf(route) };
  }
  const all = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Json>;
  };
  const schemas = Object.fromEntries(
    apiSchemas
      .ids()
      .sort()
      .flatMap((id) => (all.schemas[id] ? [[id, strip(all.schemas[id])]] : [])),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'aftercase API',
      version: '1.0.0',
      description:
        'Durable orchestration of e-commerce after-sales cases (售后工单): one Temporal workflow per case. ' +
        'Authenticate with `Authorization: Bearer <key>` or `X-Api-Key: <key>`; each key has a role (service, agent, ops), ' +
        'listed per operation under `x-roles`. Errors are `application/problem+json` (RFC 9457). Every response carries ' +
        '`X-Request-Id`.',
    },
    tags: [
      { name: 'cases', description: 'Open, read and list cases.' },
      { name: 'case actions', description: 'Act on a case; each returns the case view.' },
      { name: 'webhooks', description: 'Events from external systems, authenticated by signature.' },
      { name: 'health', description: 'Liveness and readiness.' },
      { name: 'reference', description: 'This document and its page.' },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerKey: { type: 'http', scheme: 'bearer', description: 'API key as a bearer token.' },
        headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'API key in a header.' },
        webhookSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: 'Hex HMAC-SHA256, with the shared webhook secret, of `<X-Timestamp>.<raw body>`; X-Timestamp (Unix seconds) within 5 minutes of now.',
        },
      },
      headers: {
        XRequestId: {
          description: "The request's id: the caller's X-Request-Id when it is 1–128 of [A-Za-z0-9._:-], else a new UUID.",
          schema: { type: 'string' },
        },
      },
    },
  };
}
