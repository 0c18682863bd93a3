// Offers: pk OFFER#<id>, sk META. The counter `claimed` carries the in-flight claims in `intents` (see
// NOTES-invariants): claimed = issued claims + open intents ≤ quantity, always.
// Listings, each sorted by validUntil so "valid now" is a key range (sk ≥ now):
//   byFeed  OFFERS#<alliance> / <validUntil>#<id>    offers of one alliance
//   byQueue OFFERS            / <validUntil>#<id>    all offers (public list, staff figures, reconciler)
//   byOwner MERCHANT#<mid>    / <validUntil>#<id>    one merchant's offers
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alliance } from '../../shared/api/alliance';
import { db, isConditionFailed, tableName } from '../lib/db';

export interface ClaimIntent {
  userId: string;
  /** The user's slot number the claim holds (see claimStore). */
  slot: number;
  code: string;
  at: string;
}

export interface OfferRecord {
  id: string;
  merchantId: string;
  merchantName: string;
  merchantUserId: string;
  title: string;
  description: string;
  alliance: Alliance;
  quantity: number;
  claimed: number;
  redeemed: number;
  perUserLimit: number;
  validFrom: string;
  validUntil: string;
  status: 'active' | 'withdrawn';
  intents: Record<string, ClaimIntent>;
  createdAt: string;
  updatedAt: string;
  /** When a claim last took a unit (recount leaves busy offers alone). */
  lastClaimAt?: string;
}

export const offerKey = (id: string) => ({ pk: `OFFER#${id}`, sk: 'META' });

export function listingKeys(o: Pick<OfferRecord, 'id' | 'alliance' | 'merchantId' | 'validUntil'>) {
  const sortKey = `${o.validUntil}#${o.id}`;
  return {
    feedPk: `OFFERS#${o.alliance}`,
    feedSk: sortKey,
    queuePk: 'OFFERS',
    queueSk: sortKey,
    ownerPk: `MERCHANT#${o.merchantId}`,
    ownerSk: sortKey,
  };
}

export function offerFromItem(item: Record<string, unknown>): OfferRecord {
  return {
    id: item.id as string,
    merchantId: item.merchantId as string,
    merchantName: item.merchantName as string,
    merchantUserId: item.merchantUserId as string,
    title: item.title as string,
    description: item.description as string,
    alliance: item.alliance as Alliance,
    quantity: item.quantity as number,
    claimed: item.claimed as number,
    redeemed: item.redeemed as number,
    perUserLimit: item.perUserLimit as number,
    validFrom: item.validFrom as string,
    validUntil: item.validUntil as string,
    status: item.status as OfferRecord['status'],
    intents: (item.intents as Record<string, ClaimIntent> | undefined) ?? {},
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    ...(item.lastClaimAt ? { lastClaimAt: item.lastClaimAt as string } : {}),
  };
}

function conditional<T>(promise: Promise<T>): Promise<T | null> {
  return promise.catch((err: unknown) => {
    if (isConditionFailed(err)) return null;
    throw err;
  });
}

export const offerStore = {
  async get(id: string): Promise<OfferRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: offerKey(id), ConsistentRead: true }),
    );
    return Item && Item.type === 'offer' ? offerFromItem(Item) : null;
  },

  async create(offer: OfferRecord): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...offerKey(offer.id), ...listingKeys(offer), type: 'offer', ...offer },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  /** Step 1 of a claim: take one unit and record whose it is, if the terms read are still the terms. */
  async takeUnit(offer: OfferRecord, claimId: string, intent: ClaimIntent): Promise<boolean> {
    const done = await conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: offerKey(offer.id),
          UpdateExpression: 'SET claimed = claimed + :one, intents.#cid = :intent, lastClaimAt = :now',
          ConditionExpression:
            'claimed <= :limit AND quantity = :quantity AND perUserLimit = :perUserLimit AND #status = :active' +
            ' AND validFrom <= :now AND validUntil > :now AND attribute_not_exists(intents.#cid)',
          ExpressionAttributeNames: { '#cid': claimId, '#status': 'status' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':intent': intent,
            ':limit': offer.quantity - 1,
            ':quantity': offer.quantity,
            ':perUserLimit': offer.perUserLimit,
            ':active': 'active',
            ':now': intent.at,
          },
        }),
      ),
    );
    return done !== null;
  },

  /** The claim is issued: forget the intent. Exactly once, and never after an undo. */
  async clearIntent(offerId: string, claimId: string): Promise<boolean> {
    const done = await conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: offerKey(offerId),
          UpdateExpression: 'REMOVE intents.#cid',
          ConditionExpression: 'attribute_exists(intents.#cid)',
          ExpressionAttributeNames: { '#cid': claimId },
        }),
      ),
    );
    return done !== null;
  },

  /** The claim will never be issued: give the unit back. Exactly once, and never after a clear. */
  async returnUnit(offerId: string, claimId: string): Promise<boolean> {
    const done = await conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: offerKey(offerId),
          UpdateExpression: 'SET claimed = claimed - :one REMOVE intents.#cid',
          ConditionExpression: 'attribute_exists(intents.#cid)',
          ExpressionAttributeNames: { '#cid': claimId },
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    );
    return done !== null;
  },

  async addRedeemed(offerId: string): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: offerKey(offerId),
        UpdateExpression: 'ADD redeemed :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  },

  /** Applies an edit by the offer's own merchant; null when a condition refused it (the caller explains why). */
  async update(
    offer: OfferRecord,
    merchantId: string,
    changes: Partial<
      Pick<OfferRecord, 'title' | 'description' | 'quantity' | 'perUserLimit' | 'validFrom' | 'validUntil'>
    >,
    now: string,
  ): Promise<OfferRecord | null> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':mid': merchantId, ':active': 'active', ':now': now };
    const sets = ['updatedAt = :now'];
    const conditions = ['attribute_exists(pk)', 'merchantId = :mid', '#status = :active'];
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    for (const [field, value] of entries) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    if (changes.quantity !== undefined) conditions.push('claimed <= :quantity');
    if (changes.perUserLimit !== undefined && changes.quantity === undefined)
      conditions.push('quantity >= :perUserLimit');
    if (changes.validUntil !== undefined) {
      // The window is a term customers accepted: it moves only while nothing is claimed (nor in flight).
      const keys = listingKeys({ ...offer, validUntil: changes.validUntil });
      for (const k of ['feedSk', 'queueSk', 'ownerSk'] as const) {
        values[`:${k}`] = keys[k];
        sets.push(`${k} = :${k}`);
      }
      conditions.push('claimed = :zero');
      values[':zero'] = 0;
    }
    const result = await conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: offerKey(offer.id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return result?.Attributes ? offerFromItem(result.Attributes) : null;
  },

  /** Withdraws the offer (idempotent); null when it is not this merchant's. */
  async withdraw(offerId: string, merchantId: string, now: string): Promise<OfferRecord | null> {
    const result = await conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: offerKey(offerId),
          UpdateExpression:
            'SET #status = :withdrawn, withdrawnAt = if_not_exists(withdrawnAt, :now), updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND merchantId = :mid',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':now': now, ':mid': merchantId },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return result?.Attributes ? offerFromItem(result.Attributes) : null;
  },

  /** Recount repair: sets a figure only if it still holds the value the recount started from. */
  async setFigure(
    offerId: string,
    field: 'claimed' | 'redeemed',
    from: number,
    to: number,
  ): Promise<boolean> {
    const done = await conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: offerKey(offerId),
          UpdateExpression: 'SET #f = :to',
          ConditionExpression: '#f = :from',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      ),
    );
    return done !== null;
  },
};
