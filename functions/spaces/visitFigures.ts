// The figures of a visit to a shared space, counted from the table's stream (serverless: countFigures, functions/admin/figuresStream.ts), not on
// the check-in's path: a check-in costs only its occupancy steps (issue 16), and every visit is counted however its
// history item came to be written — by the check-in itself or by the repair of a crashed one (occupancySteps.ts).
//
// What counts: the first write of a visit's history item (an INSERT of `SPACECHECKIN#<id>` / META; status `in`, or
// `out` when a crashed check-in was only written by its close). On the district day of its `checkedInAt`:
// - the space's day (statsStore.ts): the visit in all and by identity, once per check-in; the visitor, once per
//   person; the peak raised to the highest counter the batch's check-ins left (a visit a repair wrote carries none);
// - the dashboard (dashboardCounters.countVisitsFigures): the check-in by identity, the visitor, once each; the hour
//   and the person's participation only for the visits this delivery counted into their space's day.
//
// A batch is counted together, in as few writes as it allows (issue 16: a rush's figures should not cost more store
// writes than the rush): the visits of one space and day go into the day in one conditional write per MARKS_PER_WRITE
// (taken when none of them is counted yet; otherwise, as on a redelivery, one at a time, each only if not counted),
// likewise its visitors; one peak write per space and day; the dashboard's figures per day, hour and person.
//
// Delivery is at least once. Every figure is counted once per visit whatever the redeliveries: each is exact on its
// own, or follows the space's day count, which is (a crash between the two under-counts the hour and the
// participation, never over-counts them). A record fails (and it and the records after it are delivered again) only
// when its visit's count into the day could not be written; the figures after it are best effort and never throw.
import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { chunks, groupBy } from '../lib/collections';
import { countVisitsFigures } from '../lib/dashboardCounters';
import { logger, serializeError } from '../lib/logger';
import { districtDate } from '../lib/time';
import { historyFromItem, type HistoryRecord, type IdentityKey } from './model';
import { MARKS_PER_WRITE, statsStore } from './statsStore';

type Image = Record<string, AttributeValue>;

export interface VisitStreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Image; OldImage?: Image; SequenceNumber?: string };
}

/** The visit a record writes for the first time (null: any other change). */
export function newVisit(record: VisitStreamRecord): HistoryRecord | null {
  const { NewImage, OldImage } = record.dynamodb ?? {};
  if (!NewImage || OldImage) return null;
  const item = unmarshall(NewImage);
  if (item.type !== 'space_checkin') return null;
  return historyFromItem(item);
}

/** A visit of the batch, with the day it counts on. */
interface BatchVisit {
  visit: HistoryRecord;
  date: string;
  identity: IdentityKey;
}

/** What counting a visit into its space's day did: counted it now, found it counted (or the day sealed), or failed. */
type DayCount = 'counted' | 'seen' | 'failed';

/**
 * Counts the visits of one space and day into the day, each check-in once (a record twice in the batch: its later
 * copies are `seen`, or `failed` with the first). Never throws: a visit whose count could not be written is
 * `failed` (logged).
 */
async function countIntoDay(group: BatchVisit[]): Promise<Map<BatchVisit, DayCount>> {
  const { spaceId } = group[0].visit;
  const { date } = group[0];
  const outcome = new Map<BatchVisit, DayCount>();
  const firstCopy = new Map<string, BatchVisit>();
  for (const v of group) if (!firstCopy.has(v.visit.id)) firstCopy.set(v.visit.id, v);
  const distinct = [...firstCopy.values()];
  for (const chunk of chunks(distinct, MARKS_PER_WRITE)) {
    if (chunk.length > 1 && (await countAllIntoDay(spaceId, date, chunk))) {
      for (const v of chunk) outcome.set(v, 'counted');
      continue;
    }
    for (const v of chunk) {
      try {
        const counted = await statsStore.countVisitOnce(spaceId, date, v.identity, v.visit.id);
        outcome.set(v, counted ? 'counted' : 'seen');
      } catch (err) {
        logger.error('visit figures: the visit could not be counted; delivered again', {
          checkinId: v.visit.id,
          error: serializeError(err),
        });
        outcome.set(v, 'failed');
      }
    }
  }
  for (const v of group)
    if (!outcome.has(v))
      outcome.set(v, outcome.get(firstCopy.get(v.visit.id)!) === 'failed' ? 'failed' : 'seen');
  return outcome;
}

/**
 * Counts every visit of `chunk` into the day in one write, if none of them is counted yet. True when this call's
 * write did it — also when its reply was lost and the store's client sent it again (refused then: the marks are in)
 * or gave up with an error: the write carries a token of its own, read back from the day. False otherwise (count
 * them one at a time).
 */
async function countAllIntoDay(spaceId: string, date: string, chunk: BatchVisit[]): Promise<boolean> {
  const visits = chunk.map((v) => ({ checkinId: v.visit.id, identity: v.identity }));
  const token = randomUUID();
  try {
    if (await statsStore.countVisitsOnce(spaceId, date, visits, token)) return true;
  } catch (err) {
    logger.warn('visit figures: visits not counted at once; counted one by one', {
      spaceId,
      date,
      error: serializeError(err),
    });
  }
  return (await statsStore.lastCountToken(spaceId, date).catch(() => null)) === token;
}

/** The day's visitors among `group` (one space and day), each once: in one write per MARKS_PER_WRITE if none is yet. */
async function countVisitors(group: BatchVisit[]): Promise<void> {
  const { spaceId } = group[0].visit;
  const { date } = group[0];
  const people = [...new Set(group.map((v) => v.visit.userId))];
  let failed: unknown = null;
  for (const chunk of chunks(people, MARKS_PER_WRITE)) {
    const counted =
      chunk.length > 1 &&
      (await statsStore.countVisitorsOnce(spaceId, date, chunk).catch((err: unknown) => {
        logger.warn('visit figures: visitors not counted at once; counted one by one', {
          spaceId,
          date,
          error: serializeError(err),
        });
        return false;
      }));
    if (counted) continue;
    for (const userId of chunk)
      await statsStore.countVisitorOnce(spaceId, date, userId).catch((err: unknown) => {
        failed = err;
      });
  }
  if (failed) throw failed;
}

/** The day's peak raised to the highest counter the group's check-ins left (a repaired visit carries none). */
async function raisePeak(group: BatchVisit[]): Promise<void> {
  const counters = group.flatMap((v) => (v.visit.occupancy !== undefined ? [v.visit.occupancy] : []));
  if (counters.length > 0)
    await statsStore.raisePeak(group[0].visit.spaceId, group[0].date, Math.max(...counters));
}

/**
 * Counts a batch of stream records, every visit in it. The first record whose visit could not be counted into its
 * day is reported failed, so Lambda delivers it and every later one again; the ones counted already change nothing
 * then.
 */
export async function countVisitRecords(
  records: VisitStreamRecord[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const visits = records.map((record): BatchVisit | null => {
    const visit = newVisit(record);
    if (!visit) return null;
    const at = Date.parse(visit.checkedInAt);
    if (Number.isNaN(at)) {
      // No history item is written without it: a record that cannot be counted, logged and passed by.
      logger.error('visit figures: a visit without a check-in time; not counted', { checkinId: visit.id });
      return null;
    }
    return { visit, date: districtDate(at), identity: visit.identity ?? 'unknown' };
  });
  const byDay = groupBy(
    visits.filter((v): v is BatchVisit => v !== null),
    (v) => `${v.visit.spaceId} ${v.date}`,
  );
  const outcome = new Map<BatchVisit, DayCount>();
  for (const counted of await Promise.all(byDay.map(countIntoDay)))
    for (const [v, result] of counted) outcome.set(v, result);

  // Everything after the day's count: best effort, logged when not written.
  const inDay = byDay
    .map((group) => group.filter((v) => outcome.get(v) !== 'failed'))
    .filter((g) => g.length > 0);
  const figures = [
    ...inDay.map((group) => ({ group, figure: 'uniqueVisitors', done: countVisitors(group) })),
    ...inDay.map((group) => ({ group, figure: 'peakOccupancy', done: raisePeak(group) })),
    {
      group: inDay.flat(),
      figure: 'dashboard',
      done: countVisitsFigures(
        inDay.flat().map((v) => ({
          checkinId: v.visit.id,
          userId: v.visit.userId,
          identity: v.identity,
          at: Date.parse(v.visit.checkedInAt),
          first: outcome.get(v) === 'counted',
        })),
      ),
    },
  ];
  const settled = await Promise.allSettled(figures.map((f) => f.done));
  settled.forEach((result, i) => {
    if (result.status === 'rejected')
      logger.warn('visit figures: a figure not counted', {
        figure: figures[i].figure,
        checkinIds: figures[i].group.map((v) => v.visit.id),
        error: serializeError(result.reason),
      });
  });

  const failedFrom = visits.findIndex((v) => v !== null && outcome.get(v) === 'failed');
  return {
    batchItemFailures:
      failedFrom < 0 ? [] : [{ itemIdentifier: records[failedFrom].dynamodb?.SequenceNumber ?? '' }],
  };
}
