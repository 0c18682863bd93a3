// Reminder outbox items (see model.ts): queued once, claimed by one sender at a time with a lease, then finished
// (leaving the queue) or put back for a later retry.
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/db';
import { conditional } from '../../lib/dynamo';
import { OUTBOX_QUEUE, outboxKey, outboxQueueSk, type OutboxItem } from './model';

export const outboxStore = {
  /** Queues the message unless an earlier try of the same step already did (same id). */
  async enqueue(item: Omit<OutboxItem, 'status' | 'attempts'>): Promise<void> {
    await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...outboxKey(item.id),
          type: 'outbox',
          ...item,
          status: 'pending',
          attempts: 0,
          queuePk: OUTBOX_QUEUE,
          queueSk: outboxQueueSk(item.dueAt, item.id),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  /** Up to `limit` queued items due by `nowIso`, earliest first. */
  async due(nowIso: string, limit: number): Promise<OutboxItem[]> {
    // One read of the head of the queue; what is left is taken on the next run.
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pk AND queueSk <= :upTo',
        ExpressionAttributeValues: { ':pk': OUTBOX_QUEUE, ':upTo': `${nowIso}#~` },
        Limit: limit,
      }),
    );
    return (page.Items ?? []) as OutboxItem[];
  },

  /** Takes the item for one sender (a lease, so a crashed sender's item is taken again later). */
  claim(item: OutboxItem, nowMs: number, leaseMs: number): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKey(item.id),
        UpdateExpression: 'SET #status = :sending, leaseUntil = :lease ADD attempts :one',
        ConditionExpression:
          'attribute_exists(queuePk) AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':lease': nowMs + leaseMs,
          ':now': nowMs,
          ':one': 1,
        },
      }),
    );
  },

  /** Done with it (sent, refused or skipped): it leaves the queue. */
  async finish(
    id: string,
    status: 'sent' | 'failed' | 'skipped',
    nowIso: string,
    reason?: string,
  ): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKey(id),
        UpdateExpression:
          'SET #status = :status, finishedAt = :now, reason = :reason REMOVE queuePk, queueSk, leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':now': nowIso, ':reason': reason ?? null },
      }),
    );
  },

  /** A transient failure: try again at `retryAtIso`. */
  async retryLater(item: OutboxItem, retryAtIso: string): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKey(item.id),
        UpdateExpression: 'SET #status = :pending, queueSk = :sk REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':sk': outboxQueueSk(retryAtIso, item.id) },
      }),
    );
  },
};
