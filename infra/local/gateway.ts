// A local stand-in for API Gateway HTTP API: matches a request to a route of serverless.yml, builds the v2 event,
// and calls the real handler. Used by `npm start` and by the integration tests.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpRoutes, ROOT, type HttpRoute } from './serverlessConfig';

export interface GatewayRequest {
  method: string;
  /** Path with optional query string, e.g. /v1/events?kind=party_lesson */
  url: string;
  headers?: Record<string, string>;
  /** Text, or the raw bytes as received (bytes that are not UTF-8 reach the handler base64-encoded, as behind API Gateway). */
  body?: string | Buffer;
  sourceIp?: string;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes when the handler replied with a base64-encoded (binary) body, e.g. a PNG. */
  body: string | Buffer;
}

type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute extends HttpRoute {
  pattern: RegExp;
  paramNames: string[];
}

function compile(route: HttpRoute): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const m = /^\{(\w+)\+?\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), paramNames };
}

export async function loadHandler(handlerPath: string): Promise<LambdaHandler> {
  const dot = handlerPath.lastIndexOf('.');
  const modulePath = path.join(ROOT, handlerPath.slice(0, dot));
  const exportName = handlerPath.slice(dot + 1);
  const mod = (await import(modulePath)) as Record<string, unknown>;
  const fn = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
  if (typeof fn !== 'function') throw new Error(`${handlerPath} does not export a handler`);
  return fn as LambdaHandler;
}

export function jsonError(status: number, code: string, message: string, requestId: string): GatewayResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId },
    body: JSON.stringify({ error: { code, message, requestId } }),
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The event's body: text when the bytes are UTF-8, otherwise base64 with the flag set, as API Gateway does. */
function eventBody(raw: string | Buffer | undefined): { body: string | undefined; isBase64Encoded: boolean } {
  if (raw === undefined || raw.length === 0) return { body: undefined, isBase64Encoded: false };
  if (typeof raw === 'string') return { body: raw, isBase64Encoded: false };
  try {
    return { body: utf8.decode(raw), isBase64Encoded: false };
  } catch {
    return { body: raw.toString('base64'), isBase64Encoded: true };
  }
}

export class LocalGateway {
  private readonly routes: CompiledRoute[];
  /** The `$default` route (`httpApi: '*'`), as API Gateway: it answers whatever no other route matches. */
  private readonly defaultRoute: CompiledRoute | null;
  private readonly handlers = new Map<string, Promise<LambdaHandler>>();

  /**
   * `around`: runs each invocation (tests run it under the function's deployed role: tests/support/iamGuard.ts).
   */
  constructor(
    routes: HttpRoute[] = httpRoutes(),
    private readonly around?: <T>(functionName: string, invoke: () => Promise<T>) => Promise<T>,
  ) {
    // Literal segments win over parameters, as in API Gateway (/v1/me/signups before /v1/me/{x}).
    this.routes = routes
      .filter((r) => r.path !== '*')
      .map(compile)
      .sort((a, b) => a.paramNames.length - b.paramNames.length);
    const fallback = routes.find((r) => r.path === '*');
    this.defaultRoute = fallback ? { ...fallback, pattern: /^/, paramNames: [] } : null;
  }

  routeCount(): number {
    return this.routes.length;
  }

  private handlerFor(route: CompiledRoute): Promise<LambdaHandler> {
    let handler = this.handlers.get(route.handler);
    if (!handler) {
      handler = loadHandler(route.handler);
      this.handlers.set(route.handler, handler);
    }
    return handler;
  }

  async handle(req: GatewayRequest): Promise<GatewayResponse> {
    const requestId = randomUUID();
    const url = new URL(req.url, 'http://local');
    const method = req.method.toUpperCase();
    const pathMatches = this.routes.filter((r) => r.pattern.test(url.pathname));
    const route =
      pathMatches.find((r) => r.method === method || r.method === 'ANY') ?? this.defaultRoute ?? undefined;
    if (!route) {
      if (pathMatches.length === 0) return jsonError(404, 'NOT_FOUND', '接口不存在', requestId);
      return jsonError(405, 'METHOD_NOT_ALLOWED', '不支持的请求方法', requestId);
    }
    const routeKey = route === this.defaultRoute ? '$default' : `${route.method} ${route.path}`;

    const m = route.pattern.exec(url.pathname)!;
    let pathParameters: Record<string, string>;
    try {
      pathParameters = Object.fromEntries(route.paramNames.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    } catch {
      // A malformed percent-escape (`%E0%A4%A`, `%`): the client's bad input, as API Gateway answers it.
      return jsonError(400, 'BAD_REQUEST', '请求路径中含有无效的编码', requestId);
    }
    const { body: eventBodyText, isBase64Encoded } = eventBody(req.body);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const headers = Object.fromEntries(
      Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );

    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters: route.paramNames.length ? pathParameters : undefined,
      body: eventBodyText,
      isBase64Encoded,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.sourceIp ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
      },
    };

    const handler = await this.handlerFor(route);
    const invoke = () => handler(event);
    const result = await (this.around ? this.around(route.functionName, invoke) : invoke());
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.headers ?? {})) outHeaders[k.toLowerCase()] = String(v);
    const body = result.body ?? '';
    return {
      status: result.statusCode ?? 200,
      headers: outHeaders,
      body: result.isBase64Encoded ? Buffer.from(body, 'base64') : body,
    };
  }
}
