// Sliding-window rate limit: one item per (bucket, subject) holding the times of recent actions.
// Updated with optimistic concurrency (a version condition), so concurrent requests cannot both take the last slot.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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

export async function consumeRateLimit(rule: RateLimit, now = Date.now()): Promise<void> {
  const key = { pk: `RATE#${rule.bucket}#${rule.subject}`, sk: 'RATE' };
  const windowMs = rule.windowSeconds * 1000;
  for (let attempt = 0; attempt < 8; attempt++) {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    const version = (Item?.version as number | undefined) ?? 0;
    const recent = ((Item?.hits as number[] | undefined) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= rule.limit) {
      const retryAfter = (Math.min(...recent) + windowMs - now) / 1000;
      throw new RateLimitedError(retryAfter, rule.message);
    }
    const taken = await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key,
          type: 'rate',
          hits: [...recent, now],
          version: version + 1,
          expiresAt: Math.ceil((now + windowMs) / 1000),
        },
        ConditionExpression: version === 0 ? 'attribute_not_exists(pk) OR version = :v' : 'version = :v',
        ExpressionAttributeValues: { ':v': version },
      }),
    );
    if (taken) return;
  }
  throw new UnavailableError();
}
