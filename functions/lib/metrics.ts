// Daily participation counters for the staff dashboard: one item per district day, one attribute per metric.
// Counted after the domain write succeeded (best effort: a crash in between can under-count by one, never over-count).
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { logger, serializeError } from './logger';
import { districtDate } from './time';

/** Metric names look like `signups.party_lesson`, `checkins.employee`, `offers.redeemed`. */
export async function countDaily(metric: string, amount = 1, at: Date | number = Date.now()): Promise<void> {
  if (!/^[a-z_]+\.[a-z_]+$/.test(metric)) throw new Error(`bad metric name ${metric}`);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `STATS#${districtDate(at)}`, sk: metric },
        UpdateExpression: 'ADD #count :n SET #type = :type',
        ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
        ExpressionAttributeValues: { ':n': amount, ':type': 'daily_metric' },
      }),
    );
  } catch (err) {
    // The dashboard must never fail the user's action.
    logger.warn('daily metric not counted', { metric, error: serializeError(err) });
  }
}

export async function readDaily(day: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `STATS#${day}` },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) out[item.sk as string] = item.count as number;
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
