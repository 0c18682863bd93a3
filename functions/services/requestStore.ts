// Service requests: created once per id, moved only by a write conditional on the status it was read in.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestStatus } from '../../shared/api/services';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryPage, type Page } from '../lib/dynamo';
import {
  ALL_REQUESTS_FEED,
  USER_REQUESTS_PREFIX,
  queuePkOf,
  requestFromItem,
  requestItem,
  requestKey,
  userRequestsPk,
  type ServiceRequestRecord,
  type StoredHistoryEntry,
} from './model';

export const requestStore = {
  /** False when the id is taken (a retry of the same Idempotency-Key). */
  async create(r: ServiceRequestRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: requestItem(r),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(id: string): Promise<ServiceRequestRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: requestKey(id), ConsistentRead: true }),
    );
    return Item ? requestFromItem(Item) : null;
  },

  /** from → to with the history entry, only while the status is still `from` (and, for the requester, theirs). */
  async move(
    id: string,
    from: RequestStatus,
    entry: StoredHistoryEntry,
    requesterId?: string,
  ): Promise<ServiceRequestRecord | null> {
    const item = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: requestKey(id),
        UpdateExpression:
          'SET #status = :to, updatedAt = :at, queuePk = :queue, history = list_append(history, :entry)',
        ConditionExpression: `#status = :from${requesterId ? ' AND userId = :uid' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':to': entry.status,
          ':at': entry.at,
          ':queue': queuePkOf(entry.status),
          ':entry': [entry],
          ':from': from,
          ...(requesterId ? { ':uid': requesterId } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return item ? requestFromItem(item) : null;
  },

  async listForUser(userId: string, limit: number, cursor?: string): Promise<Page<ServiceRequestRecord>> {
    const pk = userRequestsPk(userId);
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :pk AND begins_with(ownerSk, :prefix)',
        values: { ':pk': pk, ':prefix': USER_REQUESTS_PREFIX },
        newestFirst: true,
        limit,
        cursor,
        scope: `services.requestsOf|${pk}`,
      },
      requestFromItem,
    );
  },

  /** The staff queue, oldest first: one status (byQueue) or every status (byFeed); optionally one category. */
  async listForStaff(
    filter: { status?: RequestStatus; categoryId?: string },
    limit: number,
    cursor?: string,
  ): Promise<Page<ServiceRequestRecord>> {
    const byStatus = filter.status !== undefined;
    return queryPage(
      {
        index: byStatus ? 'byQueue' : 'byFeed',
        keyCondition: byStatus ? 'queuePk = :pk' : 'feedPk = :pk',
        values: {
          ':pk': byStatus ? queuePkOf(filter.status!) : ALL_REQUESTS_FEED,
          ...(filter.categoryId ? { ':cat': filter.categoryId } : {}),
        },
        ...(filter.categoryId ? { filter: 'categoryId = :cat' } : {}),
        limit,
        cursor,
        scope: `services.queue|${filter.status ?? '*'}|${filter.categoryId ?? '*'}`,
      },
      requestFromItem,
    );
  },
};
