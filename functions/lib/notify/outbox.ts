// The message outbox any feature writes to: one item per message to send, queued on `byQueue` (<queue> /
// <dueAt>#<id>) until it is sent, then kept with its outcome. pk OUTBOX#<id>, sk OUTBOX. Each feature has its queue
// (events: OUTBOX, venues: OUTBOX#venues, services: OUTBOX#services) drained by its own scheduled sender
// (sender.ts), so one feature's backlog never holds up another's. An item's id is deterministic in the feature (from
// the thing it is about), so queuing it again — a retried request, a second job run — is a no-op.
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db';
import { conditional } from '../dynamo';

/** What a feature queues: the common fields plus its own (e.g. eventId), kept on the item as they are. */
export interface OutboxEntry {
  id: string;
  kind: string;
  userId: string;
  /** The recipient's openid when the feature knows it at queuing time; else the composer looks it up when due. */
  openid?: string;
  dueAt: string;
  createdAt: string;
  [field: string]: unknown;
}

export interface OutboxItem extends OutboxEntry {
  /** The queue (byQueue partition) the item was queued on. */
  queuePk?: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  leaseUntil?: number;
}

export const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
export const outboxQueueSk = (dueAt: string, id: string) => `${dueAt}#${id}`;

export const outbox = {
  /** Queues the message on `queue` unless it was queued before (same id). True when this call queued it. */
  enqueue(queue: string, entry: OutboxEntry): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...outboxKey(entry.id),
          type: 'outbox',
          ...entry,
          status: 'pending',
          attempts: 0,
          queuePk: queue,
          queueSk: outboxQueueSk(entry.dueAt, entry.id),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  /** Up to `limit` queued items of `queue` due by `nowIso`, earliest first. */
  async due(queue: string, nowIso: string, limit: number): Promise<OutboxItem[]> {
    // One read of the head of the queue; what is left is taken on the next run.
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pk AND queueSk <= :upTo',
        ExpressionAttributeValues: { ':pk': queue, ':upTo': `${nowIso}#~` },
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
