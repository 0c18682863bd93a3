// Two more dashboard aggregates beside the daily counters (metrics.ts): arrivals per district hour of a day (for the
// weekday × hour heat map) and participations per person per district month (for "who is active"). Best effort like
// countDaily: counted after the domain write succeeded, never failing the user's action.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { conditional } from './dynamo';
import { logger, serializeError } from './logger';
import { districtDate, districtMinutes } from './time';

export const HOURS_SK_PREFIX = 'hours#';
const RANK_PAD = 10;

/**
 * `amount` more arrivals (one by default) in `group` (e.g. `checkins`) in the district hour of `at`:
 * `STATS#<day>` / `hours#<group>`.
 */
export async function countHour(group: string, at: Date | number = Date.now(), amount = 1): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `STATS#${districtDate(at)}`, sk: `${HOURS_SK_PREFIX}${group}` },
        UpdateExpression: 'ADD #hour :n SET #type = :type',
        ExpressionAttributeNames: { '#hour': `h${districtHour(at)}`, '#type': 'type' },
        ExpressionAttributeValues: { ':n': amount, ':type': 'daily_hours' },
      }),
    );
  } catch (err) {
    logger.warn('hourly metric not counted', { group, error: serializeError(err) });
  }
}

export const districtMonth = (at: Date | number = Date.now()) => districtDate(at).slice(0, 7);
/** The district hour of `at`, 0–23. */
export const districtHour = (at: Date | number) => Math.floor(districtMinutes(at) / 60);
// Under the STATS# prefix, which every function may update (serverless.yml), like the daily counters.
const rankPk = (month: string) => `STATS#RANK#${month}`;

/**
 * One more participation by `person` in the district month of `at` (or `amount` more: a stream batch's). The item `STATS#RANK#<month>` / `USER#<id>` keeps the
 * count; its byQueue key (`STATS#RANK#<month>` / zero-padded count#id) orders the month's people by it, so the top of the
 * list is one Query with a limit. The key follows the count by a conditional write (only if the count is still the
 * one just made), so concurrent increments leave the key of the highest count.
 */
export async function countParticipation(
  person: string,
  at: Date | number = Date.now(),
  amount = 1,
): Promise<void> {
  const month = districtMonth(at);
  const key = { pk: rankPk(month), sk: `USER#${person}` };
  try {
    const added = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'ADD #count :n SET #type = :type, #userId = :userId',
        ExpressionAttributeNames: { '#count': 'count', '#type': 'type', '#userId': 'userId' },
        ExpressionAttributeValues: { ':n': amount, ':type': 'ranking', ':userId': person },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count = added.Attributes?.count as number;
    await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET queuePk = :qpk, queueSk = :qsk',
        ConditionExpression: '#count = :count',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':qpk': rankPk(month),
          ':qsk': `${String(count).padStart(RANK_PAD, '0')}#${person}`,
          ':count': count,
        },
      }),
    );
  } catch (err) {
    logger.warn('participation not ranked', { error: serializeError(err) });
  }
}

/** The month's most active people, most participations first (one Query of `limit` items on byQueue). */
export async function topParticipants(
  month: string,
  limit: number,
): Promise<{ userId: string; participations: number }[]> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byQueue',
      KeyConditionExpression: 'queuePk = :pk',
      ExpressionAttributeValues: { ':pk': rankPk(month) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map((item) => ({
    userId: item.userId as string,
    participations: item.count as number,
  }));
}
