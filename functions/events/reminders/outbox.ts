// Reminder outbox: one item per message to send, queued on `byQueue` (OUTBOX / <dueAt>#<id>) until it is sent.
// Written with a deterministic id, so finishing an interrupted sign-up twice queues the message once.
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../../lib/db';

export const OUTBOX_QUEUE = 'OUTBOX';

export type ReminderKind = 'event_confirmed' | 'event_promoted';

export interface OutboxItem {
  id: string;
  kind: ReminderKind;
  userId: string;
  openid: string;
  eventId: string;
  /** The signup activation the message is about: skipped if that signup is no longer confirmed when due. */
  signupAttempt: string;
  dueAt: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  leaseUntil?: number;
  data: { title: string; startsAt: string; location: string };
  createdAt: string;
}

const keyOf = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
const queueSk = (dueAt: string, id: string) => `${dueAt}#${id}`;

export const outbox = {
  async enqueue(item: Omit<OutboxItem, 'status' | 'attempts'>): Promise<void> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...keyOf(item.id),
            type: 'outbox',
            ...item,
            status: 'pending',
            attempts: 0,
            queuePk: OUTBOX_QUEUE,
            queueSk: queueSk(item.dueAt, item.id),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err; // already queued by an earlier try of the same step
    }
  },

  async due(nowIso: string, limit: number): Promise<OutboxItem[]> {
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
  async claim(item: OutboxItem, nowMs: number, leaseMs: number): Promise<boolean> {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keyOf(item.id),
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
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
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
        Key: keyOf(id),
        UpdateExpression:
          'SET #status = :status, finishedAt = :now, reason = :reason REMOVE queuePk, queueSk, leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':now': nowIso, ':reason': reason ?? null },
      }),
    );
  },

  /** A transient failure: try again at `retryAt`. */
  async retryLater(item: OutboxItem, retryAtIso: string): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keyOf(item.id),
        UpdateExpression: 'SET #status = :pending, queueSk = :sk REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':sk': queueSk(retryAtIso, item.id) },
      }),
    );
  },
};
