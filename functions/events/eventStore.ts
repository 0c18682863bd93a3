// The event item (its text, schedule and sign-up rules) and the reads that bring an event together with its seat
// ledger. A staff edit of the text is one conditional write of this item and never touches the ledger
// (ledgerStore.ts); lists of events are in eventFeedStore.ts.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { batchGet, conditionalReturning, queryAll } from '../lib/dynamo';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import {
  eventFromItem,
  eventKey,
  eventListingKeys,
  eventToItem,
  ledgerFromItem,
  ledgerKey,
  signupFromItem,
  signupKey,
  type EventEdit,
  type EventRecord,
  type EventState,
  type SeatLedger,
  type SignupRecord,
} from './model';

function stateOf(items: Record<string, unknown>[]): Map<string, Partial<EventState>> {
  const byEvent = new Map<string, Partial<EventState>>();
  for (const item of items) {
    const eventId = String(item.pk).slice('EVENT#'.length);
    const entry = byEvent.get(eventId) ?? {};
    if (item.sk === 'META') entry.event = eventFromItem(item);
    else if (item.sk === 'LEDGER') entry.ledger = ledgerFromItem(item);
    byEvent.set(eventId, entry);
  }
  return byEvent;
}

const complete = (s: Partial<EventState> | undefined): EventState | null =>
  s?.event && s.ledger ? { event: s.event, ledger: s.ledger } : null;

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

  /** The event with its ledger in one strongly consistent Query (their sort keys are neighbours). */
  async getState(eventId: string): Promise<EventState | null> {
    const items = await queryAll({
      keyCondition: 'pk = :pk AND sk BETWEEN :ledger AND :meta',
      values: {
        ':pk': eventKey(eventId).pk,
        ':ledger': ledgerKey(eventId).sk,
        ':meta': eventKey(eventId).sk,
      },
      consistent: true,
    });
    return complete(stateOf(items).get(eventId));
  },

  /** The event, its ledger and one user's signup in one strongly consistent BatchGet (a refused sign-up's check). */
  async getStateWithSignup(
    eventId: string,
    userId: string,
  ): Promise<{ state: EventState | null; signup: SignupRecord | null }> {
    const items = await batchGet([eventKey(eventId), ledgerKey(eventId), signupKey(eventId, userId)], {
      consistent: true,
    });
    const signupItem = items.find((i) => i.sk === signupKey(eventId, userId).sk);
    return {
      state: complete(stateOf(items).get(eventId)),
      signup: signupItem ? signupFromItem(signupItem) : null,
    };
  },

  /** Several events with their ledgers in one round trip per hundred items (a page of a list); missing ones absent. */
  async getStates(eventIds: string[]): Promise<Map<string, EventState>> {
    const unique = [...new Set(eventIds)];
    const items = await batchGet(unique.flatMap((id) => [eventKey(id), ledgerKey(id)]));
    const states = new Map<string, EventState>();
    for (const [id, s] of stateOf(items)) {
      const state = complete(s);
      if (state) states.set(id, state);
    }
    return states;
  },

  /** Several ledgers by event id (a page of the feed already has the events). */
  async getLedgers(eventIds: string[]): Promise<Map<string, SeatLedger>> {
    const ledgers = await batchGet([...new Set(eventIds)].map(ledgerKey), {}, ledgerFromItem);
    return new Map(ledgers.map((l) => [l.eventId, l]));
  },

  /** Staff edit of the text, schedule or rules, only if no other staff edit came in between (`updatedAt`). */
  async edit(event: EventRecord, changes: EventEdit, now: string): Promise<EventRecord | null> {
    const update = fieldUpdate(changes as Record<string, unknown>, now);
    const { names, values, sets } = update;
    Object.assign(values, { ':expected': event.updatedAt });
    if (changes.startsAt !== undefined) {
      const keys = eventListingKeys(event.kind, changes.startsAt, event.id);
      Object.assign(names, { '#feedSk': 'feedSk', '#queueSk': 'queueSk' });
      Object.assign(values, { ':feedSk': keys.feedSk, ':queueSk': keys.queueSk });
      sets.push('#feedSk = :feedSk', '#queueSk = :queueSk');
    }
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: eventKey(event.id),
        UpdateExpression: setRemoveExpression(update),
        ConditionExpression: '#updatedAt = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes && eventFromItem(attributes);
  },
};
