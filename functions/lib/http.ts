// The one HTTP wrapper every handler uses: request id, body limits, JSON parsing, validation, authentication,
// role checks, Idempotency-Key, and the single error mapper that produces every error body of the contract.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Role } from '../../shared/api/users';
import { hasRole, loadCurrentUser, type CurrentUser } from './principal';
import {
  AppError,
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
  isRetryableStoreError,
} from './errors';
import { InjectedCrash } from './faults';
import { idempotency, requestFingerprint, validateIdempotencyKey, type StoredReply } from './idempotency';
import { logger, serializeError, setLogContext } from './logger';
import { verifySessionToken } from './tokens';
import { parseOrThrow } from './validation';

export const MAX_BODY_BYTES = 64 * 1024;

export type Access = 'public' | 'user' | Role;

export interface Reply {
  status: number;
  body?: unknown;
  /** A non-JSON body (e.g. CSV), sent as is. */
  text?: string;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
export const text = (
  status: number,
  content: string,
  contentType: string,
  headers: Record<string, string> = {},
): Reply => ({
  status,
  text: content,
  headers: { 'Content-Type': contentType, ...headers },
});

export interface RequestContext<B, Q, P, U> {
  requestId: string;
  body: B;
  query: Q;
  params: P;
  user: U;
  headers: Record<string, string>;
  event: APIGatewayProxyEventV2;
}

interface RouteOptions<BS extends z.ZodType, QS extends z.ZodType, PS extends z.ZodType, A extends Access> {
  /** `public`, any signed-in `user`, or a role; `staff` routes also admit admins. */
  access: A;
  body?: BS;
  query?: QS;
  params?: PS;
}

type UserFor<A extends Access> = A extends 'public' ? CurrentUser | null : CurrentUser;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

function lowerCaseHeaders(headers: APIGatewayProxyEventV2['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadRequestError('请求体不是有效的 JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BadRequestError('请求体必须是 JSON 对象');
  return parsed;
}

/** `?kind=` means "no filter", as API.md writes it: empty query values are dropped. */
function presentParams(params: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** A cursor from another list makes the store refuse the start key: that is the client's bad input, not a 500. */
function isForeignCursor(err: unknown, query: unknown): boolean {
  const hasCursor =
    !!query && typeof query === 'object' && 'cursor' in query && !!(query as { cursor?: unknown }).cursor;
  return (
    hasCursor && !!err && typeof err === 'object' && (err as { name?: string }).name === 'ValidationException'
  );
}

async function authenticate(headers: Record<string, string>, required: boolean): Promise<CurrentUser | null> {
  const header = headers['authorization'];
  if (!header) {
    if (required) throw new UnauthenticatedError();
    return null;
  }
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError('登录凭证格式错误');
  let userId: string;
  try {
    userId = await verifySessionToken(match[1].trim());
  } catch (err) {
    // On a public route (e.g. login) a stale token just means "signed out".
    if (!required) return null;
    throw err;
  }
  const user = await loadCurrentUser(userId);
  if (!user) {
    if (!required) return null;
    throw new UnauthenticatedError('账号不存在，请重新登录');
  }
  return user;
}

function authorize(user: CurrentUser | null, access: Access): void {
  if (access === 'public' || access === 'user') return;
  if (!user) throw new UnauthenticatedError();
  const allowed: Role[] = access === 'staff' ? ['staff', 'admin'] : [access];
  if (!hasRole(user, ...allowed)) throw new ForbiddenError();
}

function toResult(reply: Reply, requestId: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    'X-Request-Id': requestId,
    'Cache-Control': 'no-store',
    ...reply.headers,
  };
  if (reply.text !== undefined) return { statusCode: reply.status, headers, body: reply.text };
  if (reply.body === undefined) return { statusCode: reply.status, headers };
  return {
    statusCode: reply.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(reply.body),
  };
}

/** The single error mapper: every error body of the contract comes from here. */
export function errorReply(err: unknown, requestId: string): Reply {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (isRetryableStoreError(err)) appError = new UnavailableError(err);
  else {
    logger.error('unhandled error', { error: serializeError(err) });
    appError = new AppError(500, 'INTERNAL_ERROR', '服务器内部错误', {}, { cause: err });
  }
  if (appError.status >= 500 && appError.status !== 500)
    logger.warn('request failed', { error: serializeError(err) });
  const body = {
    error: {
      code: appError.code,
      message: appError.message,
      requestId,
      ...(appError.extra.fields ? { fields: appError.extra.fields } : {}),
    },
  };
  return { status: appError.status, body, headers: appError.extra.headers };
}

export function route<
  A extends Access,
  BS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  PS extends z.ZodType | undefined = undefined,
>(
  options: RouteOptions<
    NonNullable<BS> & z.ZodType,
    NonNullable<QS> & z.ZodType,
    NonNullable<PS> & z.ZodType,
    A
  > & {
    body?: BS;
    query?: QS;
    params?: PS;
  },
  fn: (ctx: RequestContext<Out<BS>, Out<QS>, Out<PS>, UserFor<A>>) => Promise<Reply>,
): Handler {
  return async (event) => {
    const requestId = event.requestContext?.requestId || randomUUID();
    const method = event.requestContext?.http?.method ?? 'GET';
    const routeKey = event.routeKey ?? `${method} ${event.rawPath}`;
    setLogContext({ requestId, route: routeKey });
    const started = Date.now();
    const headers = lowerCaseHeaders(event.headers);
    let idempotencyOwner: { userId: string; key: string } | null = null;
    let reply: Reply;
    try {
      const raw = rawBody(event);
      if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLargeError();
      const user = await authenticate(headers, options.access !== 'public');
      authorize(user, options.access);
      const parsedBody = options.body ? parseJsonBody(raw) : undefined;
      const body = options.body ? parseOrThrow(options.body, parsedBody) : undefined;
      const query = options.query
        ? parseOrThrow(options.query, presentParams(event.queryStringParameters))
        : undefined;
      const params = options.params ? parseOrThrow(options.params, event.pathParameters ?? {}) : undefined;

      const idempotencyKey = headers['idempotency-key'];
      if (method === 'POST' && idempotencyKey !== undefined && user) {
        validateIdempotencyKey(idempotencyKey);
        const start = await idempotency.start(
          user.id,
          idempotencyKey,
          requestFingerprint(method, event.rawPath, raw),
        );
        if (start.kind === 'replay') {
          const stored: StoredReply = start.reply;
          logger.info('idempotent replay', { status: stored.status });
          return {
            statusCode: stored.status,
            headers: { ...stored.headers, 'X-Request-Id': requestId, 'Idempotent-Replay': 'true' },
            body: stored.body,
          };
        }
        idempotencyOwner = { userId: user.id, key: idempotencyKey };
      }

      try {
        reply = await fn({
          requestId,
          body: body as Out<BS>,
          query: query as Out<QS>,
          params: params as Out<PS>,
          user: user as UserFor<A>,
          headers,
          event,
        });
      } catch (err) {
        if (isForeignCursor(err, query)) throw new ValidationError({ cursor: '无效的分页游标' });
        throw err;
      }
    } catch (err) {
      // An injected crash stands for the process dying: no reply at all, exactly as in production.
      if (err instanceof InjectedCrash) throw err;
      reply = errorReply(err, requestId);
    }
    const result = toResult(reply, requestId);
    if (idempotencyOwner) {
      try {
        // A 5xx or a 429 is worth retrying (after Retry-After): forget the key so the retry runs.
        if (reply.status >= 500 || reply.status === 429)
          await idempotency.release(idempotencyOwner.userId, idempotencyOwner.key);
        else
          await idempotency.complete(idempotencyOwner.userId, idempotencyOwner.key, {
            status: result.statusCode ?? 200,
            headers: Object.fromEntries(
              Object.entries(result.headers ?? {})
                .filter(([k]) => k !== 'X-Request-Id')
                .map(([k, v]) => [k, String(v)]),
            ),
            body: result.body ?? '',
          });
      } catch (err) {
        // The work is done; a retry within the lease gets REQUEST_IN_PROGRESS, after it the domain rules refuse a repeat.
        logger.warn('idempotency record not finalised', { error: serializeError(err) });
      }
    }
    logger.info('request', {
      method,
      path: event.rawPath,
      status: result.statusCode,
      ms: Date.now() - started,
    });
    return result;
  };
}
