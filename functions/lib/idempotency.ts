// Idempotency-Key on POST: the first reply for (user, key) is stored for 24 h and replayed; the work runs once.
// Written with single-item conditional puts (no transactions), so it works on the embedded store too.
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { optionalEnv } from './config';
import { conditional } from './dynamo';
import { ConflictError, isRetryableStoreError, ValidationError } from './errors';
import { base32, newId } from './ids';

const RETENTION_SECONDS = 24 * 3600;
/**
 * An in-progress record older than this is taken to belong to a crashed invocation and may be retried — by the same
 * request only (same fingerprint); another request under the key stays 422, as after a completed reply. 30 s: the
 * longest an HTTP invocation can run (API Gateway's limit). Tests that wait one out set IDEMPOTENCY_LEASE_SECONDS.
 */
const leaseSeconds = () => Number(optionalEnv('IDEMPOTENCY_LEASE_SECONDS', '30'));
/** Writes of the key's own record are tried this often before the request gives up on them (docs/api/boundary.md). */
const RECORD_WRITE_ATTEMPTS = 4;

/** 409 REQUEST_IN_PROGRESS: the same request is running (or died) under this key; retry after the lease at most. */
function inProgress(retryAfter: number): ConflictError {
  const err = new ConflictError('REQUEST_IN_PROGRESS', '相同的请求正在处理中，请稍后重试');
  err.extra.headers = { 'Retry-After': String(Math.max(1, retryAfter)) };
  return err;
}

/** Runs a write of the key's record again while the store fails in a way worth retrying; the last error is thrown. */
async function persistently<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= RECORD_WRITE_ATTEMPTS || !isRetryableStoreError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

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
    // The claim names its run: when the store applied it but its reply was lost, a re-read tells this run it holds
    // the key (else the key would look "in progress" to its own retry for the whole lease).
    const runId = newId();
    const claim = new PutCommand({
      TableName: tableName(),
      Item: {
        ...idempotencyRecordKey(userId, key),
        type: 'idempotency',
        status: 'in_progress',
        fingerprint,
        runId,
        leaseUntil: now + leaseSeconds(),
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
    });
    const claimed = await conditional(claim).catch((err: unknown) =>
      this.claimedDespite(err, userId, key, runId),
    );
    if (claimed) return { kind: 'run' };
    const Item = await this.read(userId, key);
    if (!Item) return this.start(userId, key, fingerprint);
    // Refused by this very claim: the store applied it, its reply was lost, and the client's resent copy was refused.
    if (Item.runId === runId) return { kind: 'run' };
    if (Item.fingerprint !== fingerprint) {
      throw new ValidationError({ 'Idempotency-Key': '该幂等键已用于另一个请求' });
    }
    if (Item.status === 'complete') return { kind: 'replay', reply: Item.reply as StoredReply };
    throw inProgress(Number(Item.leaseUntil) - now);
  },

  async read(userId: string, key: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await db().send(
      new GetCommand({
        TableName: tableName(),
        Key: idempotencyRecordKey(userId, key),
        ConsistentRead: true,
      }),
    );
    return Item;
  },

  /**
   * The claim failed without a verdict (a throttle, a timeout, a lost reply): true when a re-read shows it was applied
   * (this run holds the key). Otherwise the claim is withdrawn if it landed after all, and the error stands (503).
   */
  async claimedDespite(err: unknown, userId: string, key: string, runId: string): Promise<boolean> {
    if (!isRetryableStoreError(err)) throw err;
    const Item = await persistently(() => this.read(userId, key)).catch(() => undefined);
    if (Item?.runId === runId) return true;
    if (Item === undefined)
      await persistently(() =>
        conditional(
          new DeleteCommand({
            TableName: tableName(),
            Key: idempotencyRecordKey(userId, key),
            ConditionExpression: 'runId = :runId',
            ExpressionAttributeValues: { ':runId': runId },
          }),
        ),
      ).catch(() => undefined);
    throw err;
  },

  async complete(userId: string, key: string, reply: StoredReply): Promise<void> {
    const update = new UpdateCommand({
      TableName: tableName(),
      Key: idempotencyRecordKey(userId, key),
      UpdateExpression: 'SET #status = :complete, reply = :reply',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':complete': 'complete', ':reply': reply },
    });
    await persistently(() => db().send(update));
  },

  /**
   * The reply says "try again" (5xx, 429): the same request with this key may run again — the work is idempotent in
   * the domain, so the retry finds whatever the first run did — while the key stays bound to this request (another
   * body under it is still 422).
   */
  async allowRetry(userId: string, key: string): Promise<void> {
    const update = new UpdateCommand({
      TableName: tableName(),
      Key: idempotencyRecordKey(userId, key),
      UpdateExpression: 'SET #status = :retry',
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':retry': 'retry', ':inProgress': 'in_progress' },
    });
    // A refused condition: already `retry` (an earlier attempt was applied, its reply lost) — nothing left to do.
    await persistently(() => conditional(update));
  },

  /** The work failed in a way worth retrying: forget the key so the retry runs. */
  async release(userId: string, key: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: idempotencyRecordKey(userId, key) }));
  },
};
