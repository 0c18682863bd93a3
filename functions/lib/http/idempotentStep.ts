// Idempotency-Key on POST, as one step of a route: before the work, replay a stored reply or claim the key;
// after it, store the reply, or — when the reply says "try again" (5xx, 429) — let the same request run again.
//
// The rule that makes running again safe: every POST route is idempotent in its domain, so a second run finds the
// first run's effect instead of repeating it, whatever the first run managed before it failed.
//   - Creation (wall message, merchant application, offer, event, space, claim, service request, …): the new item's
//     id comes from (user, Idempotency-Key) — `creationId()` in lib/idempotency.ts, `claimIdFor` in
//     alliance/claimSteps.ts — and the write is conditional on the id being free, so the retry finds the item it
//     created and returns it (the same 201), never a second one.
//   - State changes (redeem, check in, sign up, decide, …) are conditional transitions a repeat finds already done:
//     never a second effect. Most answer the same reply (redeem: the claim carries the redeeming request's mark,
//     from user + key; check in, decide, sign up: the signup's activation id comes from user + key, signupService.ts).
// So a 503 after the write (a throttle on a later step) does not lose the work and the retry does not double it.
// A crash leaves the key in progress: a retry within the lease gets 409 REQUEST_IN_PROGRESS with Retry-After and
// should wait and retry with the same key; after the lease it runs and, by the rule above, returns the first run's
// item. A lost write of the key's own record does not do that: idempotency.ts re-reads its claim and retries the
// writes after the work (docs/api/boundary.md, "Store faults on the Idempotency-Key records").
// A new POST route must follow the rule (and a test must retry it after a failure right after its write).
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
    // A 5xx or a 429 is worth retrying (after Retry-After): the same request may run again (see the rule above).
    if (status >= 500 || status === 429) await idempotency.allowRetry(claim.userId, claim.key);
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
    // The work is done (the writes were tried a few times); a retry within the lease gets REQUEST_IN_PROGRESS with
    // Retry-After, after it the domain rules find the first run's effect.
    logger.warn('idempotency record not finalised', { error: serializeError(err) });
  }
}
