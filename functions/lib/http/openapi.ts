// The OpenAPI 3.1 document of the API, built from what each route declares to `route()` (access, the zod schemas of
// its body, query and path, its rate limit) with zod 4's JSON Schema output, plus the contract's error replies and
// the reply schemas. docs/openapi.json is this document (tests/integration/boundary-openapi.test.ts checks it is
// current; tests/support/contract.ts checks every reply of the integration suites against it, bodies in depth).
//
// How a route declares its reply (issue 17): its JSON success body has a zod schema in
// `shared/api/replies/<feature>.ts` — beside the reply interface of `shared/api/<feature>.ts`, with a line in that
// file's `…ReplyChecks` type so `tsc` fails when the schema and the interface part — and one entry
// `'METHOD /path': schema` (the path as in serverless.yml) in that file's `<feature>Replies` map, which REPLIES below
// merges (a new feature adds its map there). Handlers keep importing the interface with `import type` and never the
// schema, so no function's bundle grows. A route answering 204 or another media type is listed in SUCCESS instead or
// as well. Its summary, rules and own error codes (409 codes, 403/422 codes besides the contract's) are one row of
// ROUTE_DOCS (./openapiRoutes.ts). boundary-openapi.test.ts fails for a JSON route without a reply schema or a route
// without a row; then `UPDATE_OPENAPI=1 npx jest tests/integration/boundary-openapi.test.ts` regenerates the document.
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { adminReplies } from '../../../shared/api/replies/admin';
import { allianceReplies } from '../../../shared/api/replies/alliance';
import type { RouteReplies } from '../../../shared/api/replies/common';
import { eventsReplies } from '../../../shared/api/replies/events';
import { inboxReplies } from '../../../shared/api/replies/inbox';
import { servicesReplies } from '../../../shared/api/replies/services';
import { spacesReplies } from '../../../shared/api/replies/spaces';
import { usersReplies } from '../../../shared/api/replies/users';
import { venuesReplies } from '../../../shared/api/replies/venues';
import { wallReplies } from '../../../shared/api/replies/wall';
import { ROUTE_DOCS, type RouteDoc } from './openapiRoutes';
import type { RouteSpec } from './route';

export interface DocumentedRoute {
  method: string;
  /** As in serverless.yml; `*` is the `$default` route. */
  path: string;
  functionName: string;
  spec: RouteSpec | undefined;
}

type Json = Record<string, unknown>;

const ERRORS: Record<number, { code: string; when: string }> = {
  400: { code: 'BAD_REQUEST', when: '请求体不是 JSON 对象、不是有效的 UTF-8，或路径编码无效' },
  401: { code: 'UNAUTHENTICATED', when: '未登录、凭证无效或已过期' },
  403: { code: 'FORBIDDEN', when: '已登录，但无权执行此操作' },
  404: { code: 'NOT_FOUND', when: '资源不存在（或对调用者不可见）' },
  409: { code: 'the route’s codes below', when: '业务规则拒绝' },
  413: { code: 'PAYLOAD_TOO_LARGE', when: '请求体超过 64 KiB' },
  422: { code: 'VALIDATION_FAILED', when: '字段缺失、类型错误或超出范围；error.fields 给出每个字段的原因' },
  429: { code: 'RATE_LIMITED', when: '操作过于频繁；Retry-After 头给出秒数' },
  503: { code: 'UNAVAILABLE', when: '存储繁忙或不可用；可安全重试' },
};

/** Rate limits a service applies itself (not declared to `route()`); sign-in passes on WeChat's minute quota. */
const SERVICE_LIMITS = new Set(['POST /v1/messages', 'POST /v1/auth/login']);
/** Refusals a public route gives: sign-in refuses an account WeChat flags as risky (errcode 40226). */
const PUBLIC_FORBIDDEN = new Set(['POST /v1/auth/login']);

/** "METHOD /path" → the zod schema of the route's JSON success reply (see the note at the top). */
export const REPLIES: RouteReplies = {
  'GET /v1/health': z.object({ ok: z.literal(true) }),
  ...usersReplies,
  ...adminReplies,
  ...allianceReplies,
  ...spacesReplies,
  ...wallReplies,
  ...eventsReplies,
  ...venuesReplies,
  ...servicesReplies,
  ...inboxReplies,
};
/**
 * Success replies other than a JSON object: routes that answer 204 without a body, routes that can also answer
 * another media type (a CSV export, a printable code), and routes that answer only another one (`only`: a picture).
 * The reply validation of the integration suites fails when a
 * route answers something not listed here.
 */
const SUCCESS: Record<string, { noContent?: true; also?: string[]; only?: string[] }> = {
  'DELETE /v1/me': { noContent: true },
  'DELETE /v1/messages/{id}': { noContent: true },
  'DELETE /v1/duty/{id}': { noContent: true },
  'DELETE /v1/duty/{id}/appointments/me': { noContent: true },
  'GET /v1/admin/dashboard': { also: ['text/csv'] },
  'GET /v1/events/{id}/signups': { also: ['text/csv'] },
  'GET /v1/spaces/{id}/qrcode': { also: ['image/svg+xml', 'image/png'] },
  'GET /v1/users/{id}/avatar': { only: ['image/jpeg', 'image/png'] },
};

/** Routes with a JSON success reply and no schema for it in REPLIES (boundary-openapi.test.ts fails on them). */
export function routesWithoutReplySchema(routes: DocumentedRoute[]): string[] {
  return routes
    .map((r) => `${r.method} ${r.path}`)
    .filter((key) => key !== 'ANY *' && !SUCCESS[key]?.noContent && !SUCCESS[key]?.only && !REPLIES[key]);
}

function successResponses(key: string): Json {
  const success = SUCCESS[key];
  const headers = key === 'GET /v1/health' ? {} : { headers: REQUEST_ID_HEADER };
  if (success?.noContent) return { '204': { description: 'Done; no body', ...headers } };
  // A route without a reply schema (a failure of boundary-openapi.test.ts) is documented as any JSON object.
  const content: Json = success?.only
    ? {}
    : { 'application/json': { schema: schemaOf(REPLIES[key], 'output') ?? { type: 'object' } } };
  for (const type of success?.only ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
  for (const type of success?.also ?? []) content[type] = { schema: { type: 'string' } };
  return { '2XX': { description: 'Success', ...headers, content } };
}

function schemaOf(schema: $ZodType | undefined, io: 'input' | 'output' = 'input'): Json | undefined {
  if (!schema) return undefined;
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // A reply's instants and dates are their JSON Schema formats; zod's long equivalent pattern beside each one
    // would only repeat the format (and cost every validator compiling the document).
    ...(io === 'output' ? { override: ({ jsonSchema }) => dropFormatPattern(jsonSchema) } : {}),
  }) as Json;
  return json;
}

function dropFormatPattern(json: Json): void {
  if (json.format === 'date-time' || json.format === 'date') delete json.pattern;
}

function parameters(route: DocumentedRoute): Json[] {
  if (route.path === '*')
    return [{ name: 'anyPath', in: 'path', required: true, schema: { type: 'string' } }];
  const out: Json[] = [];
  const pathSchema = schemaOf(route.spec?.params);
  for (const name of route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
    const schema = (pathSchema?.properties as Json | undefined)?.[name] ?? { type: 'string' };
    out.push({ name, in: 'path', required: true, schema });
  }
  const query = schemaOf(route.spec?.query);
  const required = new Set((query?.required as string[] | undefined) ?? []);
  for (const [name, schema] of Object.entries((query?.properties as Json | undefined) ?? {}))
    out.push({ name, in: 'query', required: required.has(name), schema });
  if (route.method === 'POST')
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: '同一用户 24 小时内相同的键返回第一次的答复，不会重复生效',
      schema: { type: 'string', minLength: 1, maxLength: 64 },
    });
  return out;
}

function errorStatuses(route: DocumentedRoute): number[] {
  const spec = route.spec;
  const key = `${route.method} ${route.path}`;
  if (route.path === '*') return [404];
  if (!spec) return []; // the health probe: no input, no store, no failure of its own
  // route() reads the body (413, 400 for bytes that are not UTF-8) and a present Authorization header (401 when it
  // is malformed, on public routes too) before anything else, whatever the route declares.
  const statuses = [400, 401];
  if (spec.access !== 'public' || PUBLIC_FORBIDDEN.has(key)) statuses.push(403);
  // A missing thing named by the path, or by the body (a claim code that does not exist).
  if (route.path.includes('{') || spec.body) statuses.push(404);
  if (conflictCodes(route)) statuses.push(409);
  statuses.push(413);
  if (spec.body || spec.query || spec.params || route.method === 'POST') statuses.push(422);
  if (spec.limit || SERVICE_LIMITS.has(key)) statuses.push(429);
  statuses.push(503);
  return statuses;
}

/** The route's 409 codes → when: its own (ROUTE_DOCS), and on every POST a retry while the first run holds the key. */
function conflictCodes(route: DocumentedRoute): Record<string, string> | undefined {
  const codes: Record<string, string> = { ...routeDoc(route).conflicts };
  if (route.method === 'POST' && route.spec)
    codes.REQUEST_IN_PROGRESS = 'the same Idempotency-Key is still being answered; retry with it shortly';
  return Object.keys(codes).length ? codes : undefined;
}

const routeDoc = (route: DocumentedRoute): RouteDoc =>
  ROUTE_DOCS[`${route.method} ${route.path}`] ?? { summary: `${route.method} ${route.path}` };

/** The error reply of one status: the contract's code, or the codes this route gives (an enum, each explained). */
function errorResponse(route: DocumentedRoute, status: number): Json {
  const doc = routeDoc(route);
  const { code, when } = ERRORS[status];
  const own =
    status === 409
      ? conflictCodes(route)
      : status === 403 && doc.forbidden
        ? { [code]: when, ...doc.forbidden }
        : status === 422 && doc.unprocessable
          ? { [code]: when, ...doc.unprocessable }
          : undefined;
  const codes = own ?? { [code]: when };
  const listed = Object.entries(codes)
    .map(([c, w]) => `${c} (${w})`)
    .join('; ');
  const description = status === 409 ? `${when}: ${listed}` : own ? listed : `${code}: ${when}`;
  const schema = {
    allOf: [
      { $ref: '#/components/schemas/ErrorBody' },
      { properties: { error: { properties: { code: { enum: Object.keys(codes) } } } } },
    ],
  };
  return {
    description,
    headers: {
      ...REQUEST_ID_HEADER,
      ...(status === 429 || status === 503
        ? { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } }
        : {}),
    },
    content: { 'application/json': { schema } },
  };
}

const REQUEST_ID_HEADER = {
  'X-Request-Id': {
    description: 'The request’s id, also in error.requestId and the logs',
    schema: { type: 'string' },
  },
};

function operation(route: DocumentedRoute): Json {
  const responses: Json = route.path === '*' ? {} : successResponses(`${route.method} ${route.path}`);
  for (const status of errorStatuses(route)) responses[String(status)] = errorResponse(route, status);
  const access = route.spec?.access ?? 'public';
  const limit = route.spec?.limit;
  const body = schemaOf(route.spec?.body);
  const doc = routeDoc(route);
  return {
    operationId: route.functionName,
    summary: doc.summary,
    description: [
      doc.description ?? '',
      route.spec ? `Access: ${access}${access === 'staff' ? ' (or admin)' : ''}.` : '',
      limit
        ? `Rate limit: ${limit.limit} per user per ${limit.windowSeconds} s` +
          (limit.counts ? ` (counting replies ${limit.counts.join(', ')}).` : '.')
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    ...(access === 'public' ? { security: [] } : {}),
    parameters: parameters(route),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses,
  };
}

/** The document for these routes, paths in the order given. */
export function buildOpenApi(routes: DocumentedRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = route.path === '*' ? '/{anyPath}' : route.path;
    const method = route.method === 'ANY' ? 'get' : route.method.toLowerCase();
    paths[path] = { ...paths[path], [method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '红色商圈 Red Circle API',
      version: '1.1',
      description:
        'Generated from the routes of serverless.yml and their zod schemas. Contract: shared/API.md.',
    },
    servers: [{ url: 'http://127.0.0.1:3000' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ErrorBody: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'requestId'],
              properties: {
                code: { type: 'string', pattern: '^[A-Z][A-Z_]*$' },
                message: { type: 'string' },
                requestId: { type: 'string', minLength: 1 },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
