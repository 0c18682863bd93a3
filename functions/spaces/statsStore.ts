// Per-space per-day statistics: visits, unique visitors (a per-day per-user marker with a conditional put),
// peak occupancy (raised only by a conditional SET), visits by identity. Counted after the check-in is complete,
// best effort: a crash in between can under-count a visit, never over-count one.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SpaceDayStats } from '../../shared/api/spaces';
import { db, tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import {
  MARKER_RETENTION_SECONDS,
  dateOfDayItem,
  dayKey,
  dayStatsFromItem,
  visitorKey,
  type IdentityKey,
} from './model';

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
    const firstVisit = await conditional(
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
    if (!firstVisit) return false;
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
    // Refused when the peak is already as high: nothing to do.
    await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        UpdateExpression: 'SET peakOccupancy = :occupancy',
        ConditionExpression: 'attribute_not_exists(peakOccupancy) OR peakOccupancy < :occupancy',
        ExpressionAttributeValues: { ':occupancy': occupancy },
      }),
    );
  },

  async day(spaceId: string, date: string): Promise<SpaceDayStats> {
    const days = await this.range(spaceId, date, date);
    return days.get(date) ?? dayStatsFromItem(undefined);
  },

  /** The stored days between `from` and `to` inclusive (days without visits are absent). */
  async range(spaceId: string, from: string, to: string): Promise<Map<string, SpaceDayStats>> {
    const items = await queryAll({
      keyCondition: 'pk = :pk AND sk BETWEEN :from AND :to',
      values: { ':pk': `SPACE#${spaceId}`, ':from': `DAY#${from}`, ':to': `DAY#${to}` },
    });
    return new Map(items.map((item) => [dateOfDayItem(item), dayStatsFromItem(item)]));
  },
};
