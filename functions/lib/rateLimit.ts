// Sliding-window rate limit: one item per (bucket, subject) holding the times of recent actions.
// A hit is appended under the condition "fewer hits than the limit" (so concurrent requests cannot both take the last
// slot, and none has to retry while slots are free); expired hits are pruned by a rewrite under a version condition.
// A hit may name the request's Idempotency-Key (`keyed`): a run of the same key again (after a 503 or a crash, which
// let the key run again) finds its hit and takes no second slot, so a retry is never refused for its own first try.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { conditional } from './dynamo';
import { RateLimitedError, UnavailableError } from './errors';

export interface RateLimit {
  bucket: string;
  subject: string;
  limit: number;
  windowSeconds: number;
  message?: string;
}

/** A hit that named its request's Idempotency-Key. */
interface KeyedHit {
  k: string;
  t: number;
}

export async function consumeRateLimit(
  rule: RateLimit,
  now = Date.now(),
  requestKey?: string,
): Promise<void> {
  const key = { pk: `RATE#${rule.bucket}#${rule.subject}`, sk: 'RATE' };
  const windowMs = rule.windowSeconds * 1000;
  for (let attempt = 0; attempt < 8; attempt++) {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    const version = (Item?.version as number | undefined) ?? 0;
    const hits = (Item?.hits as number[] | undefined) ?? [];
    const recent = hits.filter((t) => t > now - windowMs);
    const keyed = ((Item?.keyed as KeyedHit[] | undefined) ?? []).filter((h) => h.t > now - windowMs);
    if (requestKey !== undefined && keyed.some((h) => h.k === requestKey)) return; // this request's own slot
    const mine: KeyedHit[] = requestKey === undefined ? [] : [{ k: requestKey, t: now }];
    if (recent.length >= rule.limit) {
      const retryAfter = (Math.min(...recent) + windowMs - now) / 1000;
      throw new RateLimitedError(retryAfter, rule.message);
    }
    // Nothing expired: append under "fewer than limit" — concurrent appends all land until the limit, exactly.
    // Something expired: rewrite the pruned list under the version (every append bumps it, so none is lost).
    const taken =
      recent.length === hits.length
        ? await conditional(
            new UpdateCommand({
              TableName: tableName(),
              Key: key,
              UpdateExpression:
                'SET hits = list_append(if_not_exists(hits, :empty), :hit), ' +
                'keyed = list_append(if_not_exists(keyed, :empty), :mine), #type = :type, expiresAt = :exp ' +
                'ADD version :one',
              ConditionExpression: 'attribute_not_exists(hits) OR size(hits) < :limit',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: {
                ':empty': [],
                ':hit': [now],
                ':mine': mine,
                ':type': 'rate',
                ':exp': Math.ceil((now + windowMs) / 1000),
                ':one': 1,
                ':limit': rule.limit,
              },
            }),
          )
        : await conditional(
            new PutCommand({
              TableName: tableName(),
              Item: {
                ...key,
                type: 'rate',
                hits: [...recent, now],
                keyed: [...keyed, ...mine],
                version: version + 1,
                expiresAt: Math.ceil((now + windowMs) / 1000),
              },
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': version },
            }),
          );
    if (taken) return;
  }
  throw new UnavailableError();
}

/** Refuses (429) when the window is already full, without taking a slot: a gate before work whose failures count. */
export async function checkRateLimit(rule: RateLimit, now = Date.now()): Promise<void> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `RATE#${rule.bucket}#${rule.subject}`, sk: 'RATE' },
      ConsistentRead: true,
    }),
  );
  const windowMs = rule.windowSeconds * 1000;
  const recent = ((Item?.hits as number[] | undefined) ?? []).filter((t) => t > now - windowMs);
  if (recent.length >= rule.limit) {
    throw new RateLimitedError((Math.min(...recent) + windowMs - now) / 1000, rule.message);
  }
}
