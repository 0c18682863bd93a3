// Merchant applications (keys and listings in model.ts).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantStatus } from '../../shared/api/alliance';
import { db, tableName } from '../lib/db';
import {
  conditional,
  conditionalReturning,
  queryAll,
  queryCount,
  queryPage,
  type Page,
  type QuerySpec,
} from '../lib/dynamo';
import { merchantFromItem, merchantItem, merchantKey, merchantQueuePk, type MerchantRecord } from './model';

/** The staff queue of one status, oldest application first. */
const queueOf = (status: MerchantStatus): QuerySpec => ({
  index: 'byQueue',
  keyCondition: 'queuePk = :pk',
  values: { ':pk': merchantQueuePk(status) },
});

export const merchantStore = {
  async get(id: string): Promise<MerchantRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: merchantKey(id), ConsistentRead: true }),
    );
    return Item ? merchantFromItem(Item) : null;
  },

  /**
   * Creates the application unless one is pending or approved (a rejected one may be replaced, but not by a retry of
   * the attempt that made it).
   */
  async putApplication(record: MerchantRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: merchantItem(record),
        ConditionExpression:
          'attribute_not_exists(pk) OR (#status = :rejected AND (attribute_not_exists(attempt) OR attempt <> :attempt))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':rejected': 'rejected', ':attempt': record.attempt ?? '' },
      }),
    );
  },

  /** pending → approved/rejected, exactly once, never by the applicant; null when the condition did not hold. */
  async decide(
    id: string,
    status: 'approved' | 'rejected',
    reason: string | null,
    decidedBy: string,
    now: string,
  ): Promise<MerchantRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: merchantKey(id),
        UpdateExpression:
          'SET #status = :status, reason = :reason, decidedAt = :now, decidedBy = :by, queuePk = :queuePk',
        ConditionExpression: 'attribute_exists(pk) AND #status = :pending AND userId <> :by',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':reason': reason,
          ':now': now,
          ':by': decidedBy,
          ':queuePk': merchantQueuePk(status),
          ':pending': 'pending',
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? merchantFromItem(attributes) : null;
  },

  /** Marks an approved merchant's role as granted, once (true when this call marked it). */
  markRoleGranted(id: string, now: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: merchantKey(id),
        UpdateExpression: 'SET roleGrantedAt = :now',
        ConditionExpression: '#status = :approved AND attribute_not_exists(roleGrantedAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': now, ':approved': 'approved' },
      }),
    );
  },

  async listByStatus(status: MerchantStatus, limit: number, cursor?: string): Promise<Page<MerchantRecord>> {
    return queryPage({ ...queueOf(status), limit, cursor }, merchantFromItem);
  },

  /** Every application of one status (the reconciler). */
  async allByStatus(status: MerchantStatus): Promise<MerchantRecord[]> {
    return queryAll(queueOf(status), merchantFromItem);
  },

  async countByStatus(status: MerchantStatus): Promise<number> {
    return queryCount(queueOf(status));
  },
};
