// Claims and the per-user counters.
//   Claim (= the code's item): pk CODE#<code>, sk CLAIM — looked up at the till by the code, redeemed by one
//     conditional update; byOwner USER#<uid> / CLAIM#<claimedAt>#<id> ("my codes"),
//     byQueue OFFER_CLAIMS#<offerId> / <claimedAt>#<id> (recount, per-offer figures).
//   Void marker: the same key with status `void`, written by the reconciler so a stale claim can never be issued late.
//   Slots: pk OFFER#<offerId>, sk SLOT#<uid>#<n>, n = 1..perUserLimit — one conditional put per claim, so a user can
//     never hold more claims than slots; while the claim is in flight the slot is journaled on byQueue
//     (ALLIANCE_UNSETTLED_SLOTS / <at>#…) for the reconciler.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimStatus } from '../../shared/api/alliance';
import { db, isConditionFailed, tableName } from '../lib/db';

export interface ClaimRecord {
  id: string;
  offerId: string;
  code: string;
  userId: string;
  merchantId: string;
  merchantName: string;
  offerTitle: string;
  validUntil: string;
  status: ClaimStatus;
  claimedAt: string;
  redeemedAt?: string;
  redeemedBy?: string;
}

export type CodeItem =
  { kind: 'claim'; claim: ClaimRecord } | { kind: 'void'; claimId: string; offerId: string };

const codeKey = (code: string) => ({ pk: `CODE#${code}`, sk: 'CLAIM' });
const slotKey = (offerId: string, userId: string, slot: number) => ({
  pk: `OFFER#${offerId}`,
  sk: `SLOT#${userId}#${String(slot).padStart(3, '0')}`,
});
const UNSETTLED_SLOTS = 'ALLIANCE_UNSETTLED_SLOTS';

/** One of a user's perUserLimit claim slots on an offer; unsettled (journaled on byQueue) while its claim is in flight. */
export interface SlotRecord {
  offerId: string;
  userId: string;
  slot: number;
  claimId: string;
  code: string;
  at: string;
}

export function claimFromItem(item: Record<string, unknown>): ClaimRecord {
  return {
    id: item.id as string,
    offerId: item.offerId as string,
    code: item.code as string,
    userId: item.userId as string,
    merchantId: item.merchantId as string,
    merchantName: item.merchantName as string,
    offerTitle: item.offerTitle as string,
    validUntil: item.validUntil as string,
    status: item.status as ClaimStatus,
    claimedAt: item.claimedAt as string,
    ...(item.redeemedAt ? { redeemedAt: item.redeemedAt as string } : {}),
    ...(item.redeemedBy ? { redeemedBy: item.redeemedBy as string } : {}),
  };
}

async function conditional(send: Promise<unknown>): Promise<boolean> {
  try {
    await send;
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

export const claimStore = {
  /** The user's slot numbers taken on this offer (1..perUserLimit). */
  async takenSlots(offerId: string, userId: string): Promise<number[]> {
    const { Items } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `OFFER#${offerId}`, ':prefix': `SLOT#${userId}#` },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => item.slot as number);
  },

  /** Step 1 of a claim: one of the user's numbered slots, journaled as unsettled until the claim is done. */
  async takeSlot(slot: SlotRecord): Promise<boolean> {
    return conditional(
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...slotKey(slot.offerId, slot.userId, slot.slot),
            type: 'offer_slot',
            ...slot,
            queuePk: UNSETTLED_SLOTS,
            queueSk: `${slot.at}#${slot.offerId}#${slot.userId}#${slot.slot}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  },

  /** The claim is issued: the slot leaves the unsettled journal. */
  async settleSlot(slot: Pick<SlotRecord, 'offerId' | 'userId' | 'slot' | 'claimId'>): Promise<boolean> {
    return conditional(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: slotKey(slot.offerId, slot.userId, slot.slot),
          UpdateExpression: 'REMOVE queuePk, queueSk',
          ConditionExpression: 'claimId = :cid',
          ExpressionAttributeValues: { ':cid': slot.claimId },
        }),
      ),
    );
  },

  /** The claim will never be issued: free the slot (only if it still belongs to that claim). */
  async releaseSlot(slot: Pick<SlotRecord, 'offerId' | 'userId' | 'slot' | 'claimId'>): Promise<boolean> {
    return conditional(
      db().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: slotKey(slot.offerId, slot.userId, slot.slot),
          ConditionExpression: 'claimId = :cid',
          ExpressionAttributeValues: { ':cid': slot.claimId },
        }),
      ),
    );
  },

  /** Unsettled slots journaled before `before` (requests that died, or are very slow). */
  async unsettledSlots(before: string): Promise<SlotRecord[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :pk AND queueSk < :before',
          ExpressionAttributeValues: { ':pk': UNSETTLED_SLOTS, ':before': before },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map((i) => ({
      offerId: i.offerId as string,
      userId: i.userId as string,
      slot: i.slot as number,
      claimId: i.claimId as string,
      code: i.code as string,
      at: i.at as string,
    }));
  },

  /** Step 3: the claim item itself. False when the code is taken (a void marker, or a collision). */
  async putClaim(claim: ClaimRecord): Promise<boolean> {
    return conditional(
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...codeKey(claim.code),
            type: 'claim',
            ...claim,
            ownerPk: `USER#${claim.userId}`,
            ownerSk: `CLAIM#${claim.claimedAt}#${claim.id}`,
            queuePk: `OFFER_CLAIMS#${claim.offerId}`,
            queueSk: `${claim.claimedAt}#${claim.id}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  },

  /** Reconciler: makes sure a stale claim can never be written later. False when something holds the code already. */
  async putVoid(code: string, claimId: string, offerId: string, now: string): Promise<boolean> {
    return conditional(
      db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...codeKey(code), type: 'claim_void', status: 'void', id: claimId, offerId, voidedAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  },

  async getByCode(code: string): Promise<CodeItem | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: codeKey(code), ConsistentRead: true }),
    );
    if (!Item) return null;
    if (Item.type === 'claim_void')
      return { kind: 'void', claimId: Item.id as string, offerId: Item.offerId as string };
    return { kind: 'claim', claim: claimFromItem(Item) };
  },

  /** claimed → redeemed, exactly once, only by the offer's merchant and before validUntil. */
  async redeem(code: string, merchantId: string, byUserId: string, now: string): Promise<ClaimRecord | null> {
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: codeKey(code),
          UpdateExpression: 'SET #status = :redeemed, redeemedAt = :now, redeemedBy = :by',
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
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? claimFromItem(Attributes) : null;
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },
};
