// Open check-ins (one per user per space, guarded by a conditional put) and the history item of each visit.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../../shared/api/users';
import { db, isConditionFailed, tableName } from '../lib/db';
import { historyKey, openKey, openQueuePk, type HistoryRecord, type OpenCheckinRecord } from './keys';

function openFromItem(item: Record<string, unknown>): OpenCheckinRecord {
  return {
    checkinId: item.checkinId as string,
    spaceId: item.spaceId as string,
    userId: item.userId as string,
    identity: (item.identity as Identity | undefined) ?? null,
    checkedInAt: item.checkedInAt as string,
    autoOutAt: item.autoOutAt as string,
    closingBy: item.closingBy as string | undefined,
    closingAt: item.closingAt as number | undefined,
    closingReason: item.closingReason as 'user' | 'auto' | undefined,
    closingOutAt: item.closingOutAt as string | undefined,
  };
}

function historyFromItem(item: Record<string, unknown>): HistoryRecord {
  return {
    id: item.id as string,
    spaceId: item.spaceId as string,
    spaceName: item.spaceName as string,
    userId: item.userId as string,
    identity: (item.identity as Identity | undefined) ?? null,
    status: item.status as 'in' | 'out',
    checkedInAt: item.checkedInAt as string,
    autoOutAt: item.autoOutAt as string,
    checkedOutAt: item.checkedOutAt as string | undefined,
    closedBy: item.closedBy as 'user' | 'auto' | undefined,
  };
}

export const checkinStore = {
  async getOpen(spaceId: string, userId: string): Promise<OpenCheckinRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: openKey(spaceId, userId), ConsistentRead: true }),
    );
    return Item ? openFromItem(Item) : null;
  },

  /** Opens the check-in unless this user already has one here: then returns false and writes nothing. */
  async putOpen(open: OpenCheckinRecord): Promise<boolean> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...openKey(open.spaceId, open.userId),
            type: 'space_open_checkin',
            ...open,
            identity: open.identity ?? undefined,
            queuePk: openQueuePk(open.spaceId),
            queueSk: `${open.autoOutAt}#${open.userId}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /**
   * Claims the right to close this check-in. Exactly one closer wins; a claim older than `staleBefore`
   * (its closer died) can be taken over.
   */
  async claimClose(
    open: OpenCheckinRecord,
    claim: {
      closerId: string;
      now: number;
      staleBefore: number;
      reason: 'user' | 'auto';
      checkedOutAt: string;
    },
  ): Promise<boolean> {
    try {
      await db().send(
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
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /** Deletes the open check-in if this closer still holds the claim. */
  async deleteOpen(open: OpenCheckinRecord, closerId: string): Promise<boolean> {
    try {
      await db().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: openKey(open.spaceId, open.userId),
          ConditionExpression: 'checkinId = :checkinId AND closingBy = :closer',
          ExpressionAttributeValues: { ':checkinId': open.checkinId, ':closer': closerId },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  },

  /** Open check-ins of a space whose automatic check-out time has passed (oldest first). */
  async listOverdue(spaceId: string, nowIso: string, limit = 100): Promise<OpenCheckinRecord[]> {
    const { Items } = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :q AND queueSk < :now',
        ExpressionAttributeValues: { ':q': openQueuePk(spaceId), ':now': nowIso },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(openFromItem);
  },

  /** How many open check-ins of a space are past their automatic check-out (they hold no place any more). */
  async countOverdue(spaceId: string, nowIso: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byQueue',
          KeyConditionExpression: 'queuePk = :q AND queueSk < :now',
          ExpressionAttributeValues: { ':q': openQueuePk(spaceId), ':now': nowIso },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  },

  /** Every open check-in of a space, read from the table itself (strongly consistent), for the recount. */
  async listAllOpen(spaceId: string): Promise<OpenCheckinRecord[]> {
    const out: OpenCheckinRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :open)',
          ExpressionAttributeValues: { ':pk': `SPACE#${spaceId}`, ':open': 'OPEN#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map(openFromItem));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  },

  /** Writes the visit's history item unless it exists (a repair may write it for a crashed check-in). */
  async putHistory(history: HistoryRecord): Promise<boolean> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...historyKey(history.id),
            type: 'space_checkin',
            ...history,
            identity: history.identity ?? undefined,
            ownerPk: `USER#${history.userId}`,
            ownerSk: `SPACECHECKIN#${history.checkedInAt}#${history.id}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
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
    try {
      const { Attributes } = await db().send(
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
      return historyFromItem(Attributes!);
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  async listByOwner(userId: string, limit: number, startKey?: Record<string, unknown>) {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byOwner',
        KeyConditionExpression: 'ownerPk = :owner AND begins_with(ownerSk, :prefix)',
        ExpressionAttributeValues: { ':owner': `USER#${userId}`, ':prefix': 'SPACECHECKIN#' },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (page.Items ?? []).map(historyFromItem), lastKey: page.LastEvaluatedKey };
  },
};
