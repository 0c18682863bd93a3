// Per-space per-day statistics, `SPACE#<id> / DAY#<date>`: visits (in all and by identity) and unique visitors, each
// counted once (the check-in's or the person's mark joins the count in one conditional write, so a redelivered stream
// record changes nothing; a stream batch's new marks join in one write), and the peak occupancy (raised only by a conditional SET). Written from the table's stream
// (visitFigures.ts), never on the check-in's path. The marks are only needed while a record can still be delivered
// (24 h); the spaces job seals each day two days on (sealDay): the marks go, and nothing more is counted there.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SpaceDayStats } from '../../shared/api/spaces';
import { db, tableName } from '../lib/db';
import { conditional, queryAll } from '../lib/dynamo';
import { dateOfDayItem, dayKey, dayStatsFromItem, type IdentityKey } from './model';

/** The marks of the day's counted check-ins and visitors; both go when the day is sealed. */
const MARKS = { '#visits': 'countedVisits', '#visitors': 'countedVisitors', '#sealed': 'sealedAt' };

/** The most marks one counting write names in its condition (DynamoDB's expressions are at most 4 KB). */
export const MARKS_PER_WRITE = 50;

/**
 * Adds each of `figures` (name → amount) on the day and every one of `marks` to the mark set `set`, in one
 * conditional write: only if none of the marks is there yet and the day is not sealed. False when refused (one of
 * them counted already, or the day sealed); throws when the write fails.
 */
function countAllMarked(
  spaceId: string,
  date: string,
  figures: Record<string, number>,
  set: '#visits' | '#visitors',
  marks: string[],
  token = '',
): Promise<boolean> {
  const amounts = Object.entries(figures);
  const none = marks.map((_, j) => `NOT contains(${set}, :m${j})`).join(' AND ');
  return conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: dayKey(spaceId, date),
      UpdateExpression: `ADD ${amounts
        .map((_, i) => `#f${i} :n${i}`)
        .join(
          ', ',
        )}, ${set} :marks SET #type = :type, spaceId = :spaceId, #date = :date${token ? ', lastCountToken = :token' : ''}`,
      ConditionExpression: `(attribute_not_exists(${set}) OR (${none})) AND attribute_not_exists(#sealed)`,
      ExpressionAttributeNames: {
        ...Object.fromEntries(amounts.map(([figure], i) => [`#f${i}`, figure])),
        '#type': 'type',
        '#date': 'date',
        [set]: MARKS[set],
        '#sealed': MARKS['#sealed'],
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(amounts.map(([, amount], i) => [`:n${i}`, amount])),
        ...Object.fromEntries(marks.map((mark, j) => [`:m${j}`, mark])),
        ':marks': new Set(marks),
        ':type': 'space_day_stats',
        ':spaceId': spaceId,
        ':date': date,
        ...(token ? { ':token': token } : {}),
      },
    }),
  );
}

export const statsStore = {
  /** One visit (the check-in `checkinId`) on the day, in all and under `identity`, once: false if already counted. */
  countVisitOnce(spaceId: string, date: string, identity: IdentityKey, checkinId: string): Promise<boolean> {
    return countAllMarked(spaceId, date, { visits: 1, [`identity_${identity}`]: 1 }, '#visits', [checkinId]);
  },

  /**
   * Several visits (at most MARKS_PER_WRITE, each check-in once) on the day, in one write: all of them, or none when
   * one of them is counted already or the day is sealed (false: count them one by one).
   */
  countVisitsOnce(
    spaceId: string,
    date: string,
    visits: { checkinId: string; identity: IdentityKey }[],
    token: string,
  ): Promise<boolean> {
    const figures: Record<string, number> = { visits: visits.length };
    for (const { identity } of visits)
      figures[`identity_${identity}`] = (figures[`identity_${identity}`] ?? 0) + 1;
    return countAllMarked(
      spaceId,
      date,
      figures,
      '#visits',
      visits.map((v) => v.checkinId),
      token,
    );
  },

  /** The token of the last write of countVisitsOnce on the day, read consistently (did a write whose reply was lost land?). */
  async lastCountToken(spaceId: string, date: string): Promise<string | null> {
    const { Item } = await db().send(
      new GetCommand({
        TableName: tableName(),
        Key: dayKey(spaceId, date),
        ProjectionExpression: 'lastCountToken',
        ConsistentRead: true,
      }),
    );
    return (Item?.lastCountToken as string | undefined) ?? null;
  },

  /** The user as one of the day's visitors, once: false if already counted that day. */
  countVisitorOnce(spaceId: string, date: string, userId: string): Promise<boolean> {
    return countAllMarked(spaceId, date, { uniqueVisitors: 1 }, '#visitors', [userId]);
  },

  /** Several users (at most MARKS_PER_WRITE, each once) as the day's visitors in one write, or none (false). */
  countVisitorsOnce(spaceId: string, date: string, userIds: string[]): Promise<boolean> {
    return countAllMarked(spaceId, date, { uniqueVisitors: userIds.length }, '#visitors', userIds);
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
        UpdateExpression: 'REMOVE #visits, #visitors, lastCountToken SET #sealed = :now',
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
