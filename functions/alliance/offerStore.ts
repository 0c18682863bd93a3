// Offers (keys, listings and the counter's meaning in model.ts). The counter `claimed` carries the in-flight claims
// in `intents`: claimed = issued claims + open intents ≤ quantity, always.
import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Alliance } from '../../shared/api/alliance';
import { db, tableName } from '../lib/db';
import {
  conditional,
  conditionalReturning,
  queryAll,
  queryPage,
  type IndexName,
  type Page,
  type QuerySpec,
} from '../lib/dynamo';
import {
  ALL_OFFERS_PK,
  allianceOffersPk,
  listingKeys,
  merchantOffersPk,
  offerFromItem,
  offerItem,
  offerKey,
  type ClaimIntent,
  type OfferChanges,
  type OfferRecord,
} from './model';

type OfferUpdate = Omit<UpdateCommandInput, 'TableName' | 'Key' | 'ReturnValues'>;

/** A conditional update of one offer item; true when it was applied. */
const updateOffer = (offerId: string, update: OfferUpdate) =>
  conditional(new UpdateCommand({ TableName: tableName(), Key: offerKey(offerId), ...update }));

/** The same, answering the offer as it is after the update (null when a condition refused it). */
async function updateOfferReturning(offerId: string, update: OfferUpdate): Promise<OfferRecord | null> {
  const attributes = await conditionalReturning(
    new UpdateCommand({ TableName: tableName(), Key: offerKey(offerId), ...update, ReturnValues: 'ALL_NEW' }),
  );
  return attributes ? offerFromItem(attributes) : null;
}

/** Offers valid now: a listing read from `now` on (sorted by validUntil), filtered to started and active. */
function validNowQuery(filter: { alliance?: Alliance; merchantId?: string }, now: string): QuerySpec {
  const [index, keyCondition, pk]: [IndexName, string, string] = filter.merchantId
    ? ['byOwner', 'ownerPk = :pk AND ownerSk >= :now', merchantOffersPk(filter.merchantId)]
    : filter.alliance
      ? ['byFeed', 'feedPk = :pk AND feedSk >= :now', allianceOffersPk(filter.alliance)]
      : ['byQueue', 'queuePk = :pk AND queueSk >= :now', ALL_OFFERS_PK];
  const conditions = ['#status = :active', 'validFrom <= :now', 'validUntil > :now'];
  const values: Record<string, unknown> = { ':pk': pk, ':now': now, ':active': 'active' };
  // One merchant's listing spans both alliances.
  if (filter.merchantId && filter.alliance) {
    conditions.push('alliance = :alliance');
    values[':alliance'] = filter.alliance;
  }
  return { index, keyCondition, filter: conditions.join(' AND '), names: { '#status': 'status' }, values };
}

/** One merchant's offers in every state, latest-ending first. */
const merchantQuery = (merchantId: string): QuerySpec => ({
  index: 'byOwner',
  keyCondition: 'ownerPk = :pk',
  values: { ':pk': merchantOffersPk(merchantId) },
  newestFirst: true,
});

export const offerStore = {
  async get(id: string): Promise<OfferRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: offerKey(id), ConsistentRead: true }),
    );
    return Item && Item.type === 'offer' ? offerFromItem(Item) : null;
  },

  async create(offer: OfferRecord): Promise<void> {
    const created = await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: offerItem(offer),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (!created) throw new Error(`offer ${offer.id} exists already`);
  },

  /** Step 2 of a claim: take one unit and record whose it is, if the terms read are still the terms. */
  async takeUnit(offer: OfferRecord, claimId: string, intent: ClaimIntent): Promise<boolean> {
    return updateOffer(offer.id, {
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
    });
  },

  /** The claim is issued: forget the intent. Exactly once, and never after an undo. */
  async clearIntent(offerId: string, claimId: string): Promise<boolean> {
    return updateOffer(offerId, {
      UpdateExpression: 'REMOVE intents.#cid',
      ConditionExpression: 'attribute_exists(intents.#cid)',
      ExpressionAttributeNames: { '#cid': claimId },
    });
  },

  /** The claim will never be issued: give the unit back. Exactly once, and never after a clear. */
  async returnUnit(offerId: string, claimId: string): Promise<boolean> {
    return updateOffer(offerId, {
      UpdateExpression: 'SET claimed = claimed - :one REMOVE intents.#cid',
      ConditionExpression: 'attribute_exists(intents.#cid)',
      ExpressionAttributeNames: { '#cid': claimId },
      ExpressionAttributeValues: { ':one': 1 },
    });
  },

  async addRedeemed(offerId: string): Promise<void> {
    const added = await updateOffer(offerId, {
      UpdateExpression: 'ADD redeemed :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1 },
    });
    if (!added) throw new Error(`offer ${offerId} does not exist`);
  },

  /** Applies an edit by the offer's own merchant; null when a condition refused it (the caller explains why). */
  async update(
    offer: OfferRecord,
    merchantId: string,
    changes: OfferChanges,
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
    return updateOfferReturning(offer.id, {
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  },

  /** Withdraws the offer (idempotent); null when it is not this merchant's. */
  async withdraw(offerId: string, merchantId: string, now: string): Promise<OfferRecord | null> {
    return updateOfferReturning(offerId, {
      UpdateExpression:
        'SET #status = :withdrawn, withdrawnAt = if_not_exists(withdrawnAt, :now), updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND merchantId = :mid',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':now': now, ':mid': merchantId },
    });
  },

  /** Recount repair: sets a figure only if it still holds the value the recount started from. */
  async setFigure(
    offerId: string,
    field: 'claimed' | 'redeemed',
    from: number,
    to: number,
  ): Promise<boolean> {
    return updateOffer(offerId, {
      UpdateExpression: 'SET #f = :to',
      ConditionExpression: '#f = :from',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':from': from, ':to': to },
    });
  },

  /** Offers valid now (started, not ended, not withdrawn), ending soonest first. */
  async listValidNow(
    filter: { alliance?: Alliance; merchantId?: string },
    now: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<OfferRecord>> {
    const q = validNowQuery(filter, now);
    // The merchant listing shares its partition with the merchant's own list and differs by the alliance filter.
    const scope = `offers.validNow|${q.values[':pk'] as string}|${filter.alliance ?? ''}`;
    return queryPage({ ...q, limit, cursor, scope }, offerFromItem);
  },

  async listForMerchant(merchantId: string, limit: number, cursor?: string): Promise<Page<OfferRecord>> {
    const scope = `offers.ofMerchant|${merchantOffersPk(merchantId)}`;
    return queryPage({ ...merchantQuery(merchantId), limit, cursor, scope }, offerFromItem);
  },

  /** Every offer of one merchant, latest-ending first (its figures). */
  async allForMerchant(merchantId: string): Promise<OfferRecord[]> {
    return queryAll(merchantQuery(merchantId), offerFromItem);
  },

  /** Every offer, or those ending `since` or later (staff figures, the reconciler). */
  async all(since?: string): Promise<OfferRecord[]> {
    return queryAll(
      since
        ? {
            index: 'byQueue',
            keyCondition: 'queuePk = :pk AND queueSk >= :since',
            values: { ':pk': ALL_OFFERS_PK, ':since': since },
          }
        : { index: 'byQueue', keyCondition: 'queuePk = :pk', values: { ':pk': ALL_OFFERS_PK } },
      offerFromItem,
    );
  },
};
