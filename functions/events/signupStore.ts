// Signup items: one per user per event (so "one active signup" is a key condition), re-activated after a cancel.
// Lists: an event's signups (staff pages, and every one of them for recounts and exports) and a user's signups
// (`byOwner`). The waiting list's order is kept by its entries (waitlistStore.ts), not by an index.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RollCall, SignupStatus } from '../../shared/api/events';
import { db, tableName } from '../lib/db';
import { batchGet, conditional, conditionalReturning, type Page, queryAll, queryPage } from '../lib/dynamo';
import {
  eventKey,
  SIGNUP_SK_PREFIX,
  signupFromItem,
  signupKey,
  signupOwnerPk,
  signupQueuePk,
  signupToItem,
  WAIT_SK_PREFIX,
  waitEntryFromItem,
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

/** A page of an event's waiting signups, in arrival order: a page of entries, then their signups by key. */
async function listWaiting(eventId: string, limit: number, cursor?: string): Promise<Page<SignupRecord>> {
  const entries = await queryPage(
    {
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': eventKey(eventId).pk, ':prefix': WAIT_SK_PREFIX },
      limit,
      cursor,
      scope: `signups|${eventId}|waitlisted|entries`,
    },
    waitEntryFromItem,
  );
  const signups = await batchGet(
    entries.items.map((e) => signupKey(eventId, e.userId)),
    {},
    signupFromItem,
  );
  const waiting = new Map(signups.filter((s) => s.status === 'waitlisted').map((s) => [s.userId, s]));
  // An entry outlives its signup's leaving the list for a moment (it is removed right after): it is skipped.
  const items = entries.items.flatMap((e) => {
    const signup = waiting.get(e.userId);
    return signup && signup.waitSeq === e.seq ? [signup] : [];
  });
  return { items, nextCursor: entries.nextCursor };
}

export const signupStore = {
  async get(eventId: string, userId: string): Promise<SignupRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: signupKey(eventId, userId), ConsistentRead: true }),
    );
    return Item ? signupFromItem(Item) : null;
  },

  /**
   * Writes a new active (confirmed or waitlisted) signup: only if the user has none, or only a cancelled one of an
   * earlier activation. Never over a cancelled signup of this same activation: what was cancelled stays cancelled.
   * Only the join's own request writes a signup; a finisher of its intent never does (seatSteps.ts).
   */
  putActive(signup: SignupRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: signupToItem(signup),
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :cancelled AND #attempt <> :attempt)',
        ExpressionAttributeNames: { '#status': 'status', '#attempt': 'attempt' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':attempt': signup.attempt },
      }),
    );
  },

  /**
   * Cancels the user's signup while it is in `from` status (and, when given, of that activation). `cancelledBy` names
   * the cancel intent, so finishing it again can tell its own cancellation from another one.
   */
  cancel(
    eventId: string,
    userId: string,
    from: SignupStatus,
    now: string,
    cancelledBy: string,
    activation?: string,
  ): Promise<SignupRecord | null> {
    return updateSignup(eventId, userId, {
      expression:
        'SET #status = :cancelled, cancelledAt = :now, cancelledBy = :by, updatedAt = :now, queuePk = :queue',
      condition: `#status = :from${activation ? ' AND #attempt = :attempt' : ''}`,
      names: { '#status': 'status', ...(activation ? { '#attempt': 'attempt' } : {}) },
      values: {
        ':cancelled': 'cancelled',
        ':queue': signupQueuePk(eventId, 'cancelled'),
        ':now': now,
        ':from': from,
        ':by': cancelledBy,
        ...(activation ? { ':attempt': activation } : {}),
      },
    });
  },

  /** Promotion, step 2: the user's waitlisted signup (at place `waitSeq`) becomes confirmed and names the promotion. */
  promote(
    eventId: string,
    userId: string,
    waitSeq: number,
    promotedBy: string,
    now: string,
  ): Promise<SignupRecord | null> {
    return updateSignup(eventId, userId, {
      expression:
        'SET #status = :confirmed, promotedAt = :now, promotedBy = :by, updatedAt = :now, queuePk = :queue',
      condition: '#status = :waitlisted AND waitSeq = :seq',
      names: { '#status': 'status' },
      values: {
        ':confirmed': 'confirmed',
        ':queue': signupQueuePk(eventId, 'confirmed'),
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

  /**
   * A page of an event's signups for staff, optionally of one status, each read only if it is returned. The waiting
   * ones are read through the waiting list's entries (arrival order); the confirmed or cancelled ones on byQueue, in
   * the order of the whole list (a staff list, no decision rests on it; the index may lag a write by a moment).
   */
  listByEvent(
    eventId: string,
    options: { limit: number; cursor?: string; status?: SignupStatus },
  ): Promise<Page<SignupRecord>> {
    if (options.status === 'waitlisted') return listWaiting(eventId, options.limit, options.cursor);
    const page = { limit: options.limit, cursor: options.cursor };
    if (options.status)
      return queryPage(
        {
          index: 'byQueue',
          keyCondition: 'queuePk = :pk',
          values: { ':pk': signupQueuePk(eventId, options.status) },
          ...page,
          // A cursor of one status's list must not page another, nor the whole list.
          scope: `signups|${eventId}|${options.status}|byQueue`,
        },
        signupFromItem,
      );
    return queryPage({ ...byEvent(eventId), ...page, scope: `signups|${eventId}|all` }, signupFromItem);
  },

  /** Every signup of an event (recount, export, roll-calls), strongly consistent. */
  allByEvent(eventId: string): Promise<SignupRecord[]> {
    return queryAll({ ...byEvent(eventId), consistent: true }, signupFromItem);
  },

  /**
   * The recount's read: every signup of an event as `allByEvent` reads it, and which of them are on no byQueue list
   * (written before signups carried `queuePk`: the `?status=` lists never show them until `putOnQueue`).
   */
  async allByEventWithUnqueued(
    eventId: string,
  ): Promise<{ signups: SignupRecord[]; unqueued: SignupRecord[] }> {
    const read = await queryAll({ ...byEvent(eventId), consistent: true }, (item) => ({
      signup: signupFromItem(item),
      queued: item.queuePk !== undefined,
    }));
    return {
      signups: read.map((r) => r.signup),
      unqueued: read.filter((r) => !r.queued).map((r) => r.signup),
    };
  },

  /**
   * Backfill: puts a signup that has no `queuePk` on its status's byQueue list, only while it still has the status it
   * was read with (a change of status writes its own `queuePk`) and still has none. False when either no longer holds.
   */
  putOnQueue(signup: SignupRecord): Promise<boolean> {
    const key = signupKey(signup.eventId, signup.userId);
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET queuePk = :queue, queueSk = :sk',
        ConditionExpression: '#status = :status AND attribute_not_exists(queuePk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':queue': signupQueuePk(signup.eventId, signup.status),
          ':sk': key.sk,
          ':status': signup.status,
        },
      }),
    );
  },

  /** Every signup of a user (account export and closing; found on `byOwner`, then each acted on by key). */
  allByOwner(userId: string): Promise<SignupRecord[]> {
    return queryAll(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :pk AND begins_with(ownerSk, :prefix)',
        values: { ':pk': signupOwnerPk(userId), ':prefix': SIGNUP_SK_PREFIX },
      },
      signupFromItem,
    );
  },

  /** Retention: the children's names and ages go, the seats stay (once; the signup keeps its status). */
  eraseParticipants(eventId: string, userId: string, now: string): Promise<SignupRecord | null> {
    return updateSignup(eventId, userId, {
      expression: 'SET #parts = :none, participantsErasedAt = :now',
      condition: 'attribute_exists(pk) AND size(#parts) > :zero',
      names: { '#parts': 'participants' },
      values: { ':none': [], ':now': now, ':zero': 0 },
    });
  },

  /**
   * Account closing: who the signup was (nickname, call-out name, openid, guardian phone, children) is erased;
   * status, seats and attendance stay for the event's figures. Only an inactive signup or one of an event under way or
   * past (the closing cancels the others first), so a seat change never meets an erased signup.
   */
  erasePerson(eventId: string, userId: string, now: string, nickname: string): Promise<SignupRecord | null> {
    return updateSignup(eventId, userId, {
      expression:
        'SET #nick = :nick, participants = :none, participantsErasedAt = if_not_exists(participantsErasedAt, :now), updatedAt = :now REMOVE openid, contactName, guardianPhone, ownerPk, ownerSk',
      condition: 'attribute_exists(pk)',
      names: { '#nick': 'nickname' },
      values: { ':nick': nickname, ':none': [], ':now': now },
    });
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
};
