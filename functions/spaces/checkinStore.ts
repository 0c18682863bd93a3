// Open check-ins (one per user per space, guarded by a conditional put) and the history item of each visit.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryAll, queryCount, queryPage, type Page } from '../lib/dynamo';
import {
  historyFromItem,
  historyItem,
  historyKey,
  openFromItem,
  openItem,
  openKey,
  openQueuePk,
  type HistoryRecord,
  type OpenCheckinRecord,
} from './model';

/** The byQueue range of a space's open check-ins whose automatic check-out time is before `nowIso`. */
const overdueRange = (spaceId: string, nowIso: string) => ({
  index: 'byQueue' as const,
  keyCondition: 'queuePk = :q AND queueSk < :now',
  values: { ':q': openQueuePk(spaceId), ':now': nowIso },
});

export const checkinStore = {
  async getOpen(spaceId: string, userId: string): Promise<OpenCheckinRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: openKey(spaceId, userId), ConsistentRead: true }),
    );
    return Item ? openFromItem(Item) : null;
  },

  /** Opens the check-in unless this user already has one here: then returns false and writes nothing. */
  putOpen(open: OpenCheckinRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: openItem(open),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  /**
   * Claims the right to close this check-in. Exactly one closer wins; a claim older than `staleBefore`
   * (its closer died) can be taken over.
   */
  claimClose(
    open: OpenCheckinRecord,
    claim: {
      closerId: string;
      now: number;
      staleBefore: number;
      reason: 'user' | 'auto';
      checkedOutAt: string;
    },
  ): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: openKey(open.spaceId, open.userId),
        UpdateExpression:
          'SET closingBy = :closer, closingAt = :now, closingReason = :reason, closingOutAt = :outAt',
        ConditionExpression:
          'checkinId = :checkinId AND (attribute_not_exists(closingBy) OR closingAt < :stale)',
        ExpressionAttributeValues: {
          ':closer': claim.closerId,
          ':now': claim.now,
          ':checkinId': open.checkinId,
          ':stale': claim.staleBefore,
          ':reason': claim.reason,
          ':outAt': claim.checkedOutAt,
        },
      }),
    );
  },

  /** Deletes the open check-in if this closer still holds the claim. */
  deleteOpen(open: OpenCheckinRecord, closerId: string): Promise<boolean> {
    return conditional(
      new DeleteCommand({
        TableName: tableName(),
        Key: openKey(open.spaceId, open.userId),
        ConditionExpression: 'checkinId = :checkinId AND closingBy = :closer',
        ExpressionAttributeValues: { ':checkinId': open.checkinId, ':closer': closerId },
      }),
    );
  },

  /** Open check-ins of a space whose automatic check-out time has passed (oldest first, one query). */
  async listOverdue(spaceId: string, nowIso: string, limit = 100): Promise<OpenCheckinRecord[]> {
    const range = overdueRange(spaceId, nowIso);
    const { Items } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: range.index,
        KeyConditionExpression: range.keyCondition,
        ExpressionAttributeValues: range.values,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(openFromItem);
  },

  /** How many open check-ins of a space are past their automatic check-out (they hold no place any more). */
  async countOverdue(spaceId: string, nowIso: string): Promise<number> {
    return queryCount(overdueRange(spaceId, nowIso));
  },

  /** Every open check-in of a space, read from the table itself (strongly consistent), for the recount. */
  listAllOpen(spaceId: string): Promise<OpenCheckinRecord[]> {
    return queryAll(
      {
        keyCondition: 'pk = :pk AND begins_with(sk, :open)',
        values: { ':pk': `SPACE#${spaceId}`, ':open': 'OPEN#' },
        consistent: true,
      },
      openFromItem,
    );
  },

  /** Writes the visit's history item unless it exists (a repair may write it for a crashed check-in). */
  putHistory(history: HistoryRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: historyItem(history),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async getHistory(checkinId: string): Promise<HistoryRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: historyKey(checkinId), ConsistentRead: true }),
    );
    return Item ? historyFromItem(Item) : null;
  },

  /** Marks the visit closed, once. Returns the closed record, or null when it was already closed or is missing. */
  async closeHistory(
    checkinId: string,
    checkedOutAt: string,
    closedBy: 'user' | 'auto',
  ): Promise<HistoryRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: historyKey(checkinId),
        UpdateExpression: 'SET #status = :out, checkedOutAt = :at, closedBy = :by',
        ConditionExpression: '#status = :in',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':out': 'out', ':in': 'in', ':at': checkedOutAt, ':by': closedBy },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? historyFromItem(attributes) : null;
  },

  /**
   * The user's latest visit to this space among their last `window` visits (byOwner, newest first), re-read from the
   * table (the index may lag on its status), or null. Used to answer a repeated check-out, never to decide a write.
   */
  async latestVisit(userId: string, spaceId: string, window = 20): Promise<HistoryRecord | null> {
    const { Items } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byOwner',
        KeyConditionExpression: 'ownerPk = :owner AND begins_with(ownerSk, :prefix)',
        ExpressionAttributeValues: { ':owner': `USER#${userId}`, ':prefix': 'SPACECHECKIN#' },
        ScanIndexForward: false,
        Limit: window,
      }),
    );
    const latest = (Items ?? []).find((item) => item.spaceId === spaceId);
    return latest ? this.getHistory(latest.id as string) : null;
  },

  /** One page of a user's visits, newest first. */
  listByOwner(userId: string, limit: number, cursor?: string): Promise<Page<HistoryRecord>> {
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :owner AND begins_with(ownerSk, :prefix)',
        values: { ':owner': `USER#${userId}`, ':prefix': 'SPACECHECKIN#' },
        newestFirst: true,
        limit,
        cursor,
        // The owner's partition also holds other features' lists: a cursor belongs to this one only.
        scope: `byOwner|USER#${userId}|SPACECHECKIN`,
      },
      historyFromItem,
    );
  },
};
