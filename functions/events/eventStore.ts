// The event item: creation, edits, listings, and the single-item conditional writes that move seats.
// Every write bumps `rev`, so a recount can tell that the event changed under it.
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventKind, EventStatus } from '../../shared/api/events';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import { db, isConditionFailed, tableName } from '../lib/db';
import {
  ALL_EVENTS_QUEUE,
  eventKey,
  feedPkFor,
  startsAtSortKey,
  type EventRecord,
  type SeatIntent,
} from './model';

const ITEM_ONLY = new Set(['pk', 'sk', 'type', 'feedPk', 'feedSk', 'queuePk', 'queueSk']);

function fromItem(item: Record<string, unknown>): EventRecord {
  const record = Object.fromEntries(
    Object.entries(item).filter(([k]) => !ITEM_ONLY.has(k)),
  ) as unknown as EventRecord;
  record.intents ??= {};
  record.signupClosesAt ??= null;
  record.minAge ??= null;
  record.maxAge ??= null;
  return record;
}

function listingKeys(kind: EventKind, startsAt: string, id: string) {
  const sortKey = startsAtSortKey(startsAt, id);
  return { feedPk: feedPkFor(kind), feedSk: sortKey, queuePk: ALL_EVENTS_QUEUE, queueSk: sortKey };
}

export type EventEdit = Partial<
  Pick<
    EventRecord,
    | 'title'
    | 'description'
    | 'location'
    | 'startsAt'
    | 'endsAt'
    | 'capacity'
    | 'waitlist'
    | 'signupClosesAt'
    | 'minAge'
    | 'maxAge'
    | 'maxParticipantsPerSignup'
    | 'status'
  >
>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const eventStore = {
  async create(event: EventRecord): Promise<void> {
    const item: Record<string, unknown> = {
      ...eventKey(event.id),
      type: 'event',
      ...event,
      ...listingKeys(event.kind, event.startsAt, event.id),
    };
    for (const k of ['signupClosesAt', 'minAge', 'maxAge'] as const) if (item[k] === null) delete item[k];
    await db().send(
      new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },

  async get(eventId: string): Promise<EventRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: eventKey(eventId), ConsistentRead: true }),
    );
    return Item && Item.type === 'event' ? fromItem(Item) : null;
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
    const startsAt = changes.startsAt ?? event.startsAt;
    if (changes.startsAt !== undefined) {
      const keys = listingKeys(event.kind, startsAt, event.id);
      Object.assign(names, { '#feedSk': 'feedSk', '#queueSk': 'queueSk' });
      Object.assign(values, { ':feedSk': keys.feedSk, ':queueSk': keys.queueSk });
      sets.push('#feedSk = :feedSk', '#queueSk = :queueSk');
    }
    let condition = '#updatedAt = :expected';
    if (changes.capacity !== undefined) {
      names['#seatsTaken'] = 'seatsTaken';
      condition += ' AND #seatsTaken <= :capacity';
    }
    try {
      const { Attributes } = await db().send(
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
      return fromItem(Attributes!);
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  /** Step 1 of a join or a promotion: take `seats` and record the intent, only if they still fit. */
  async takeSeats(
    event: Pick<EventRecord, 'id' | 'capacity'>,
    userId: string,
    intent: SeatIntent,
    options: { requireOpen: boolean },
  ): Promise<boolean> {
    const openCheck = options.requireOpen ? '#status = :open' : '#status <> :cancelled';
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: eventKey(event.id),
          UpdateExpression: 'SET #intents.#user = :intent ADD #seatsTaken :seats, #rev :one',
          ConditionExpression: `#seatsTaken <= :limit AND #capacity = :capacity AND ${openCheck} AND attribute_not_exists(#intents.#user)`,
          ExpressionAttributeNames: {
            '#intents': 'intents',
            '#user': userId,
            '#seatsTaken': 'seatsTaken',
            '#capacity': 'capacity',
            '#status': 'status',
            '#rev': 'rev',
          },
          ExpressionAttributeValues: {
            ':intent': intent,
            ':seats': intent.seats,
            ':limit': event.capacity - intent.seats,
            ':capacity': event.capacity,
            ':one': 1,
            ...(options.requireOpen ? { ':open': 'open' } : { ':cancelled': 'cancelled' }),
          },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /** Step 1 of a cancellation: record the intent to release seats (nothing changes yet). */
  async recordIntent(eventId: string, userId: string, intent: SeatIntent): Promise<boolean> {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: eventKey(eventId),
          UpdateExpression: 'SET #intents.#user = :intent ADD #rev :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#intents.#user)',
          ExpressionAttributeNames: { '#intents': 'intents', '#user': userId, '#rev': 'rev' },
          ExpressionAttributeValues: { ':intent': intent, ':one': 1 },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /**
   * Last step of every seat change (or its undo): remove the intent and apply the counter changes that go with it,
   * exactly once — only while the intent of this very attempt is still there.
   */
  async settleIntent(
    eventId: string,
    userId: string,
    attempt: string,
    deltas: { seatsTaken?: number; waitlistCount?: number } = {},
  ): Promise<boolean> {
    const adds = ['#rev :one'];
    const names: Record<string, string> = {
      '#intents': 'intents',
      '#user': userId,
      '#rev': 'rev',
      '#attempt': 'attempt',
    };
    const values: Record<string, unknown> = { ':one': 1, ':attempt': attempt };
    for (const [field, delta] of Object.entries(deltas)) {
      if (!delta) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = delta;
      adds.push(`#${field} :${field}`);
    }
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: eventKey(eventId),
          UpdateExpression: `REMOVE #intents.#user ADD ${adds.join(', ')}`,
          ConditionExpression: '#intents.#user.#attempt = :attempt',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /** A place on the waiting list: the next arrival number and the new count, only while sign-up is open. */
  async takeWaitlistPlace(eventId: string): Promise<EventRecord | null> {
    try {
      const { Attributes } = await db().send(
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
      return fromItem(Attributes!);
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
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
  async writeRecount(
    eventId: string,
    readRev: number,
    figures: { seatsTaken: number; waitlistCount: number },
  ): Promise<boolean> {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: eventKey(eventId),
          UpdateExpression: 'SET #seatsTaken = :seatsTaken, #waitlistCount = :waitlistCount ADD #rev :one',
          ConditionExpression: '#rev = :rev AND size(#intents) = :zero',
          ExpressionAttributeNames: {
            '#seatsTaken': 'seatsTaken',
            '#waitlistCount': 'waitlistCount',
            '#rev': 'rev',
            '#intents': 'intents',
          },
          ExpressionAttributeValues: {
            ':seatsTaken': figures.seatsTaken,
            ':waitlistCount': figures.waitlistCount,
            ':rev': readRev,
            ':one': 1,
            ':zero': 0,
          },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  async setStatus(
    eventId: string,
    status: EventStatus,
    allowedFrom: EventStatus[],
    now: string,
  ): Promise<EventRecord | null> {
    try {
      const { Attributes } = await db().send(
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
      return fromItem(Attributes!);
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  /** Several events in one round trip (e.g. for a page of "my signups"). */
  async getMany(eventIds: string[]): Promise<Map<string, EventRecord>> {
    const out = new Map<string, EventRecord>();
    let keys: Record<string, unknown>[] = [...new Set(eventIds)].map(eventKey);
    for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
      const reply = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }));
      for (const item of reply.Responses?.[tableName()] ?? []) out.set(item.id as string, fromItem(item));
      keys = (reply.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    return out;
  },

  /** Events not yet ended, soonest first: a key condition on the start time (from a day ago), then `endsAt`. */
  async listCurrent(
    kind: EventKind | undefined,
    nowIso: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<EventRecord>> {
    const index = kind
      ? { IndexName: 'byFeed', pk: 'feedPk', sk: 'feedSk', value: feedPkFor(kind) }
      : { IndexName: 'byQueue', pk: 'queuePk', sk: 'queueSk', value: ALL_EVENTS_QUEUE };
    const from = new Date(Date.parse(nowIso) - 24 * 3600 * 1000).toISOString();
    const items: EventRecord[] = [];
    let startKey = decodeCursor(cursor);
    // A filtered page can come back short: keep reading until the page is full or the index is exhausted.
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: index.IndexName,
          KeyConditionExpression: '#pk = :pk AND #sk >= :from',
          FilterExpression: '#endsAt > :now',
          ExpressionAttributeNames: { '#pk': index.pk, '#sk': index.sk, '#endsAt': 'endsAt' },
          ExpressionAttributeValues: { ':pk': index.value, ':from': from, ':now': nowIso },
          Limit: limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < limit);
    return { items, nextCursor: encodeCursor(startKey) };
  },

  /** Events starting after `sinceIso` (the reconciler's working set), all of them, by start time. */
  async listStartingAfter(sinceIso: string): Promise<EventRecord[]> {
    const out: EventRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :pk AND queueSk >= :from',
          ExpressionAttributeValues: { ':pk': ALL_EVENTS_QUEUE, ':from': sinceIso },
          ExclusiveStartKey: startKey,
        }),
      );
      out.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
};
