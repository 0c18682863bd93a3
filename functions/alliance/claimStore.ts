// Claims (the code's item), the reconciler's void markers, and the per-user claim slots (keys in model.ts).
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryAll, queryPage, type Page } from '../lib/dynamo';
import {
  USER_CLAIMS_PREFIX,
  UNSETTLED_SLOTS,
  claimFromItem,
  claimItem,
  codeItemFromItem,
  codeKey,
  offerClaimsPk,
  offerKey,
  slotFromItem,
  slotItem,
  slotKey,
  slotPrefix,
  userClaimsPk,
  voidItem,
  type ClaimRecord,
  type CodeItem,
  type SlotRecord,
} from './model';

/** A slot as one claim attempt holds it: the claim id and the code it would issue. */
type SlotRef = Pick<SlotRecord, 'offerId' | 'userId' | 'slot' | 'claimId' | 'code'>;

/** Puts an item unless its key is taken. */
const putNew = (item: Record<string, unknown>) =>
  conditional(
    new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
  );

/** A write to a slot that applies only while the slot still belongs to that claim attempt. */
const stillHeldBy = (slot: SlotRef) => ({
  TableName: tableName(),
  Key: slotKey(slot.offerId, slot.userId, slot.slot),
  ConditionExpression: 'claimId = :cid AND code = :code',
  ExpressionAttributeValues: { ':cid': slot.claimId, ':code': slot.code },
});

export const claimStore = {
  /** The user's slots on this offer (numbers 1..perUserLimit), read from the base table, consistently. */
  async slotsOf(offerId: string, userId: string): Promise<SlotRecord[]> {
    return queryAll(
      {
        keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
        values: { ':pk': offerKey(offerId).pk, ':prefix': slotPrefix(userId) },
        consistent: true,
      },
      slotFromItem,
    );
  },

  /** Step 1 of a claim: one of the user's numbered slots, journaled as unsettled until the claim is done. */
  async takeSlot(slot: SlotRecord): Promise<boolean> {
    return putNew(slotItem(slot));
  },

  /** One of the user's slots, read consistently (null when it is free). */
  async getSlot(offerId: string, userId: string, slot: number): Promise<SlotRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: slotKey(offerId, userId, slot), ConsistentRead: true }),
    );
    return Item ? slotFromItem(Item) : null;
  },

  /** The claim is issued: the slot leaves the unsettled journal (true for the one call that moved it). */
  async settleSlot(slot: SlotRef): Promise<boolean> {
    const held = stillHeldBy(slot);
    return conditional(
      new UpdateCommand({
        ...held,
        UpdateExpression: 'REMOVE queuePk, queueSk',
        ConditionExpression: `${held.ConditionExpression} AND attribute_exists(queuePk)`,
      }),
    );
  },

  /** The claim will never be issued: free the slot (only if it still belongs to that claim). */
  async releaseSlot(slot: SlotRef): Promise<boolean> {
    return conditional(new DeleteCommand(stillHeldBy(slot)));
  },

  /** Unsettled slots journaled before `before` (requests that died, or are very slow). */
  async unsettledSlots(before: string): Promise<SlotRecord[]> {
    return queryAll(
      {
        index: 'byQueue',
        keyCondition: 'queuePk = :pk AND queueSk < :before',
        values: { ':pk': UNSETTLED_SLOTS, ':before': before },
      },
      slotFromItem,
    );
  },

  /** Step 3: the claim item itself. False when the code is taken (a void marker, or a collision). */
  async putClaim(claim: ClaimRecord): Promise<boolean> {
    return putNew(claimItem(claim));
  },

  /** Reconciler: makes sure a stale claim can never be written later. False when something holds the code already. */
  async putVoid(code: string, claimId: string, offerId: string, now: string): Promise<boolean> {
    return putNew(voidItem(code, claimId, offerId, now));
  },

  async getByCode(code: string): Promise<CodeItem | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: codeKey(code), ConsistentRead: true }),
    );
    return Item ? codeItemFromItem(Item) : null;
  },

  /** claimed → redeemed, exactly once, only by the offer's merchant and before validUntil. */
  async redeem(
    code: string,
    merchantId: string,
    byUserId: string,
    now: string,
    /** The request's mark (claimService.redemptionMark). */
    mark: string,
  ): Promise<ClaimRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: codeKey(code),
        UpdateExpression:
          'SET #status = :redeemed, redeemedAt = :now, redeemedBy = :by, redeemedWith = :mark',
        ConditionExpression:
          '#type = :claimType AND #status = :claimed AND merchantId = :mid AND validUntil > :now',
        ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
        ExpressionAttributeValues: {
          ':redeemed': 'redeemed',
          ':claimed': 'claimed',
          ':claimType': 'claim',
          ':now': now,
          ':by': byUserId,
          ':mid': merchantId,
          ':mark': mark,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? claimFromItem(attributes) : null;
  },

  /**
   * The claimant's account was closed: the claim stays (its offer's counts, the merchant's figures, the code at the
   * till) but no longer points to a person — user id removed and off "my codes", so a repeat finds it no more.
   */
  eraseClaimant(code: string, userId: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: codeKey(code),
        UpdateExpression: 'SET userId = :none REMOVE ownerPk, ownerSk',
        ConditionExpression: 'userId = :uid',
        ExpressionAttributeValues: { ':none': '', ':uid': userId },
      }),
    );
  },

  /** "My codes", newest first. */
  async listForUser(userId: string, limit: number, cursor?: string): Promise<Page<ClaimRecord>> {
    const pk = userClaimsPk(userId);
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :pk AND begins_with(ownerSk, :prefix)',
        values: { ':pk': pk, ':prefix': USER_CLAIMS_PREFIX },
        newestFirst: true,
        limit,
        cursor,
        // The user's byOwner partition holds other features' items too.
        scope: `claims.ofUser|${pk}`,
      },
      claimFromItem,
    );
  },

  /** Every claim issued on one offer (the recount). */
  async allForOffer(offerId: string): Promise<ClaimRecord[]> {
    return queryAll(
      { index: 'byQueue', keyCondition: 'queuePk = :pk', values: { ':pk': offerClaimsPk(offerId) } },
      claimFromItem,
    );
  },
};
