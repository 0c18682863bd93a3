// Idempotency-Key on POST, as one step of a route: before the work, replay a stored reply or claim the key;
// after it, store the reply (or release the key when the reply says "try again").
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { idempotency, requestFingerprint, validateIdempotencyKey } from '../idempotency';
import { logger, serializeError } from '../logger';

export interface IdempotencyClaim {
  userId: string;
  key: string;
}

export type IdempotencyBegin =
  | { kind: 'none' }
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; result: APIGatewayProxyStructuredResultV2 };

export async function beginIdempotent(input: {
  method: string;
  path: string;
  raw: string;
  key: string | undefined;
  userId: string | undefined;
  requestId: string;
}): Promise<IdempotencyBegin> {
  if (input.method !== 'POST' || input.key === undefined || !input.userId) return { kind: 'none' };
  validateIdempotencyKey(input.key);
  const fingerprint = requestFingerprint(input.method, input.path, input.raw);
  const start = await idempotency.start(input.userId, input.key, fingerprint);
  if (start.kind === 'run') return { kind: 'claimed', claim: { userId: input.userId, key: input.key } };
  logger.info('idempotent replay', { status: start.reply.status });
  return {
    kind: 'replay',
    result: {
      statusCode: start.reply.status,
      headers: { ...start.reply.headers, 'X-Request-Id': input.requestId, 'Idempotent-Replay': 'true' },
      body: start.reply.body,
    },
  };
}

export async function finishIdempotent(
  claim: IdempotencyClaim,
  result: APIGatewayProxyStructuredResultV2,
): Promise<void> {
  const status = result.statusCode ?? 200;
  try {
    // A 5xx or a 429 is worth retrying (after Retry-After): forget the key so the retry runs.
    if (status >= 500 || status === 429) await idempotency.release(claim.userId, claim.key);
    else
      await idempotency.complete(claim.userId, claim.key, {
        status,
        headers: Object.fromEntries(
          Object.entries(result.headers ?? {})
            .filter(([k]) => k !== 'X-Request-Id')
            .map(([k, v]) => [k, String(v)]),
        ),
        body: typeof result.body === 'string' ? result.body : '',
      });
  } catch (err) {
    // The work is done; a retry within the lease gets REQUEST_IN_PROGRESS, after it the domain rules refuse a repeat.
    logger.warn('idempotency record not finalised', { error: serializeError(err) });
  }
}
