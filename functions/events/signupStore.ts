// Signup items: one per user per event (so "one active signup" is a key condition), re-activated after a cancel.
// Lists: an event's signups (staff pages, and every one of them for recounts and exports), a user's signups
// (`byOwner`), and an event's waiting list in arrival order (`byQueue`, only while waitlisted).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RollCall, SignupStatus } from '../../shared/api/events';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, type Page, queryAll, queryCount, queryPage } from '../lib/dynamo';
import {
  eventKey,
  SIGNUP_SK_PREFIX,
  signupFromItem,
  signupKey,
  signupOwnerPk,
  signupToItem,
  waitlistQueuePk,
  waitlistQueueSk,
  type SignupRecord,
} from './model';

/** A conditional update of one signup returning it as written, or null when its condition did not hold. */
async function updateSignup(
  eventId: string,
  userId: string,
  update: {
    expression: string;
    condition: string;
    names: Record<string, string>;
    values: Record<string, unknown>;
  },
): Promise<SignupRecord | null> {
  const attributes = await conditionalReturning(
    new UpdateCommand({
      TableName: tableName(),
      Key: signupKey(eventId, userId),
      UpdateExpression: update.expression,
      ConditionExpression: update.condition,
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  return attributes && signupFromItem(attributes);
}

/** An event's signups: the part of the event's partition after the event item. */
const byEvent = (eventId: string) => ({
  keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
  values: { ':pk': eventKey(eventId).pk, ':prefix': SIGNUP_SK_PREFIX },
});

export const signupStore = {
  async get(eventId: string, userId: string): Promise<SignupRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: signupKey(eventId, userId), ConsistentRead: true }),
    );
    return Item ? signupFromItem(Item) : null;
  },

  /**
   * Writes an active (confirmed or waitlisted) signup: only if the user has none, or only a cancelled one, or this
   * very attempt already wrote it (so finishing an interrupted join twice is harmless).
   */
  putActive(signup: SignupRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: signupToItem(signup),
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
  },

  /**
   * Cancels the activation `attempt` while it is in `from` status; a waitlisted one leaves the queue. `cancelledBy`
   * names the cancel intent, so finishing it again can tell its own cancellation from another one.
   */
  cancel(
    signup: SignupRecord,
    from: SignupStatus,
    now: string,
    cancelledBy: string,
  ): Promise<SignupRecord | null> {
    return updateSignup(signup.eventId, signup.userId, {
      expression:
        'SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, updatedAt = :now REMOVE queuePk, queueSk',
      condition: '#status = :from AND #attempt = :attempt',
      names: { '#status': 'status', '#attempt': 'attempt' },
      values: {
        ':cancelled': 'cancelled',
        ':now': now,
        ':from': from,
        ':attempt': signup.attempt,
        ':by': cancelledBy,
      },
    });
  },

  /** Step 2 of a promotion: the waitlisted place `waitSeq` becomes confirmed, leaves the queue, and names the promotion. */
  promote(
    eventId: string,
    userId: string,
    waitSeq: number,
    promotedBy: string,
    now: string,
  ): Promise<SignupRecord | null> {
    return updateSignup(eventId, userId, {
      expression:
        'SET #status = :confirmed, promotedAt = :now, promotedBy = :by, updatedAt = :now REMOVE queuePk, queueSk',
      condition: '#status = :waitlisted AND waitSeq = :seq',
      names: { '#status': 'status' },
      values: {
        ':confirmed': 'confirmed',
        ':waitlisted': 'waitlisted',
        ':seq': waitSeq,
        ':now': now,
        ':by': promotedBy,
      },
    });
  },

  /** Marks a roll-call once (the first time stays); `first` tells whether this was the signup's first attendance. */
  async markAttendance(
    eventId: string,
    userId: string,
    rollCall: RollCall,
    now: string,
  ): Promise<{ signup: SignupRecord; first: boolean } | null> {
    const signup = await updateSignup(eventId, userId, {
      expression:
        'SET attendance.#call = if_not_exists(attendance.#call, :now), attendedAt = if_not_exists(attendedAt, :now)',
      condition: '#status = :confirmed',
      names: { '#status': 'status', '#call': rollCall },
      values: { ':confirmed': 'confirmed', ':now': now },
    });
    return signup && { signup, first: signup.attendedAt === now };
  },

  /** A page of an event's signups for staff, optionally of one status. */
  listByEvent(
    eventId: string,
    options: { limit: number; cursor?: string; status?: SignupStatus },
  ): Promise<Page<SignupRecord>> {
    const { keyCondition, values } = byEvent(eventId);
    return queryPage(
      {
        keyCondition,
        values: { ...values, ...(options.status ? { ':status': options.status } : {}) },
        ...(options.status ? { filter: '#status = :status', names: { '#status': 'status' } } : {}),
        limit: options.limit,
        cursor: options.cursor,
        // Same partition, different filters: a cursor of one status's list must not page another.
        scope: `signups|${eventId}|${options.status ?? 'all'}`,
      },
      signupFromItem,
    );
  },

  /** Every signup of an event (recount, export, roll-calls), strongly consistent. */
  allByEvent(eventId: string): Promise<SignupRecord[]> {
    return queryAll({ ...byEvent(eventId), consistent: true }, signupFromItem);
  },

  /** The caller's signups, newest first. */
  listByOwner(userId: string, limit: number, cursor?: string): Promise<Page<SignupRecord>> {
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :pk AND begins_with(ownerSk, :prefix)',
        values: { ':pk': signupOwnerPk(userId), ':prefix': SIGNUP_SK_PREFIX },
        newestFirst: true,
        limit,
        cursor,
      },
      signupFromItem,
    );
  },

  /** The waiting list in arrival order, one page at a time. */
  waitlistPage(eventId: string, limit: number, cursor?: string): Promise<Page<SignupRecord>> {
    return queryPage(
      {
        index: 'byQueue',
        keyCondition: 'queuePk = :pk',
        values: { ':pk': waitlistQueuePk(eventId) },
        limit,
        cursor,
      },
      signupFromItem,
    );
  },

  /** 1-based place on the waiting list: how many arrived earlier and are still waiting, plus one. */
  async waitlistPosition(eventId: string, waitSeq: number): Promise<number> {
    const earlier = await queryCount({
      index: 'byQueue',
      keyCondition: 'queuePk = :pk AND queueSk < :mine',
      values: { ':pk': waitlistQueuePk(eventId), ':mine': waitlistQueueSk(waitSeq) },
    });
    return earlier + 1;
  },
};
