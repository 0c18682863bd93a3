// `route()`: the one HTTP wrapper every handler uses, composed of small steps — request id and log context,
// body limit, authentication and access, input validation, Idempotency-Key, the handler, the error mapper.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/v4/core';
import { InjectedCrash } from '../faults';
import { logger, setLogContext } from '../logger';
import type { CurrentUser } from '../principal';
import { authenticate, authorize, type Access } from './auth';
import { errorReply } from './errorReply';
import { beginIdempotent, finishIdempotent, type IdempotencyClaim } from './idempotentStep';
import { limitAttempt, limitGate, limitOutcome, type RouteLimit } from './limitStep';
import { type Reply, toResult } from './reply';
import { lowerCaseHeaders, parseInput, rawBody } from './request';
import { secretsStep } from './secretsStep';

export interface RequestContext<B, Q, P, U> {
  requestId: string;
  body: B;
  query: Q;
  params: P;
  user: U;
  headers: Record<string, string>;
  event: APIGatewayProxyEventV2;
}

interface RouteOptions<A extends Access, BS, QS, PS> {
  access: A;
  body?: BS;
  query?: QS;
  params?: PS;
  /** A per-user rate limit (limitStep.ts): every attempt, or only the replies whose status it counts. */
  limit?: RouteLimit;
}

type UserFor<A extends Access> = A extends 'public' ? CurrentUser | null : CurrentUser;
type Out<S> = S extends z.$ZodType ? z.output<S> : undefined;

export type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** What a route declared (access, schemas, limit): read by the OpenAPI builder (openapi.ts), never at request time. */
export interface RouteSpec {
  access: Access;
  body?: z.$ZodType;
  query?: z.$ZodType;
  params?: z.$ZodType;
  limit?: RouteLimit;
}
const specs = new WeakMap<Handler, RouteSpec>();
export const routeSpecOf = (handler: unknown): RouteSpec | undefined => specs.get(handler as Handler);
/** A handler that wraps a route() handler (to adjust its result) declares what the wrapped one declared. */
export function withSpecOf<W extends Handler>(wrapper: W, wrapped: Handler): W {
  const spec = specs.get(wrapped);
  if (spec) specs.set(wrapper, spec);
  return wrapper;
}

export function route<
  A extends Access,
  BS extends z.$ZodType | undefined = undefined,
  QS extends z.$ZodType | undefined = undefined,
  PS extends z.$ZodType | undefined = undefined,
>(
  options: RouteOptions<A, BS, QS, PS>,
  fn: (ctx: RequestContext<Out<BS>, Out<QS>, Out<PS>, UserFor<A>>) => Promise<Reply>,
): Handler {
  const handler: Handler = async (event) => {
    const requestId = event.requestContext?.requestId || randomUUID();
    const method = event.requestContext?.http?.method ?? 'GET';
    setLogContext({ requestId, route: event.routeKey ?? `${method} ${event.rawPath}` });
    const started = Date.now();
    const headers = lowerCaseHeaders(event.headers);
    let claim: IdempotencyClaim | null = null;
    let reply: Reply;
    let userId: string | undefined;
    try {
      const raw = rawBody(event);
      await secretsStep();
      const user = await authenticate(headers, options.access !== 'public');
      authorize(user, options.access);
      userId = user?.id;
      await limitGate(options.limit, userId);
      const input = parseInput(event, raw, options);
      const begun = await beginIdempotent({
        method,
        path: event.rawPath,
        raw,
        key: headers['idempotency-key'],
        userId: user?.id,
        requestId,
      });
      if (begun.kind === 'replay') return begun.result;
      if (begun.kind === 'claimed') claim = begun.claim;
      await limitAttempt(options.limit, userId, claim?.key);
      const ctx = { requestId, ...input, user, headers, event };
      // A cursor the store refuses is mapped to 422 where cursors are read, in queryPage (lib/dynamo.ts).
      reply = await fn(ctx as RequestContext<Out<BS>, Out<QS>, Out<PS>, UserFor<A>>);
    } catch (err) {
      // An injected crash stands for the process dying: no reply at all, exactly as in production.
      if (err instanceof InjectedCrash) throw err;
      reply = errorReply(err, requestId);
    }
    let result = toResult(reply, requestId);
    try {
      const limited = await limitOutcome(options.limit, userId, result);
      if (limited) result = toResult(errorReply(limited, requestId), requestId);
    } catch (err) {
      result = toResult(errorReply(err, requestId), requestId);
    }
    if (claim) await finishIdempotent(claim, result);
    logger.info('request', {
      method,
      path: event.rawPath,
      status: result.statusCode,
      ms: Date.now() - started,
    });
    return result;
  };
  specs.set(handler, options as RouteSpec);
  return handler;
}

/**
 * `inner` with a step in front that may answer a request itself (null: `inner` answers it, as before), keeping
 * what `inner` declared (openapi.ts, the authorisation matrix). For a request the route's own steps would refuse
 * although it is a retry of one they let through (DELETE /v1/me after a lost reply: functions/users/closingRetry.ts).
 */
export function withPrelude(
  inner: Handler,
  prelude: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2 | null>,
): Handler {
  const handler: Handler = async (event) => (await prelude(event)) ?? inner(event);
  const spec = specs.get(inner);
  if (spec) specs.set(handler, spec);
  return handler;
}
