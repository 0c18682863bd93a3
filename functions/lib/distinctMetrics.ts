// Distinct people per dimension over any range of district days, exact and read in O(days) whatever the data size.
//
// Each person has a last-seen item per dimension: `STATS#SEEN#<dimension>#<person>` / `LAST` with `day` (the last district
// day they were active) and `prev` (the active day before it). When they are active on day D, the day's item
// `STATS#<D>` / `distinct#<dimension>` gains one in bucket `g<gap>`, gap = D − previous active day (capped at
// GAP_CAP; never seen before counts as GAP_CAP). Distinct people in [a, b] = Σ over D in [a, b] of the buckets with
// gap > D − a: exactly each person's first active day in the range has its previous one before a.
//
// Exact under retries, crashes and concurrency without transactions: the last-seen item moves forward by one
// conditional write (only to a later day), keeping `prev`, so a retry on the same day still knows the gap; the day
// item's ADD is made idempotent by the person's id in the same write (`people` set, `NOT contains`).
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from './db';
import { conditional } from './dynamo';
import { failpoint } from './faults';
import { logger, serializeError } from './logger';
import { NOT_SEALED } from './sealedDays';
import { districtDate } from './time';

/** Ranges are at most this many days, so a gap of GAP_CAP or more always means "first in the range". */
export const GAP_CAP = 93;
export const DISTINCT_SK_PREFIX = 'distinct#';
const DAY_MS = 86400000;

const dayGap = (later: string, earlier: string) =>
  Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / DAY_MS);

const NEVER = 'never';
const gapFrom = (day: string, previous: string | undefined) =>
  previous && previous !== NEVER ? Math.min(dayGap(day, previous), GAP_CAP) : GAP_CAP;

/**
 * Moves the person's last-seen day to `day` in one conditional write that keeps the old day as `prev` (an update
 * reads its operands from the item as it was); answers the gap to their previous active day, or null (already later).
 */
async function advanceLastSeen(dimension: string, person: string, day: string): Promise<number | null> {
  const key = { pk: `STATS#SEEN#${dimension}#${person}`, sk: 'LAST' };
  try {
    const moved = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #prev = if_not_exists(#day, :never), #day = :day, #type = :type',
        ConditionExpression: 'attribute_not_exists(#day) OR #day < :day',
        ExpressionAttributeNames: { '#day': 'day', '#prev': 'prev', '#type': 'type' },
        ExpressionAttributeValues: { ':day': day, ':never': NEVER, ':type': 'last_seen' },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return gapFrom(day, moved.Attributes?.day as string | undefined);
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
  // Already moved to this day (a retry, or active again today) or later (clocks around midnight).
  const seen = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })))
    .Item;
  return seen?.day === day ? gapFrom(day, seen.prev as string | undefined) : null;
}

async function addToDay(dimension: string, person: string, day: string, gap: number): Promise<void> {
  await conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `STATS#${day}`, sk: `${DISTINCT_SK_PREFIX}${dimension}` },
      UpdateExpression: 'ADD #gap :one, #people :person SET #type = :type',
      // A sealed day (sealedDays.ts) has shed its marks: nothing more is counted there.
      ConditionExpression: `(attribute_not_exists(#people) OR NOT contains(#people, :id)) AND ${NOT_SEALED}`,
      ExpressionAttributeNames: {
        '#gap': `g${gap}`,
        '#people': 'people',
        '#type': 'type',
        '#sealed': 'sealed',
      },
      ExpressionAttributeValues: {
        ':one': 1,
        ':person': new Set([person]),
        ':id': person,
        ':type': 'daily_distinct',
      },
    }),
  );
}

/** Records that `person` was active in `dimension` (e.g. `visitors`, `participants`) on the district day of `at`. */
export async function countDistinct(dimension: string, person: string, at: Date | number = Date.now()) {
  if (!/^[a-z_]+$/.test(dimension)) throw new Error(`bad dimension name ${dimension}`);
  try {
    const day = districtDate(at);
    const gap = await advanceLastSeen(dimension, person, day);
    failpoint('metrics.distinct.afterLastSeen');
    if (gap !== null) await addToDay(dimension, person, day, gap);
  } catch (err) {
    // The dashboard must never fail the user's action; a retry of the action completes the count.
    logger.warn('distinct metric not counted', { dimension, error: serializeError(err) });
  }
}

/** The most people one write of countDistinctEach adds to a day (its condition names each; exactCounters.ts). */
const PEOPLE_PER_WRITE = 50;
/** How many people's last-seen items countDistinctEach moves at once. */
const PARALLEL = 16;

/**
 * countDistinct for many activities of one dimension at once (a stream batch). Each person's last-seen item moves
 * forward through their days in the order given (people in parallel, as countDistinct would one after another);
 * then each day gains its new people in one write per PEOPLE_PER_WRITE, taken when none of them is on the day yet.
 * A write that is refused (one of them is there already: a redelivered batch; or the day is sealed) or that fails is
 * done again a person at a time. Exact as countDistinct is, and like it never throws.
 */
export async function countDistinctEach(
  dimension: string,
  activities: { person: string; at: Date | number }[],
): Promise<void> {
  if (!/^[a-z_]+$/.test(dimension)) throw new Error(`bad dimension name ${dimension}`);
  const daysOf = new Map<string, Set<string>>();
  for (const { person, at } of activities) {
    const days = daysOf.get(person) ?? new Set<string>();
    daysOf.set(person, days.add(districtDate(at)));
  }
  const gapsByDay = new Map<string, Map<string, number>>();
  const people = [...daysOf];
  for (let i = 0; i < people.length; i += PARALLEL)
    await Promise.all(
      people.slice(i, i + PARALLEL).map(async ([person, days]) => {
        for (const day of days) {
          try {
            const gap = await advanceLastSeen(dimension, person, day);
            if (gap !== null) gapsByDay.set(day, (gapsByDay.get(day) ?? new Map()).set(person, gap));
          } catch (err) {
            logger.warn('distinct metric not counted', { dimension, error: serializeError(err) });
          }
        }
      }),
    );
  try {
    failpoint('metrics.distinct.afterLastSeen');
  } catch (err) {
    logger.warn('distinct metric not counted', { dimension, error: serializeError(err) });
    return;
  }
  for (const [day, gaps] of gapsByDay) {
    const all = [...gaps];
    for (let i = 0; i < all.length; i += PEOPLE_PER_WRITE) {
      const chunk = all.slice(i, i + PEOPLE_PER_WRITE);
      if (chunk.length > 1 && (await addAllToDay(dimension, day, chunk))) continue;
      for (const [person, gap] of chunk)
        await addToDay(dimension, person, day, gap).catch((err: unknown) =>
          logger.warn('distinct metric not counted', { dimension, error: serializeError(err) }),
        );
    }
  }
}

/** Adds every person of `chunk` (person, gap) to the day in one write if none of them is there yet. */
async function addAllToDay(dimension: string, day: string, chunk: [string, number][]): Promise<boolean> {
  const perGap = new Map<number, number>();
  for (const [, gap] of chunk) perGap.set(gap, (perGap.get(gap) ?? 0) + 1);
  const gaps = [...perGap];
  const none = chunk.map((_, j) => `NOT contains(#people, :p${j})`).join(' AND ');
  try {
    return await conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `STATS#${day}`, sk: `${DISTINCT_SK_PREFIX}${dimension}` },
        UpdateExpression: `ADD ${gaps.map((_, k) => `#g${k} :g${k}`).join(', ')}, #people :people SET #type = :type`,
        ConditionExpression: `(attribute_not_exists(#people) OR (${none})) AND ${NOT_SEALED}`,
        ExpressionAttributeNames: {
          ...Object.fromEntries(gaps.map(([gap], k) => [`#g${k}`, `g${gap}`])),
          '#people': 'people',
          '#type': 'type',
          '#sealed': 'sealed',
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(gaps.map(([, count], k) => [`:g${k}`, count])),
          ...Object.fromEntries(chunk.map(([person], j) => [`:p${j}`, person])),
          ':people': new Set(chunk.map(([person]) => person)),
          ':type': 'daily_distinct',
        },
      }),
    );
  } catch (err) {
    logger.warn('distinct metric not counted at once; counted one by one', {
      dimension,
      error: serializeError(err),
    });
    return false;
  }
}

/** Per-day gap buckets of one dimension (`{g1: n, g93: m}`), as read from the day's item. */
export type GapBuckets = Record<string, number>;

/** Distinct people over `days` (consecutive, oldest first) from each day's gap buckets. */
export function distinctOver(days: string[], bucketsOf: (day: string) => GapBuckets | undefined): number {
  if (days.length === 0) return 0;
  const first = days[0];
  let total = 0;
  for (const day of days) {
    const offset = dayGap(day, first);
    for (const [name, count] of Object.entries(bucketsOf(day) ?? {})) {
      if (Number(name.slice(1)) > offset) total += count;
    }
  }
  return total;
}

/** The `g<gap>` attributes of a stored day item. */
export function gapBuckets(item: Record<string, unknown>): GapBuckets {
  const out: GapBuckets = {};
  for (const [name, value] of Object.entries(item)) if (/^g\d+$/.test(name)) out[name] = value as number;
  return out;
}
