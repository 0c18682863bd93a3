// Past days' dashboard items shed the sets that made their counts exact under retries, so a dashboard load reads
// numbers, not every id ever counted (issue 16, "Reads that grow").
//
// exactCounters.ts keeps `counted` (the subjects counted on the day) and distinctMetrics.ts keeps `people` (the people
// counted on the day) in the day's items, beside the counts, so that a count and its mark are one conditional write.
// The sets are needed only while a retry or a repair may still come for that day: within minutes (retries, the
// reconcilers every 5 minutes). Once the district day two after it has begun, a day is sealed: each of its items
// loses its sets and gets `sealed`, but for KEEPS_MARKS (metrics taken back later, which need their marks). The
// counting writes refuse a sealed item (`attribute_not_exists(sealed)`), so a count that comes later still can never
// count a subject twice; it is dropped (an under-count, the safe side; as for an already counted subject, the writer
// hears "not counted").
//
// What a load reads then grows with the last two days' activity only, not with the days before them. The scheduled
// job (functions/admin/handlers/sealDashboardDays.ts) seals the days from SEAL_LOOKBACK_DAYS back each hour; an item a
// late write created on a sealed day is sealed by the next run. `sealDays` also backfills any range.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { queryAll } from './dynamo';
import { addDays, daysBetween, districtDate } from './time';

/** A day is sealed once the district day this many days after it has begun. */
export const SEAL_AFTER_DAYS = 2;
/** Each run seals the due days this far back (again: cheap, and it catches items late writes created). */
export const SEAL_LOOKBACK_DAYS = 7;

/**
 * Metrics whose marks are kept when their day is sealed: they are taken back later (an uncount needs the subject's
 * mark), on the day of the fact — an event cancelled or moved after its start day, a household cancelling days
 * after signing up, an approved booking cancelled. Their sets are small (events, bookings, youth households a day).
 */
export const KEEPS_MARKS = /^(events\.|booking_hours\.|children\.)/;

/** The condition every counting write of a day item adds (with `#sealed` → `sealed`). */
export const NOT_SEALED = 'attribute_not_exists(#sealed)';

/** Seals one district day: answers how many of its items it sealed (those not sealed yet). */
export async function sealDay(day: string): Promise<number> {
  const items = await queryAll({
    keyCondition: 'pk = :pk',
    values: { ':pk': `STATS#${day}` },
    // A sealed item never gains a set again (its counting writes are refused): only the others are read on.
    projection: 'pk, sk, #sealed',
    names: { '#sealed': 'sealed' },
    consistent: true,
  });
  let sealed = 0;
  for (const item of items) {
    if (item.sealed || KEEPS_MARKS.test(item.sk as string)) continue;
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE #counted, #people SET #sealed = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#counted': 'counted', '#people': 'people', '#sealed': 'sealed' },
        ExpressionAttributeValues: { ':true': true },
      }),
    );
    sealed++;
  }
  return sealed;
}

/** Seals every day of [from, to] (a backfill, or the scheduled run). */
export async function sealDays(from: string, to: string): Promise<{ days: number; items: number }> {
  let items = 0;
  const days = daysBetween(from, to);
  for (const day of days) items += await sealDay(day);
  return { days: days.length, items };
}

/** The scheduled run: the days due for sealing, SEAL_LOOKBACK_DAYS of them, the newest two days before today. */
export function sealDueDays(now: number = Date.now()): Promise<{ days: number; items: number }> {
  const newest = addDays(districtDate(now), -SEAL_AFTER_DAYS);
  return sealDays(addDays(newest, -(SEAL_LOOKBACK_DAYS - 1)), newest);
}
