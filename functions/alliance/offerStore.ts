// Offers (keys, listings and the counter's meaning in model.ts). The counter `claimed` carries the in-flight claims
// in `intents`: claimed = issued claims + open intents ≤ quantity, always.
import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Alliance } from '../../shared/api/alliance';
import { db, tableName } from '../lib/db';
import {
  batchGet,
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
/** One attempt of a claim: the claim id and the code it would issue. */
type Attempt = { claimId: string; code: string };

/** A condition that holds only while the offer holds the intent of this very attempt. */
const ofAttempt = (a: Attempt) => ({
  ConditionExpression: 'intents.#cid.#code = :code',
  ExpressionAttributeNames: { '#cid': a.claimId, '#code': 'code' },
  ExpressionAttributeValues: { ':code': a.code } as Record<string, unknown>,
});

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

/**
 * Offers valid now: a listing read from `now` on (sorted by validUntil, so ended offers are outside the range); the
 * rest of "valid now" (started, active, of the alliance asked for) is checked on the items read.
 */
function validNowQuery(filter: { alliance?: Alliance; merchantId?: string }, now: string): QuerySpec {
  const [index, keyCondition, pk]: [IndexName, string, string] = filter.merchantId
    ? ['byOwner', 'ownerPk = :pk AND ownerSk >= :now', merchantOffersPk(filter.merchantId)]
    : filter.alliance
      ? ['byFeed', 'feedPk = :pk AND feedSk >= :now', allianceOffersPk(filter.alliance)]
      : ['byQueue', 'queuePk = :pk AND queueSk >= :now', ALL_OFFERS_PK];
  return { index, keyCondition, values: { ':pk': pk, ':now': now } };
}

const isValidNow = (o: OfferRecord, now: string, alliance?: Alliance) =>
  o.status === 'active' && o.validFrom <= now && o.validUntil > now && (!alliance || o.alliance === alliance);

/** How many listing items one call of the public list may read, for a page of `limit` (withdrawn and upcoming
 * offers are read and skipped; past this the page comes back short, with a cursor). */
export const listReadBound = (limit: number) => Math.max(3 * limit, 30);

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
      UpdateExpression:
        'SET claimed = claimed + :one, intents.#cid = :intent, lastClaimAt = :now, figuresAt = :now',
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

  /**
   * The claim attempt is issued: forget its intent. Exactly once, never after an undo, never another attempt's. The
   * last claim time moves too: the claim was just written, and the recount lowers the counter only once the offers'
   * index can show every claim (a retry may finish an attempt whose intent is long stale).
   */
  async clearIntent(offerId: string, attempt: Attempt, now: string): Promise<boolean> {
    const of = ofAttempt(attempt);
    return updateOffer(offerId, {
      UpdateExpression: 'SET lastClaimAt = :now REMOVE intents.#cid',
      ...of,
      ExpressionAttributeValues: { ...of.ExpressionAttributeValues, ':now': now },
    });
  },

  /** The claim attempt will never be issued: give its unit back. Exactly once, and never after a clear. */
  async returnUnit(offerId: string, attempt: Attempt, now: string): Promise<boolean> {
    const of = ofAttempt(attempt);
    return updateOffer(offerId, {
      UpdateExpression: 'SET claimed = claimed - :one, figuresAt = :now REMOVE intents.#cid',
      ...of,
      ExpressionAttributeValues: { ...of.ExpressionAttributeValues, ':one': 1, ':now': now },
    });
  },

  /**
   * A redemption's figure; answers the offer after it. Unconditional: a copy the store client resends after a lost
   * reply is applied too, and the recount (reconcileService.ts) lowers the figure to the redeemed claims once quiet.
   */
  async addRedeemed(offerId: string, now: string): Promise<OfferRecord> {
    const offer = await updateOfferReturning(offerId, {
      UpdateExpression: 'ADD redeemed :one SET figuresAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1, ':now': now },
    });
    if (!offer) throw new Error(`offer ${offerId} does not exist`);
    return offer;
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
    if (changes.quantity !== undefined) {
      // The merchant's figures follow by the difference: it must be the difference from what was read.
      conditions.push('claimed <= :quantity', 'quantity = :readQuantity');
      values[':readQuantity'] = offer.quantity;
      sets.push('figuresAt = :now');
    }
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
    change: { from: number; to: number },
    now: string,
  ): Promise<boolean> {
    return updateOffer(offerId, {
      UpdateExpression: 'SET #f = :to, figuresAt = :now',
      ConditionExpression: '#f = :from',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':from': change.from, ':to': change.to, ':now': now },
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
    const bound = listReadBound(limit);
    const items: OfferRecord[] = [];
    let read = 0;
    let next: string | null | undefined = cursor;
    // Unfiltered pages read exactly what they return, so the cursor resumes right after the last offer looked at;
    // never more than `limit` are kept, and never more than `bound` read.
    do {
      const page: Page<OfferRecord> = await queryPage(
        { ...q, limit: Math.min(limit - items.length, bound - read), cursor: next ?? undefined, scope },
        offerFromItem,
      );
      read += page.items.length;
      items.push(...page.items.filter((o) => isValidNow(o, now, filter.alliance)));
      next = page.nextCursor;
    } while (next && items.length < limit && read < bound);
    return { items, nextCursor: next ?? null };
  },

  async listForMerchant(merchantId: string, limit: number, cursor?: string): Promise<Page<OfferRecord>> {
    const scope = `offers.ofMerchant|${merchantOffersPk(merchantId)}`;
    return queryPage({ ...merchantQuery(merchantId), limit, cursor, scope }, offerFromItem);
  },

  /** The ids of every offer of one merchant (the figures recount; the offers are then read consistently). */
  async idsForMerchant(merchantId: string): Promise<string[]> {
    return queryAll({ ...merchantQuery(merchantId), projection: 'id' }, (item) => item.id as string);
  },

  /** Offers by id, read consistently from the base table. */
  async getMany(ids: string[]): Promise<OfferRecord[]> {
    return batchGet(ids.map(offerKey), { consistent: true }, offerFromItem);
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
