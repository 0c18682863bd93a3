// Idempotency-Key on POST: the first reply for (user, key) is stored for 24 h and replayed; the work runs once.
// Written with single-item conditional puts (no transactions), so it works on the embedded store too.
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { conditional } from './dynamo';
import { ConflictError, ValidationError } from './errors';
import { base32, newId } from './ids';

const RETENTION_SECONDS = 24 * 3600;
/**
 * An in-progress record older than this is taken to belong to a crashed invocation and may be retried — by the same
 * request only (same fingerprint); another request under the key stays 422, as after a completed reply.
 */
const LEASE_SECONDS = 30;

export interface StoredReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyStart = { kind: 'run' } | { kind: 'replay'; reply: StoredReply };

export function validateIdempotencyKey(key: string): void {
  if (key.length < 1 || key.length > 64) {
    throw new ValidationError({ 'Idempotency-Key': '幂等键长度应为 1–64 个字符' });
  }
}

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('base64url');
}

/**
 * The id of an item a POST creates. With an Idempotency-Key it is derived from (kind, user, key) — 26 symbols of
 * Crockford base32 like `newId()`, so every id format of the app accepts it — and a retry after any failure names the
 * same item and finds its own earlier effect. Without a key, a fresh time-ordered id.
 */
export function creationId(
  kind: string,
  userId: string,
  key: string | undefined,
  fresh: () => string = newId,
): string {
  if (key === undefined) return fresh();
  return base32(createHash('sha256').update(`${kind}|${userId}|${key}`).digest()).slice(0, 26);
}

/** The record of one user's Idempotency-Key. */
export const idempotencyRecordKey = (userId: string, key: string) => ({
  pk: `IDEMPOTENCY#${userId}#${key}`,
  sk: 'IDEMPOTENCY',
});

export const idempotency = {
  async start(userId: string, key: string, fingerprint: string): Promise<IdempotencyStart> {
    const now = Math.floor(Date.now() / 1000);
    const claimed = await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...idempotencyRecordKey(userId, key),
          type: 'idempotency',
          status: 'in_progress',
          fingerprint,
          leaseUntil: now + LEASE_SECONDS,
          expiresAt: now + RETENTION_SECONDS,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR expiresAt < :now OR ' +
          '(#status IN (:inProgress, :retry) AND leaseUntil < :now AND fingerprint = :fingerprint) OR ' +
          '(#status = :retry AND fingerprint = :fingerprint)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':now': now,
          ':inProgress': 'in_progress',
          ':retry': 'retry',
          ':fingerprint': fingerprint,
        },
      }),
    );
    if (claimed) return { kind: 'run' };
    const { Item } = await db().send(
      new GetCommand({
        TableName: tableName(),
        Key: idempotencyRecordKey(userId, key),
        ConsistentRead: true,
      }),
    );
    if (!Item) return this.start(userId, key, fingerprint);
    if (Item.fingerprint !== fingerprint) {
      throw new ValidationError({ 'Idempotency-Key': '该幂等键已用于另一个请求' });
    }
    if (Item.status === 'complete') return { kind: 'replay', reply: Item.reply as StoredReply };
    throw new ConflictError('REQUEST_IN_PROGRESS', '相同的请求正在处理中，请稍后重试');
  },

  async complete(userId: string, key: string, reply: StoredReply): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: idempotencyRecordKey(userId, key),
        UpdateExpression: 'SET #status = :complete, reply = :reply',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':complete': 'complete', ':reply': reply },
      }),
    );
  },

  /**
   * The reply says "try again" (5xx, 429): the same request with this key may run again — the work is idempotent in
   * the domain, so the retry finds whatever the first run did — while the key stays bound to this request (another
   * body under it is still 422).
   */
  async allowRetry(userId: string, key: string): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: idempotencyRecordKey(userId, key),
        UpdateExpression: 'SET #status = :retry',
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':retry': 'retry', ':inProgress': 'in_progress' },
      }),
    );
  },

  /** The work failed in a way worth retrying: forget the key so the retry runs. */
  async release(userId: string, key: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: idempotencyRecordKey(userId, key) }));
  },
};
