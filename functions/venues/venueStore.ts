// The venue item: profile, hours, whether it can be booked. Listed by kind (byFeed) and all together (byQueue).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { VenueKind } from '../../shared/api/venues';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryAll, queryPage, type Page } from '../lib/dynamo';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import {
  ALL_VENUES_QUEUE,
  venueFeed,
  venueFromItem,
  venueItem,
  venueKey,
  type VenueChanges,
  type VenueRecord,
} from './model';

const listSpec = (kind?: VenueKind) =>
  kind
    ? { index: 'byFeed' as const, keyCondition: 'feedPk = :p', values: { ':p': venueFeed(kind) } }
    : { index: 'byQueue' as const, keyCondition: 'queuePk = :p', values: { ':p': ALL_VENUES_QUEUE } };

export const venueStore = {
  /** Puts the venue unless one with its id exists (a retry of the same keyed creation): true when it wrote. */
  create(venue: VenueRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: venueItem(venue),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(id: string, consistent = false): Promise<VenueRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: venueKey(id), ConsistentRead: consistent }),
    );
    return Item ? venueFromItem(Item) : null;
  },

  list(kind: VenueKind | undefined, limit: number, cursor?: string): Promise<Page<VenueRecord>> {
    return queryPage({ ...listSpec(kind), limit, cursor }, venueFromItem);
  },

  /** Every venue (the reconciler; never on a request path). */
  listAll(): Promise<VenueRecord[]> {
    return queryAll({ ...listSpec(), max: 10_000 }, venueFromItem);
  },

  /** Applies changes; the kind moves the venue to its new list. Null when the venue does not exist. */
  async update(id: string, changes: VenueChanges, now: string): Promise<VenueRecord | null> {
    const fields: Record<string, unknown> = { ...changes };
    if (changes.kind) fields.feedPk = venueFeed(changes.kind);
    const update = fieldUpdate(fields, now);
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: venueKey(id),
        UpdateExpression: setRemoveExpression(update),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: update.values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? venueFromItem(attributes) : null;
  },
};
