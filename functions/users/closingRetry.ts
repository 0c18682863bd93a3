// DELETE /v1/me is idempotent: a retry after a lost reply gets 204 again, although from the first try on every token
// of the account is refused (401) by route()'s authentication. The closing request records the fingerprint of its
// own token (SHA-256, never the token) on the profile (userStore.close); a later DELETE /v1/me carrying that very
// token — still valid and unexpired — is recognised here, before route()'s steps, and answered 204. If the closing
// is still queued (the first try crashed), the retry finishes it at once, as the first try would have. Nothing else
// is answered: another route, or another token of the closed account, still gets 401 from route().
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InjectedCrash } from '../lib/faults';
import { noContent } from '../lib/http';
import { toResult } from '../lib/http/reply';
import { lowerCaseHeaders } from '../lib/http/request';
import { secretsStep } from '../lib/http/secretsStep';
import { logger, serializeError } from '../lib/logger';
import { verifySessionToken } from '../lib/tokens';
import { finishClosing } from './accountSteps';
import { userStore } from './userStore';

/** What the profile keeps of the token that closed it. */
export const tokenFingerprint = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The bearer token of a request, if it has one in the expected form. */
export function bearerToken(headers: Record<string, string>): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '');
  return match ? match[1].trim() : null;
}

/** The user id whose closing this token made, or null (not a valid token, or not the one that closed it). */
async function closedBy(token: string): Promise<{ userId: string; unfinished: boolean } | null> {
  let userId: string;
  try {
    await secretsStep();
    userId = await verifySessionToken(token);
  } catch {
    return null; // route() gives the reply (401, or 503 when the secrets cannot be read)
  }
  let closing: Awaited<ReturnType<typeof userStore.closingOf>>;
  try {
    closing = await userStore.closingOf(userId);
  } catch {
    return null; // the store did not answer: route() reads the profile again and replies (503)
  }
  if (!closing?.closingToken || closing.closingToken !== tokenFingerprint(token)) return null;
  return { userId, unfinished: closing.unfinished };
}

/** The prelude of DELETE /v1/me: 204 for a retry of the request that closed the account, else null. */
export async function answerClosingRetry(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2 | null> {
  const token = bearerToken(lowerCaseHeaders(event.headers));
  if (!token) return null;
  const closed = await closedBy(token);
  if (!closed) return null;
  const requestId = event.requestContext?.requestId ?? 'retry';
  if (closed.unfinished) {
    try {
      await finishClosing(closed.userId);
    } catch (err) {
      if (err instanceof InjectedCrash) throw err;
      // The account is closed either way; the job (finishAccountClosings) completes what is left.
      logger.warn('closing retry could not finish the closing', { error: serializeError(err) });
    }
  }
  logger.info('request', { method: 'DELETE', path: event.rawPath, status: 204, retryOfClosing: true });
  return toResult(noContent(), requestId);
}
