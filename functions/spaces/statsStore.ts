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

/**
 * Adds one to each of `figures` on the day and `mark` to the mark set `marks`, in one conditional write: only if the
 * mark is not there yet and the day is not sealed. False when it was (counted already, or sealed).
 */
function countOnceMarked(
  spaceId: string,
  date: string,
  figures: string[],
  marks: '#visits' | '#visitors',
  mark: string,
): Promise<boolean> {
  const names = Object.fromEntries(figures.map((f, i) => [`#f${i}`, f]));
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: dayKey(spaceId, date),
      UpdateExpression: `ADD ${Object.keys(names)
        .map((n) => `${n} :one`)
        .join(', ')}, ${marks} :marks SET #type = :type, spaceId = :spaceId, #date = :date`,
      ConditionExpression: `(attribute_not_exists(${marks}) OR NOT contains(${marks}, :mark)) AND attribute_not_exists(#sealed)`,
      ExpressionAttributeNames: {
        ...names,
        '#type': 'type',
        '#date': 'date',
        [marks]: MARKS[marks],
        '#sealed': MARKS['#sealed'],
      },
      ExpressionAttributeValues: {
        ':one': 1,
        ':marks': new Set([mark]),
        ':mark': mark,
        ':type': 'space_day_stats',
        ':spaceId': spaceId,
        ':date': date,
      },
    }),
  );
}

export const statsStore = {
  /** One visit (the check-in `checkinId`) on the day, in all and under `identity`, once: false if already counted. */
  countVisitOnce(spaceId: string, date: string, identity: IdentityKey, checkinId: string): Promise<boolean> {
    return countOnceMarked(spaceId, date, ['visits', `identity_${identity}`], '#visits', checkinId);
  },

  /** The user as one of the day's visitors, once: false if already counted that day. */
  countVisitorOnce(spaceId: string, date: string, userId: string): Promise<boolean> {
    return countOnceMarked(spaceId, date, ['uniqueVisitors'], '#visitors', userId);
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
