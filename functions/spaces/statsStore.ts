// Per-space per-day statistics: visits, unique visitors (a per-day per-user marker with a conditional put),
// peak occupancy (raised only by a conditional SET), visits by identity. Counted after the check-in is complete,
// best effort: a crash in between can under-count a visit, never over-count one.
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SpaceDayStats } from '../../shared/api/spaces';
import { IDENTITIES, type Identity } from '../../shared/api/users';
import { db, isConditionFailed, tableName } from '../lib/db';
import { dayKey, visitorKey } from './keys';

/** Visitor markers are only needed for their own day; kept a little longer, then the TTL removes them. */
const MARKER_RETENTION_SECONDS = 3 * 86400;
type IdentityKey = Identity | 'unknown';
const IDENTITY_KEYS: IdentityKey[] = [...IDENTITIES, 'unknown'];

function fromItem(item: Record<string, unknown> | undefined): SpaceDayStats {
  const byIdentity: SpaceDayStats['byIdentity'] = {};
  for (const key of IDENTITY_KEYS) {
    const n = item?.[`identity_${key}`];
    if (typeof n === 'number' && n > 0) byIdentity[key] = n;
  }
  return {
    visits: (item?.visits as number | undefined) ?? 0,
    uniqueVisitors: (item?.uniqueVisitors as number | undefined) ?? 0,
    peakOccupancy: (item?.peakOccupancy as number | undefined) ?? 0,
    byIdentity,
  };
}

export const statsStore = {
  async countVisit(spaceId: string, date: string, identity: IdentityKey): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        UpdateExpression:
          'ADD visits :one, #identity :one SET #type = :type, spaceId = :spaceId, #date = :date',
        ExpressionAttributeNames: { '#identity': `identity_${identity}`, '#type': 'type', '#date': 'date' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':type': 'space_day_stats',
          ':spaceId': spaceId,
          ':date': date,
        },
      }),
    );
  },

  /** Counts the user as a visitor of the day, once: the marker's conditional put decides. */
  async countVisitorOnce(spaceId: string, date: string, userId: string, nowMs: number): Promise<boolean> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...visitorKey(spaceId, date, userId),
            type: 'space_visitor_marker',
            expiresAt: Math.floor(nowMs / 1000) + MARKER_RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        UpdateExpression: 'ADD uniqueVisitors :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    return true;
  },

  /** Raises the day's peak to `occupancy` if it is higher; concurrent raises keep the highest. */
  async raisePeak(spaceId: string, date: string, occupancy: number): Promise<void> {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: dayKey(spaceId, date),
          UpdateExpression: 'SET peakOccupancy = :occupancy',
          ConditionExpression: 'attribute_not_exists(peakOccupancy) OR peakOccupancy < :occupancy',
          ExpressionAttributeValues: { ':occupancy': occupancy },
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  },

  async day(spaceId: string, date: string): Promise<SpaceDayStats> {
    const days = await this.range(spaceId, date, date);
    return days.get(date) ?? fromItem(undefined);
  },

  /** The stored days between `from` and `to` inclusive (days without visits are absent). */
  async range(spaceId: string, from: string, to: string): Promise<Map<string, SpaceDayStats>> {
    const out = new Map<string, SpaceDayStats>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': `SPACE#${spaceId}`,
            ':from': `DAY#${from}`,
            ':to': `DAY#${to}`,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.set((item.sk as string).slice(4), fromItem(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  },
};
