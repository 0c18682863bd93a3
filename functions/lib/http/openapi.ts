// The OpenAPI 3.1 document of the API, built from what each route declares to `route()` (access, the zod schemas of
// its body, query and path, its rate limit) with zod 4's JSON Schema output, plus the contract's error replies.
// Success bodies are TypeScript reply types (shared/api/*.ts), not schemas, so they appear as "a JSON object" (or the
// media types and the 204 of SUCCESS below); the error replies, requests and parameters are exact. docs/openapi.json
// is this document (tests/integration/boundary-openapi.test.ts checks it is current; tests/support/contract.ts checks
// every reply of the integration suites against it).
import { z } from 'zod';
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
  409: { code: 'see the route', when: '业务规则拒绝（错误码见各接口）' },
  413: { code: 'PAYLOAD_TOO_LARGE', when: '请求体超过 64 KiB' },
  422: { code: 'VALIDATION_FAILED', when: '字段缺失、类型错误或超出范围；error.fields 给出每个字段的原因' },
  429: { code: 'RATE_LIMITED', when: '操作过于频繁；Retry-After 头给出秒数' },
  503: { code: 'UNAVAILABLE', when: '存储繁忙或不可用；可安全重试' },
};

/** Rate limits a service applies itself (not declared to `route()`); sign-in passes on WeChat's minute quota. */
const SERVICE_LIMITS = new Set(['POST /v1/messages', 'POST /v1/auth/login']);
/** Refusals a public route gives: sign-in refuses an account WeChat flags as risky (errcode 40226). */
const PUBLIC_FORBIDDEN = new Set(['POST /v1/auth/login']);

const JSON_OBJECT = { 'application/json': { schema: { type: 'object' } } };
/**
 * Success replies other than a JSON object: routes that answer 204 without a body, and routes that can also answer
 * another media type (a CSV export, a printable code). The reply validation of the integration suites fails when a
 * route answers something not listed here.
 */
const SUCCESS: Record<string, { noContent?: true; also?: string[] }> = {
  'DELETE /v1/me': { noContent: true },
  'DELETE /v1/messages/{id}': { noContent: true },
  'DELETE /v1/duty/{id}': { noContent: true },
  'DELETE /v1/duty/{id}/appointments/me': { noContent: true },
  'GET /v1/admin/dashboard': { also: ['text/csv'] },
  'GET /v1/events/{id}/signups': { also: ['text/csv'] },
  'GET /v1/spaces/{id}/qrcode': { also: ['image/svg+xml', 'image/png'] },
};

function successResponses(key: string): Json {
  const success = SUCCESS[key];
  if (success?.noContent) return { '204': { description: 'Done; no body' } };
  const content: Json = { ...JSON_OBJECT };
  for (const type of success?.also ?? []) content[type] = { schema: { type: 'string' } };
  return { '2XX': { description: 'Success (the reply types are in shared/api/*.ts)', content } };
}

function schemaOf(schema: z.ZodType | undefined): Json | undefined {
  if (!schema) return undefined;
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  return json;
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
  const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  // route() reads the body (413, 400 for bytes that are not UTF-8) and a present Authorization header (401 when it
  // is malformed, on public routes too) before anything else, whatever the route declares.
  const statuses = [400, 401];
  if (spec.access !== 'public' || PUBLIC_FORBIDDEN.has(key)) statuses.push(403);
  // A missing thing named by the path, or by the body (a claim code that does not exist).
  if (route.path.includes('{') || spec.body) statuses.push(404);
  if (writes) statuses.push(409);
  statuses.push(413);
  if (spec.body || spec.query || spec.params || route.method === 'POST') statuses.push(422);
  if (spec.limit || SERVICE_LIMITS.has(key)) statuses.push(429);
  statuses.push(503);
  return statuses;
}

function operation(route: DocumentedRoute): Json {
  const responses: Json = route.path === '*' ? {} : successResponses(`${route.method} ${route.path}`);
  for (const status of errorStatuses(route)) {
    const { code, when } = ERRORS[status];
    responses[String(status)] = {
      description: `${code}: ${when}`,
      ...(status === 429 || status === 503
        ? { headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  const access = route.spec?.access ?? 'public';
  const limit = route.spec?.limit;
  const body = schemaOf(route.spec?.body);
  return {
    operationId: route.functionName,
    summary:
      route.path === '*' ? 'Any route no other route matches ($default)' : `${route.method} ${route.path}`,
    description: [
      `Access: ${access}${access === 'staff' ? ' (or admin)' : ''}.`,
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
