// Signup items: one per user per event (so "one active signup" is a key condition), re-activated after a cancel.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RollCall, SignupStatus } from '../../shared/api/events';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { db, isConditionFailed, tableName } from '../lib/db';
import type { Page } from './eventStore';
import {
  eventKey,
  SIGNUP_SK_PREFIX,
  signupKey,
  waitlistQueuePk,
  waitlistQueueSk,
  type SignupRecord,
} from './model';

const ITEM_ONLY = new Set(['pk', 'sk', 'type', 'ownerPk', 'ownerSk', 'queuePk', 'queueSk']);

function fromItem(item: Record<string, unknown>): SignupRecord {
  const record = Object.fromEntries(
    Object.entries(item).filter(([k]) => !ITEM_ONLY.has(k)),
  ) as unknown as SignupRecord;
  record.participants ??= [];
  record.attendance ??= {};
  record.guardianPhone ??= null;
  record.waitSeq ??= null;
  record.attendedAt ??= null;
  record.promotedAt ??= null;
  record.cancelledAt ??= null;
  record.promotedBy ??= null;
  record.cancelledBy ??= null;
  return record;
}

function toItem(signup: SignupRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...signupKey(signup.eventId, signup.userId),
    type: 'signup',
    ...signup,
    ownerPk: `USER#${signup.userId}`,
    ownerSk: `${SIGNUP_SK_PREFIX}${signup.createdAt}#${signup.eventId}`,
  };
  if (signup.status === 'waitlisted' && signup.waitSeq !== null) {
    item.queuePk = waitlistQueuePk(signup.eventId);
    item.queueSk = waitlistQueueSk(signup.waitSeq);
  }
  for (const [k, v] of Object.entries(item)) if (v === null) delete item[k];
  return item;
}

export const signupStore = {
  async get(eventId: string, userId: string): Promise<SignupRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: signupKey(eventId, userId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : null;
  },

  /**
   * Writes an active (confirmed or waitlisted) signup: only if the user has none, or only a cancelled one, or this
   * very attempt already wrote it (so finishing an interrupted join twice is harmless).
   */
  async putActive(signup: SignupRecord): Promise<boolean> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: toItem(signup),
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :cancelled OR (#attempt = :attempt AND #status = :status)',
          ExpressionAttributeNames: { '#status': 'status', '#attempt': 'attempt' },
          ExpressionAttributeValues: {
            ':cancelled': 'cancelled',
            ':attempt': signup.attempt,
            ':status': signup.status,
          },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /**
   * Cancels the activation `attempt` while it is in `from` status; a waitlisted one leaves the queue. `cancelledBy`
   * names the cancel intent, so finishing it again can tell its own cancellation from another one.
   */
  async cancel(
    signup: SignupRecord,
    from: SignupStatus,
    now: string,
    cancelledBy: string,
  ): Promise<SignupRecord | null> {
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: signupKey(signup.eventId, signup.userId),
          UpdateExpression:
            'SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, updatedAt = :now REMOVE queuePk, queueSk',
          ConditionExpression: '#status = :from AND #attempt = :attempt',
          ExpressionAttributeNames: { '#status': 'status', '#attempt': 'attempt' },
          ExpressionAttributeValues: {
            ':cancelled': 'cancelled',
            ':now': now,
            ':from': from,
            ':attempt': signup.attempt,
            ':by': cancelledBy,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(Attributes!);
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  /** Step 2 of a promotion: the waitlisted place `waitSeq` becomes confirmed, leaves the queue, and names the promotion. */
  async promote(
    eventId: string,
    userId: string,
    waitSeq: number,
    promotedBy: string,
    now: string,
  ): Promise<SignupRecord | null> {
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: signupKey(eventId, userId),
          UpdateExpression:
            'SET #status = :confirmed, promotedAt = :now, promotedBy = :by, updatedAt = :now REMOVE queuePk, queueSk',
          ConditionExpression: '#status = :waitlisted AND waitSeq = :seq',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':confirmed': 'confirmed',
            ':waitlisted': 'waitlisted',
            ':seq': waitSeq,
            ':now': now,
            ':by': promotedBy,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(Attributes!);
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  /** Marks a roll-call once (the first time stays); `first` tells whether this was the signup's first attendance. */
  async markAttendance(
    eventId: string,
    userId: string,
    rollCall: RollCall,
    now: string,
  ): Promise<{ signup: SignupRecord; first: boolean } | null> {
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: signupKey(eventId, userId),
          UpdateExpression:
            'SET attendance.#call = if_not_exists(attendance.#call, :now), attendedAt = if_not_exists(attendedAt, :now)',
          ConditionExpression: '#status = :confirmed',
          ExpressionAttributeNames: { '#status': 'status', '#call': rollCall },
          ExpressionAttributeValues: { ':confirmed': 'confirmed', ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const signup = fromItem(Attributes!);
      return { signup, first: signup.attendedAt === now };
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  async listByEvent(
    eventId: string,
    options: { limit: number; cursor?: string; status?: SignupStatus },
  ): Promise<Page<SignupRecord>> {
    const items: SignupRecord[] = [];
    let startKey = decodeCursor(options.cursor);
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...(options.status
            ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
            : {}),
          ExpressionAttributeValues: {
            ':pk': eventKey(eventId).pk,
            ':prefix': SIGNUP_SK_PREFIX,
            ...(options.status ? { ':status': options.status } : {}),
          },
          Limit: options.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < options.limit);
    return { items, nextCursor: encodeCursor(startKey) };
  },

  /** Every signup of an event (recount, export, roll-calls), strongly consistent. */
  async allByEvent(eventId: string): Promise<SignupRecord[]> {
    const out: SignupRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': eventKey(eventId).pk, ':prefix': SIGNUP_SK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      out.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },

  /** The caller's signups, newest first. */
  async listByOwner(userId: string, limit: number, cursor?: string): Promise<Page<SignupRecord>> {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byOwner',
        KeyConditionExpression: 'ownerPk = :pk AND begins_with(ownerSk, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': SIGNUP_SK_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (page.Items ?? []).map(fromItem), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  },

  /** The waiting list in arrival order, one page at a time. */
  async waitlistPage(
    eventId: string,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ items: SignupRecord[]; next?: Record<string, unknown> }> {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pk',
        ExpressionAttributeValues: { ':pk': waitlistQueuePk(eventId) },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (page.Items ?? []).map(fromItem), next: page.LastEvaluatedKey };
  },

  /** 1-based place on the waiting list: how many arrived earlier and are still waiting, plus one. */
  async waitlistPosition(eventId: string, waitSeq: number): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :pk AND queueSk < :mine',
          ExpressionAttributeValues: { ':pk': waitlistQueuePk(eventId), ':mine': waitlistQueueSk(waitSeq) },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count + 1;
  },
};
