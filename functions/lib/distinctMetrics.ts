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
 * reads its operands from the item as it was); answers the gap to their previous active day, and whether this call
 * moved it (else it was there already: a retry, or active again that day) — or null (already later).
 */
async function advanceLastSeen(
  dimension: string,
  person: string,
  day: string,
): Promise<{ gap: number; moved: boolean } | null> {
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
    return { gap: gapFrom(day, moved.Attributes?.day as string | undefined), moved: true };
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
  // Already moved to this day (a retry, or active again today) or later (clocks around midnight).
  const seen = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })))
    .Item;
  return seen?.day === day ? { gap: gapFrom(day, seen.prev as string | undefined), moved: false } : null;
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
    const seen = await advanceLastSeen(dimension, person, day);
    failpoint('metrics.distinct.afterLastSeen');
    if (seen !== null) await addToDay(dimension, person, day, seen.gap);
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
 * countDistinct for many activities of one dimension at once (a stream batch), in rounds: round k moves the
 * last-seen item of each person with a k-th day in the batch (people in parallel, each person's days in the order
 * given), then adds that round's people to their days. A person is always added to a day before their last-seen day
 * moves past it, as countDistinct does one activity after another, so a crash anywhere loses no day when the batch
 * is delivered again.
 * The people a round moved to a day are not on it yet (one is added to a day only after a move to it): they are added
 * in one write per PEOPLE_PER_WRITE, conditional on none of them being there (refused only on a sealed day, or when
 * a write's reply was lost and it is sent again). The ones already at that day (a redelivered batch, or active again
 * that day) and the people of a refused or failed write are added one at a time, each only if not there.
 * Like countDistinct it never throws, but for an injected crash (`metrics.distinct.batchAfterLastSeen`), which stands
 * for the function dying mid-batch: the batch is then delivered again.
 */
export async function countDistinctEach(
  dimension: string,
  activities: { person: string; at: Date | number }[],
): Promise<void> {
  if (!/^[a-z_]+$/.test(dimension)) throw new Error(`bad dimension name ${dimension}`);
  const daysOf = new Map<string, string[]>();
  for (const { person, at } of activities) {
    let day: string;
    try {
      day = districtDate(at);
    } catch (err) {
      logger.warn('distinct metric not counted: no day', { dimension, error: serializeError(err) });
      continue;
    }
    const days = daysOf.get(person) ?? [];
    if (!days.includes(day)) daysOf.set(person, [...days, day]);
  }
  const rounds = Math.max(0, ...[...daysOf.values()].map((days) => days.length));
  for (let round = 0; round < rounds; round++) {
    const moved = new Map<string, [string, number][]>();
    const already: [string, string, number][] = [];
    const people = [...daysOf].filter(([, days]) => days.length > round);
    for (let i = 0; i < people.length; i += PARALLEL)
      await Promise.all(
        people.slice(i, i + PARALLEL).map(async ([person, days]) => {
          const day = days[round];
          try {
            const seen = await advanceLastSeen(dimension, person, day);
            if (seen?.moved) moved.set(day, [...(moved.get(day) ?? []), [person, seen.gap]]);
            else if (seen) already.push([day, person, seen.gap]);
          } catch (err) {
            logger.warn('distinct metric not counted', { dimension, error: serializeError(err) });
          }
        }),
      );
    failpoint('metrics.distinct.batchAfterLastSeen');
    const one = (day: string, person: string, gap: number) =>
      addToDay(dimension, person, day, gap).catch((err: unknown) =>
        logger.warn('distinct metric not counted', { dimension, error: serializeError(err) }),
      );
    for (const [day, all] of moved)
      for (let i = 0; i < all.length; i += PEOPLE_PER_WRITE) {
        const chunk = all.slice(i, i + PEOPLE_PER_WRITE);
        if (chunk.length > 1 && (await addAllToDay(dimension, day, chunk))) continue;
        for (const [person, gap] of chunk) await one(day, person, gap);
      }
    for (const [day, person, gap] of already) await one(day, person, gap);
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
