// The event item: creation, staff edits and status, and the single-item conditional writes that move seats and the
// waiting-list counter. Every write bumps `rev`, so a recount can tell that the event changed under it.
// Lists of events (the feed, the reconciler's working set, a page's events by key) are in eventFeedStore.ts.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventStatus } from '../../shared/api/events';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning } from '../lib/dynamo';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import {
  eventFromItem,
  eventKey,
  eventListingKeys,
  eventToItem,
  type EventEdit,
  type EventRecord,
  type SeatIntent,
} from './model';

/**
 * A conditional update of the event that also bumps `rev`: `clauses` (SET/REMOVE) then `adds` (ADD, with `#rev :one`).
 * True when its condition held.
 */
function updateBumpingRev(
  eventId: string,
  update: {
    clauses: string;
    adds: string[];
    condition: string;
    names: Record<string, string>;
    values: Record<string, unknown>;
  },
): Promise<boolean> {
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: eventKey(eventId),
      UpdateExpression: `${update.clauses} ADD ${[...update.adds, '#rev :one'].join(', ')}`,
      ConditionExpression: update.condition,
      ExpressionAttributeNames: { ...update.names, '#rev': 'rev' },
      ExpressionAttributeValues: { ...update.values, ':one': 1 },
    }),
  );
}

export const eventStore = {
  async create(event: EventRecord): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: eventToItem(event),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(eventId: string): Promise<EventRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: eventKey(eventId), ConsistentRead: true }),
    );
    return Item && Item.type === 'event' ? eventFromItem(Item) : null;
  },

  /**
   * Staff edit, applied only if no other staff edit came in between (`updatedAt`), and, when the capacity changes,
   * only if the seats already taken still fit. Returns null when a condition failed.
   */
  async edit(event: EventRecord, changes: EventEdit, now: string): Promise<EventRecord | null> {
    const update = fieldUpdate(changes as Record<string, unknown>, now);
    const { names, values, sets } = update;
    Object.assign(names, { '#rev': 'rev' });
    Object.assign(values, { ':expected': event.updatedAt, ':one': 1 });
    if (changes.startsAt !== undefined) {
      const keys = eventListingKeys(event.kind, changes.startsAt, event.id);
      Object.assign(names, { '#feedSk': 'feedSk', '#queueSk': 'queueSk' });
      Object.assign(values, { ':feedSk': keys.feedSk, ':queueSk': keys.queueSk });
      sets.push('#feedSk = :feedSk', '#queueSk = :queueSk');
    }
    let condition = '#updatedAt = :expected';
    if (changes.capacity !== undefined) {
      names['#seatsTaken'] = 'seatsTaken';
      condition += ' AND #seatsTaken <= :capacity';
    }
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: eventKey(event.id),
        UpdateExpression: `${setRemoveExpression(update)} ADD #rev :one`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes && eventFromItem(attributes);
  },

  /** Moves the status on, only from one of `allowedFrom`. Returns null when the event was in another status. */
  async setStatus(
    eventId: string,
    status: EventStatus,
    allowedFrom: EventStatus[],
    now: string,
  ): Promise<EventRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: eventKey(eventId),
        UpdateExpression: 'SET #status = :status, #updatedAt = :now ADD #rev :one',
        ConditionExpression: `#status IN (${allowedFrom.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#rev': 'rev' },
        ExpressionAttributeValues: {
          ':status': status,
          ':now': now,
          ':one': 1,
          ...Object.fromEntries(allowedFrom.map((s, i) => [`:from${i}`, s])),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes && eventFromItem(attributes);
  },

  /** Step 1 of a join or a promotion: take `seats` and record the intent, only if they still fit. */
  takeSeats(
    event: Pick<EventRecord, 'id' | 'capacity'>,
    userId: string,
    intent: SeatIntent,
    options: { requireOpen: boolean },
  ): Promise<boolean> {
    const openCheck = options.requireOpen ? '#status = :open' : '#status <> :cancelled';
    return updateBumpingRev(event.id, {
      clauses: 'SET #intents.#user = :intent',
      adds: ['#seatsTaken :seats'],
      condition: `#seatsTaken <= :limit AND #capacity = :capacity AND ${openCheck} AND attribute_not_exists(#intents.#user)`,
      names: {
        '#intents': 'intents',
        '#user': userId,
        '#seatsTaken': 'seatsTaken',
        '#capacity': 'capacity',
        '#status': 'status',
      },
      values: {
        ':intent': intent,
        ':seats': intent.seats,
        ':limit': event.capacity - intent.seats,
        ':capacity': event.capacity,
        ...(options.requireOpen ? { ':open': 'open' } : { ':cancelled': 'cancelled' }),
      },
    });
  },

  /** Step 1 of a cancellation: record the intent to release seats (nothing changes yet). */
  recordIntent(eventId: string, userId: string, intent: SeatIntent): Promise<boolean> {
    return updateBumpingRev(eventId, {
      clauses: 'SET #intents.#user = :intent',
      adds: [],
      condition: 'attribute_exists(pk) AND attribute_not_exists(#intents.#user)',
      names: { '#intents': 'intents', '#user': userId },
      values: { ':intent': intent },
    });
  },

  /**
   * Last step of every seat change (or its undo): remove the intent and apply the counter changes that go with it,
   * exactly once — only while the intent of this very attempt is still there.
   */
  settleIntent(
    eventId: string,
    userId: string,
    attempt: string,
    deltas: { seatsTaken?: number; waitlistCount?: number } = {},
  ): Promise<boolean> {
    const changed = Object.entries(deltas).filter(([, delta]) => !!delta);
    return updateBumpingRev(eventId, {
      clauses: 'REMOVE #intents.#user',
      adds: changed.map(([field]) => `#${field} :${field}`),
      condition: '#intents.#user.#attempt = :attempt',
      names: {
        '#intents': 'intents',
        '#user': userId,
        '#attempt': 'attempt',
        ...Object.fromEntries(changed.map(([field]) => [`#${field}`, field])),
      },
      values: { ':attempt': attempt, ...Object.fromEntries(changed.map(([field, d]) => [`:${field}`, d])) },
    });
  },

  /** A place on the waiting list: the next arrival number and the new count, only while sign-up is open. */
  async takeWaitlistPlace(eventId: string): Promise<EventRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: eventKey(eventId),
        UpdateExpression: 'ADD #waitSeq :one, #waitlistCount :one, #rev :one',
        ConditionExpression: '#status = :open AND #waitlist = :true',
        ExpressionAttributeNames: {
          '#waitSeq': 'waitSeq',
          '#waitlistCount': 'waitlistCount',
          '#rev': 'rev',
          '#status': 'status',
          '#waitlist': 'waitlist',
        },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':true': true },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes && eventFromItem(attributes);
  },

  async addToWaitlistCount(eventId: string, delta: number): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: eventKey(eventId),
        UpdateExpression: 'ADD #waitlistCount :delta, #rev :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#waitlistCount': 'waitlistCount', '#rev': 'rev' },
        ExpressionAttributeValues: { ':delta': delta, ':one': 1 },
      }),
    );
  },

  /** Writes recounted figures, only if nothing touched the event since it was read and no seat change is in flight. */
  writeRecount(
    eventId: string,
    readRev: number,
    figures: { seatsTaken: number; waitlistCount: number },
  ): Promise<boolean> {
    return updateBumpingRev(eventId, {
      clauses: 'SET #seatsTaken = :seatsTaken, #waitlistCount = :waitlistCount',
      adds: [],
      condition: '#rev = :rev AND size(#intents) = :zero',
      names: { '#seatsTaken': 'seatsTaken', '#waitlistCount': 'waitlistCount', '#intents': 'intents' },
      values: {
        ':seatsTaken': figures.seatsTaken,
        ':waitlistCount': figures.waitlistCount,
        ':rev': readRev,
        ':zero': 0,
      },
    });
  },
};
