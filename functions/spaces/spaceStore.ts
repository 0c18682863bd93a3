// The space item: profile, opening hours, QR revision, and the occupancy counter with its in-flight intents.
// Every counter change is one conditional UpdateItem that also records or clears the intent it belongs to.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryAll, queryPage, type Page } from '../lib/dynamo';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import {
  SPACES_FEED,
  inIntentKey,
  outIntentKey,
  spaceFromItem,
  spaceItem,
  spaceKey,
  type Intent,
  type SpaceChanges,
  type SpaceRecord,
} from './model';

export type TakePlaceOutcome = { kind: 'taken'; occupancy: number } | { kind: 'refused' };

/** The spaces in display order (oldest first), on byFeed. */
const feed = { index: 'byFeed' as const, keyCondition: 'feedPk = :feed', values: { ':feed': SPACES_FEED } };

export const spaceStore = {
  async create(space: SpaceRecord): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: spaceItem(space),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(spaceId: string, consistent = false): Promise<SpaceRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: spaceKey(spaceId), ConsistentRead: consistent }),
    );
    return Item ? spaceFromItem(Item) : null;
  },

  list(limit: number, cursor?: string): Promise<Page<SpaceRecord>> {
    return queryPage({ ...feed, limit, cursor }, spaceFromItem);
  },

  /** Every space (the scheduled job; never on a request path). */
  listAll(): Promise<SpaceRecord[]> {
    return queryAll(feed, spaceFromItem);
  },

  /**
   * Applies profile changes. A new capacity must not fall below the places taken now: the condition compares
   * the counter with it, so a check-in racing the edit either lands first (and the edit is refused) or after.
   */
  async update(
    spaceId: string,
    changes: SpaceChanges,
    now: string,
  ): Promise<SpaceRecord | 'missing' | 'below_occupancy'> {
    const update = fieldUpdate(changes as Record<string, unknown>, now);
    const { names, values } = update;
    const conditions = ['attribute_exists(pk)'];
    if (changes.capacity !== undefined) {
      conditions.push('#occupancy <= :capacity');
      names['#occupancy'] = 'occupancy';
    }
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: spaceKey(spaceId),
        UpdateExpression: setRemoveExpression(update),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (attributes) return spaceFromItem(attributes);
    return (await this.get(spaceId, true)) ? 'below_occupancy' : 'missing';
  },

  /** Invalidates every printed code of the space: tokens carry the revision they were signed for. */
  async rotateQr(spaceId: string, now: string): Promise<number | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: spaceKey(spaceId),
        UpdateExpression: 'SET qrRevision = qrRevision + :one, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1, ':now': now },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return attributes ? (attributes.qrRevision as number) : null;
  },

  /**
   * Step 1 of a check-in: take one place and record the intent in the same write. Refused when the space is full,
   * its capacity changed since `seen` was read, or the door code was rotated meanwhile.
   */
  async takePlace(seen: SpaceRecord, intent: Intent): Promise<TakePlaceOutcome> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: spaceKey(seen.id),
        UpdateExpression:
          'SET #occupancy = #occupancy + :one, #seq = #seq + :one, #intents.#intent = :intent',
        ConditionExpression:
          '#occupancy <= :limit AND #capacity = :capacity AND qrRevision = :revision AND attribute_not_exists(#intents.#intent)',
        ExpressionAttributeNames: {
          ...COUNTER_NAMES,
          '#capacity': 'capacity',
          '#intent': inIntentKey(intent.checkinId),
        },
        ExpressionAttributeValues: {
          ':one': 1,
          ':intent': intent,
          ':limit': seen.capacity - 1,
          ':capacity': seen.capacity,
          ':revision': seen.qrRevision,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return attributes ? { kind: 'taken', occupancy: attributes.occupancy as number } : { kind: 'refused' };
  },

  /**
   * Gives back a place taken by an 'in' intent whose check-in was never opened. Runs at most once per intent, and
   * never while a close of the same check-in is in flight (that close gives the place back itself).
   */
  undoPlace(spaceId: string, checkinId: string): Promise<boolean> {
    return counterUpdate({
      Key: spaceKey(spaceId),
      UpdateExpression: 'SET #occupancy = #occupancy - :one, #seq = #seq + :one REMOVE #intents.#in',
      ConditionExpression: 'attribute_exists(#intents.#in) AND attribute_not_exists(#intents.#out)',
      ExpressionAttributeNames: { '#in': inIntentKey(checkinId), '#out': outIntentKey(checkinId) },
      ExpressionAttributeValues: { ':one': 1 },
    });
  },

  /** Last step of a check-in: the check-in and its history are written, the intent has nothing left to explain. */
  clearInIntent(spaceId: string, checkinId: string): Promise<boolean> {
    return counterUpdate({
      Key: spaceKey(spaceId),
      UpdateExpression: 'REMOVE #intents.#in',
      ConditionExpression: 'attribute_exists(#intents.#in)',
      ExpressionAttributeNames: { '#in': inIntentKey(checkinId) },
    });
  },

  /** Step 2 of a close: announce that this check-in's place is about to be given back (counter unchanged). */
  async recordOutIntent(spaceId: string, intent: Intent): Promise<void> {
    await counterUpdate({
      Key: spaceKey(spaceId),
      UpdateExpression: 'SET #intents.#out = :intent',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#intents.#out)',
      ExpressionAttributeNames: { '#out': outIntentKey(intent.checkinId) },
      ExpressionAttributeValues: { ':intent': intent },
    });
  },

  /**
   * Last step of a close: give the place back, exactly once (the out intent is the ticket), and drop any
   * leftover 'in' intent of the same check-in (its check-in was opened, so it must never be undone now).
   */
  freePlace(spaceId: string, checkinId: string): Promise<boolean> {
    return counterUpdate({
      Key: spaceKey(spaceId),
      UpdateExpression:
        'SET #occupancy = #occupancy - :one, #seq = #seq + :one REMOVE #intents.#out, #intents.#in',
      ConditionExpression: 'attribute_exists(#intents.#out)',
      ExpressionAttributeNames: { '#out': outIntentKey(checkinId), '#in': inIntentKey(checkinId) },
      ExpressionAttributeValues: { ':one': 1 },
    });
  },

  /**
   * Sets the counter to a recount, only if nothing moved since `seen` was read (same seq) and nothing is in flight.
   */
  applyRecount(seen: SpaceRecord, counted: number): Promise<boolean> {
    return counterUpdate({
      Key: spaceKey(seen.id),
      UpdateExpression: 'SET #occupancy = :counted, #seq = #seq + :one',
      ConditionExpression: '#seq = :seq AND size(#intents) = :zero',
      ExpressionAttributeValues: { ':counted': counted, ':seq': seen.seq, ':zero': 0, ':one': 1 },
    });
  },
};

/** Attribute names of the counter (some are DynamoDB reserved words, e.g. capacity). */
const COUNTER_NAMES = { '#occupancy': 'occupancy', '#seq': 'seq', '#intents': 'intents' };

type CounterUpdateInput = Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>;

/** A conditional update of the space item, with the counter's attribute names that its expressions use. */
function counterUpdate(input: CounterUpdateInput): Promise<boolean> {
  const used = `${input.UpdateExpression ?? ''} ${input.ConditionExpression ?? ''}`;
  const names: Record<string, string> = { ...input.ExpressionAttributeNames };
  // DynamoDB refuses names an expression does not use, so only the used ones are added.
  for (const [alias, name] of Object.entries(COUNTER_NAMES))
    if (new RegExp(`${alias}\\b`).test(used)) names[alias] = name;
  return conditional(
    new UpdateCommand({ TableName: tableName(), ...input, ExpressionAttributeNames: names }),
  );
}
