// Merchant applications. One item per applicant, with an id derived from the user id, so a user has at most one
// application: pk MERCHANT#<id>, sk META; staff queues by status on byQueue (MERCHANTS#<status> / <createdAt>#<id>).
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantStatus } from '../../shared/api/alliance';
import { db, isConditionFailed, tableName } from '../lib/db';

export interface MerchantRecord {
  id: string;
  userId: string;
  name: string;
  category: string;
  address: string;
  contact: string;
  status: MerchantStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

const keyOf = (id: string) => ({ pk: `MERCHANT#${id}`, sk: 'META' });
const queueOf = (status: MerchantStatus, createdAt: string, id: string) => ({
  queuePk: `MERCHANTS#${status}`,
  queueSk: `${createdAt}#${id}`,
});

export function merchantFromItem(item: Record<string, unknown>): MerchantRecord {
  return {
    id: item.id as string,
    userId: item.userId as string,
    name: item.name as string,
    category: item.category as string,
    address: item.address as string,
    contact: item.contact as string,
    status: item.status as MerchantStatus,
    reason: (item.reason as string | undefined) ?? null,
    createdAt: item.createdAt as string,
    decidedAt: (item.decidedAt as string | undefined) ?? null,
    decidedBy: (item.decidedBy as string | undefined) ?? null,
  };
}

export const merchantStore = {
  async get(id: string): Promise<MerchantRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: keyOf(id), ConsistentRead: true }),
    );
    return Item ? merchantFromItem(Item) : null;
  },

  /** Creates the application unless one is pending or approved (a rejected one may be replaced). */
  async putApplication(record: MerchantRecord): Promise<boolean> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...keyOf(record.id),
            ...queueOf(record.status, record.createdAt, record.id),
            type: 'merchant',
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :rejected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':rejected': 'rejected' },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /** pending → approved/rejected, exactly once; null when it was not pending. */
  async decide(
    id: string,
    status: 'approved' | 'rejected',
    reason: string | null,
    decidedBy: string,
    now: string,
  ): Promise<MerchantRecord | null> {
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keyOf(id),
          UpdateExpression:
            'SET #status = :status, reason = :reason, decidedAt = :now, decidedBy = :by, queuePk = :queuePk',
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':reason': reason,
            ':now': now,
            ':by': decidedBy,
            ':queuePk': `MERCHANTS#${status}`,
            ':pending': 'pending',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? merchantFromItem(Attributes) : null;
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  async listByStatus(
    status: MerchantStatus,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ items: MerchantRecord[]; lastKey?: Record<string, unknown> }> {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pk',
        ExpressionAttributeValues: { ':pk': `MERCHANTS#${status}` },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (page.Items ?? []).map(merchantFromItem), lastKey: page.LastEvaluatedKey };
  },

  async countByStatus(status: MerchantStatus): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :pk',
          ExpressionAttributeValues: { ':pk': `MERCHANTS#${status}` },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  },
};
