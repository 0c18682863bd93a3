// Daily dashboard counters that count each subject (a request, a booking, an event) exactly once per metric, under
// retries, crashes and concurrency, without transactions: the count and the subject's mark are one conditional write
// on the day item (`ADD count, counted {subject}` only if `counted` does not yet hold it), like the distinct-people
// buckets of distinctMetrics.ts. A retry, a repair run or a twin request finds the mark and changes nothing; an
// uncount removes the mark with the amount, once. The day is the caller's: derive it from the domain record (the
// transition's own timestamp), never from "now", so every retry lands on the same item.
//
// Beside the counters, duration histograms: `STATS#<day>` / `histogram#<name>`, one attribute `b<i>` per fixed bucket
// of DURATION_BOUNDS_HOURS, marked the same way, so a median over a range is read from the merged buckets without
// reading any record. Both kinds are read by readDay (metrics.ts) with the day's other aggregates.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { conditional } from './dynamo';
import { logger, serializeError } from './logger';
import { NOT_SEALED } from './sealedDays';
import { districtDate } from './time';

export const HISTOGRAM_SK_PREFIX = 'histogram#';
/** Bucket i holds durations in [BOUNDS[i], BOUNDS[i+1]) hours; the last one is open. Never change stored bounds. */
export const DURATION_BOUNDS_HOURS = [0, 1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720] as const;

const METRIC = /^[a-z_]+\.[a-z0-9_-]+$/;
const dayKey = (metric: string, at: Date | number | string) => ({
  pk: `STATS#${districtDate(typeof at === 'string' ? Date.parse(at) : at)}`,
  sk: metric,
});

function checked(metric: string): string {
  if (!METRIC.test(metric)) throw new Error(`bad metric name ${metric}`);
  return metric;
}

/** The attribute names of a counted write (countOnce, countAllOnce). */
const COUNTED_NAMES = { '#count': 'count', '#counted': 'counted', '#type': 'type', '#sealed': 'sealed' };

/**
 * Adds `amount` to `metric` on the district day of `at`, once per `subject`. True when this call counted, false when
 * the subject was already counted there (or the write failed: the dashboard never fails the user's action; the
 * repair run or the action's retry counts it).
 */
export async function countOnce(
  metric: string,
  subject: string,
  at: Date | number | string,
  amount = 1,
): Promise<boolean> {
  try {
    return await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(checked(metric), at),
        UpdateExpression: 'ADD #count :n, #counted :subjects SET #type = :type',
        // A sealed day (sealedDays.ts) has shed its marks: nothing more is counted there.
        ConditionExpression: `(attribute_not_exists(#counted) OR NOT contains(#counted, :subject)) AND ${NOT_SEALED}`,
        ExpressionAttributeNames: COUNTED_NAMES,
        ExpressionAttributeValues: {
          ':n': amount,
          ':subjects': new Set([subject]),
          ':subject': subject,
          ':type': 'daily_metric',
        },
      }),
    );
  } catch (err) {
    logger.warn('exact metric not counted', { metric, error: serializeError(err) });
    return false;
  }
}

/**
 * The most subjects one write of countOnceEach marks: its condition names each one, and DynamoDB's expressions are at
 * most 4 KB (50 clauses of `NOT contains(#counted, :s49) AND ` are ~1.8 KB).
 */
export const SUBJECTS_PER_WRITE = 50;

/**
 * countOnce for many subjects of one metric on one day (the district day of `at`): one conditional write per
 * SUBJECTS_PER_WRITE subjects, taken when none of them is counted there yet (a stream batch seen the first time).
 * A write that is refused (one of them was counted already: a redelivered batch; or the day is sealed) or that fails
 * is done again a subject at a time by countOnce, so each is counted once whatever was counted before. A subject
 * named twice is counted once, with its first amount. Answers how many subjects this call counted; never throws.
 */
export async function countOnceEach(
  metric: string,
  at: Date | number | string,
  subjects: { subject: string; amount: number }[],
): Promise<number> {
  let key: { pk: string; sk: string };
  try {
    key = dayKey(checked(metric), at);
  } catch (err) {
    logger.warn('exact metric not counted', { metric, error: serializeError(err) });
    return 0;
  }
  const seen = new Set<string>();
  const distinct = subjects.filter((s) => !seen.has(s.subject) && !!seen.add(s.subject));
  let counted = 0;
  for (let i = 0; i < distinct.length; i += SUBJECTS_PER_WRITE) {
    const chunk = distinct.slice(i, i + SUBJECTS_PER_WRITE);
    if (chunk.length > 1 && (await countAllOnce(key, chunk))) {
      counted += chunk.length;
      continue;
    }
    for (const { subject, amount } of chunk) if (await countOnce(metric, subject, at, amount)) counted++;
  }
  return counted;
}

/** Counts every subject of `chunk` in one write if none of them is counted yet; false when it did not. */
async function countAllOnce(
  key: { pk: string; sk: string },
  chunk: { subject: string; amount: number }[],
): Promise<boolean> {
  const none = chunk.map((_, j) => `NOT contains(#counted, :s${j})`).join(' AND ');
  try {
    return await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'ADD #count :n, #counted :subjects SET #type = :type',
        ConditionExpression: `(attribute_not_exists(#counted) OR (${none})) AND ${NOT_SEALED}`,
        ExpressionAttributeNames: COUNTED_NAMES,
        ExpressionAttributeValues: {
          ':n': chunk.reduce((sum, s) => sum + s.amount, 0),
          ':subjects': new Set(chunk.map((s) => s.subject)),
          ':type': 'daily_metric',
          ...Object.fromEntries(chunk.map((s, j) => [`:s${j}`, s.subject])),
        },
      }),
    );
  } catch (err) {
    logger.warn('exact metric not counted at once; counted one by one', {
      metric: key.sk,
      error: serializeError(err),
    });
    return false;
  }
}

/** Takes `amount` back from `metric` on the day of `at`, only if `subject` was counted there, once. */
export async function uncountOnce(
  metric: string,
  subject: string,
  at: Date | number | string,
  amount = 1,
): Promise<boolean> {
  try {
    return await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: dayKey(checked(metric), at),
        UpdateExpression: 'ADD #count :n DELETE #counted :subjects',
        ConditionExpression: 'contains(#counted, :subject)',
        ExpressionAttributeNames: { '#count': 'count', '#counted': 'counted' },
        ExpressionAttributeValues: { ':n': -amount, ':subjects': new Set([subject]), ':subject': subject },
      }),
    );
  } catch (err) {
    logger.warn('exact metric not uncounted', { metric, error: serializeError(err) });
    return false;
  }
}

/** The subjects already counted in `metric` on the day of `at` (one GetItem; for repair runs). */
export async function countedSubjects(metric: string, at: Date | number | string): Promise<Set<string>> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: dayKey(checked(metric), at),
      ProjectionExpression: '#counted',
      ExpressionAttributeNames: { '#counted': 'counted' },
      ConsistentRead: true,
    }),
  );
  return new Set((Item?.counted as Set<string> | undefined) ?? []);
}

/** The bucket index of a duration in hours (negative durations, a clock's slip, go to the first). */
export function durationBucket(hours: number): number {
  let index = 0;
  DURATION_BOUNDS_HOURS.forEach((bound, i) => {
    if (hours >= bound) index = i;
  });
  return index;
}

/** One duration (`hours`) into histogram `name` on the district day of `at`, once per `subject`. */
export async function countDurationOnce(
  name: string,
  subject: string,
  at: Date | number | string,
  hours: number,
): Promise<boolean> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`bad histogram name ${name}`);
  try {
    return await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: dayKey(name, at).pk, sk: `${HISTOGRAM_SK_PREFIX}${name}` },
        UpdateExpression: 'ADD #bucket :one, #counted :subjects SET #type = :type',
        // A sealed day (sealedDays.ts) has shed its marks: nothing more is counted there.
        ConditionExpression: `(attribute_not_exists(#counted) OR NOT contains(#counted, :subject)) AND ${NOT_SEALED}`,
        ExpressionAttributeNames: {
          '#bucket': `b${durationBucket(hours)}`,
          '#counted': 'counted',
          '#type': 'type',
          '#sealed': 'sealed',
        },
        ExpressionAttributeValues: {
          ':one': 1,
          ':subjects': new Set([subject]),
          ':subject': subject,
          ':type': 'daily_histogram',
        },
      }),
    );
  } catch (err) {
    logger.warn('duration not counted', { name, error: serializeError(err) });
    return false;
  }
}

/** `{b<i>: n}` of a stored histogram item. */
export function histogramBuckets(item: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(item)) if (/^b\d+$/.test(key)) out[key] = value as number;
  return out;
}

/**
 * Where the median of a merged histogram lies: `[lowerHours, upperHours)` (upperHours null: the open last bucket),
 * from the bucket of the ⌈n/2⌉-th smallest duration to the one of the median's other half (the same bucket for an
 * odd n; for an even n the median is the mean of the two middle durations). Null without any duration.
 */
export function medianBounds(
  buckets: Record<string, number>,
): { count: number; lowerHours: number; upperHours: number | null } | null {
  const counts = DURATION_BOUNDS_HOURS.map((_, i) => buckets[`b${i}`] ?? 0);
  const count = counts.reduce((a, b) => a + b, 0);
  if (count === 0) return null;
  const bucketOfRank = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) return i;
    }
    return counts.length - 1;
  };
  const low = bucketOfRank(Math.ceil(count / 2));
  const high = bucketOfRank(count % 2 === 1 ? Math.ceil(count / 2) : count / 2 + 1);
  return {
    count,
    lowerHours: DURATION_BOUNDS_HOURS[low],
    upperHours: high + 1 < DURATION_BOUNDS_HOURS.length ? DURATION_BOUNDS_HOURS[high + 1] : null,
  };
}
