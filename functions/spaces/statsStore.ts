// Per-space per-day statistics, `SPACE#<id> / DAY#<date>`: visits (in all and by identity) and unique visitors, each
// counted once (the check-in's or the person's mark joins the count in one conditional write, so a redelivered stream
// record changes nothing), and the peak occupancy (raised only by a conditional SET). Written from the table's stream
// (visitFigures.ts), never on the check-in's path. The marks are only needed while a record can still be delivered
// (24 h); the spaces job seals each day two days on (sealDay): the marks go, and nothing more is counted there.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SpaceDayStats } from '../../shared/api/spaces';
import { tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import { dateOfDayItem, dayKey, dayStatsFromItem, type IdentityKey } from './model';

/** The marks of the day's counted check-ins and visitors; both go when the day is sealed. */
const MARKS = { '#visits': 'countedVisits', '#visitors': 'countedVisitors', '#sealed': 'sealedAt' };

export const statsStore = {
  /** One visit (the check-in `checkinId`) on the day, in all and under `identity`, once: false if already counted. */
  countVisitOnce(spaceId: string, date: string, identity: IdentityKey, checkinId: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        UpdateExpression:
          'ADD visits :one, #identity :one, #visits :ids SET #type = :type, spaceId = :spaceId, #date = :date',
        ConditionExpression:
          '(attribute_not_exists(#visits) OR NOT contains(#visits, :id)) AND attribute_not_exists(#sealed)',
        ExpressionAttributeNames: {
          '#identity': `identity_${identity}`,
          '#type': 'type',
          '#date': 'date',
          '#visits': MARKS['#visits'],
          '#sealed': MARKS['#sealed'],
        },
        ExpressionAttributeValues: {
          ':one': 1,
          ':ids': new Set([checkinId]),
          ':id': checkinId,
          ':type': 'space_day_stats',
          ':spaceId': spaceId,
          ':date': date,
        },
      }),
    );
  },

  /** The user as one of the day's visitors, once: false if already counted that day. */
  countVisitorOnce(spaceId: string, date: string, userId: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        UpdateExpression:
          'ADD uniqueVisitors :one, #visitors :users SET #type = :type, spaceId = :spaceId, #date = :date',
        ConditionExpression:
          '(attribute_not_exists(#visitors) OR NOT contains(#visitors, :user)) AND attribute_not_exists(#sealed)',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#date': 'date',
          '#visitors': MARKS['#visitors'],
          '#sealed': MARKS['#sealed'],
        },
        ExpressionAttributeValues: {
          ':one': 1,
          ':users': new Set([userId]),
          ':user': userId,
          ':type': 'space_day_stats',
          ':spaceId': spaceId,
          ':date': date,
        },
      }),
    );
  },

  /**
   * Seals a day: its marks go (the item shrinks back to its figures) and nothing more is counted there. True when
   * this call sealed it; false when it was sealed already or has no item (a day without visits).
   */
  sealDay(spaceId: string, date: string, nowMs: number): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        UpdateExpression: 'REMOVE #visits, #visitors SET #sealed = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#sealed)',
        ExpressionAttributeNames: MARKS,
        ExpressionAttributeValues: { ':now': nowMs },
      }),
    );
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
