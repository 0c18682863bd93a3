// Figures items (keys in model.ts): one per merchant and alliance, so every figure route reads a few small items
// however many offers there are. Written by ADD after each offer counter write; set by the recount only when its
// `rev` did not move since the recount read it.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alliance } from '../../shared/api/alliance';
import { db, tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import {
  FIGURES_PK,
  figuresKey,
  merchantFiguresPrefix,
  type FigureDelta,
  type FiguresRecord,
  type OfferRecord,
} from './model';

type Owner = Pick<OfferRecord, 'merchantId' | 'merchantName' | 'alliance'>;
const FIELDS = ['offers', 'quantity', 'claimed', 'redeemed'] as const;
/** Where the recount records how far back it has looked at changed offers. */
const WATERMARK_KEY = { pk: 'ALLIANCE_RECONCILE', sk: 'FIGURES' };

function figuresFromItem(item: Record<string, unknown>): FiguresRecord {
  const n = (k: string) => (item[k] as number | undefined) ?? 0;
  return {
    merchantId: item.merchantId as string,
    merchantName: item.merchantName as string,
    alliance: item.alliance as Alliance,
    offers: n('offers'),
    quantity: n('quantity'),
    claimed: n('claimed'),
    redeemed: n('redeemed'),
    rev: n('rev'),
    changedAt: item.changedAt as string,
  };
}

export const figuresStore = {
  /** Adds the change of one offer's counters to its merchant's figures (creates the item on first use). */
  async add(owner: Owner, delta: FigureDelta, now: string): Promise<void> {
    const adds = FIELDS.filter((f) => delta[f]);
    if (adds.length === 0) return;
    const values: Record<string, unknown> = {
      ':one': 1,
      ':now': now,
      ':mid': owner.merchantId,
      ':name': owner.merchantName,
      ':alliance': owner.alliance,
      ':type': 'alliance_figures',
    };
    for (const f of adds) values[`:${f}`] = delta[f];
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: figuresKey(owner.merchantId, owner.alliance),
        UpdateExpression:
          `ADD rev :one, ${adds.map((f) => `${f} :${f}`).join(', ')} ` +
          'SET changedAt = :now, merchantId = :mid, merchantName = :name, alliance = :alliance, #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: values,
      }),
    );
  },

  /** One merchant's figures (at most one item per alliance), read consistently. */
  async forMerchant(merchantId: string): Promise<FiguresRecord[]> {
    return queryAll(
      {
        keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
        values: { ':pk': FIGURES_PK, ':prefix': merchantFiguresPrefix(merchantId) },
        consistent: true,
      },
      figuresFromItem,
    );
  },

  /** Every merchant's figures: one item per merchant and alliance. */
  async all(): Promise<FiguresRecord[]> {
    return queryAll(
      { keyCondition: 'pk = :pk', values: { ':pk': FIGURES_PK }, consistent: true },
      figuresFromItem,
    );
  },

  async get(merchantId: string, alliance: Alliance): Promise<FiguresRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: figuresKey(merchantId, alliance), ConsistentRead: true }),
    );
    return Item ? figuresFromItem(Item) : null;
  },

  /**
   * Recount repair: sets the sums if the item is still at `rev` (or still absent when `rev` is 0). False when
   * something moved it meanwhile (the next run looks again).
   */
  async setIfUnchanged(
    owner: Owner,
    sums: Required<FigureDelta>,
    rev: number,
    now: string,
  ): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...figuresKey(owner.merchantId, owner.alliance),
          type: 'alliance_figures',
          merchantId: owner.merchantId,
          merchantName: owner.merchantName,
          alliance: owner.alliance,
          ...sums,
          rev: rev + 1,
          changedAt: now,
        },
        ConditionExpression: rev === 0 ? 'attribute_not_exists(pk) OR rev = :rev' : 'rev = :rev',
        ExpressionAttributeValues: { ':rev': rev },
      }),
    );
  },

  /** Offers whose figures changed before this instant have been recounted (null before the first run). */
  async watermark(): Promise<string | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: WATERMARK_KEY, ConsistentRead: true }),
    );
    return (Item?.until as string | undefined) ?? null;
  },

  /** Moves the watermark forward only (two runs at once cannot move it back). */
  async advanceWatermark(until: string): Promise<void> {
    await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: { ...WATERMARK_KEY, type: 'alliance_reconcile', until },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :until',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':until': until },
      }),
    );
  },
};
