// Daily participation counters for the staff dashboard: one item per district day, one attribute per metric.
// Counted after the domain write succeeded (best effort: a crash in between can under-count by one, never over-count).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { queryAll } from './dynamo';
import { logger, serializeError } from './logger';
import { HOURS_SK_PREFIX } from './activityMetrics';
import { DISTINCT_SK_PREFIX, gapBuckets } from './distinctMetrics';
import { HISTOGRAM_SK_PREFIX, histogramBuckets } from './exactCounters';
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

/** Everything stored for one district day, in one Query: counters, distinct-people buckets, arrivals per hour. */
export interface DayAggregates {
  counters: Record<string, number>;
  /** dimension → `{g<gap>: n}` (functions/lib/distinctMetrics.ts). */
  distinct: Record<string, Record<string, number>>;
  /** group → 24 arrivals, index = district hour. */
  hours: Record<string, number[]>;
  /** name → `{b<bucket>: n}` duration histograms (functions/lib/exactCounters.ts). */
  histograms: Record<string, Record<string, number>>;
}

export async function readDay(day: string): Promise<DayAggregates> {
  const out: DayAggregates = { counters: {}, distinct: {}, hours: {}, histograms: {} };
  const items = await queryAll({ keyCondition: 'pk = :pk', values: { ':pk': `STATS#${day}` } });
  for (const item of items) addDayItem(out, item);
  return out;
}

const HOUR_NAMES = Array.from({ length: 24 }, (_, h) => `h${h}`);

function addDayItem(out: DayAggregates, item: Record<string, unknown>): void {
  const sk = item.sk as string;
  if (item.type === 'daily_metric') out.counters[sk] = item.count as number;
  else if (item.type === 'daily_distinct')
    out.distinct[sk.slice(DISTINCT_SK_PREFIX.length)] = gapBuckets(item);
  else if (item.type === 'daily_hours')
    out.hours[sk.slice(HOURS_SK_PREFIX.length)] = HOUR_NAMES.map((h) => (item[h] as number | undefined) ?? 0);
  else if (item.type === 'daily_histogram')
    out.histograms[sk.slice(HISTOGRAM_SK_PREFIX.length)] = histogramBuckets(item);
}
