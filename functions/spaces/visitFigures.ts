// The figures of a visit to a shared space, counted from the table's stream (serverless: countVisitFigures), not on
// the check-in's path: a check-in costs only its occupancy steps (issue 16), and every visit is counted however its
// history item came to be written — by the check-in itself or by the repair of a crashed one (occupancySteps.ts).
//
// What counts: the first write of a visit's history item (an INSERT of `SPACECHECKIN#<id>` / META; status `in`, or
// `out` when a crashed check-in was only written by its close). On the district day of its `checkedInAt`:
// - the space's day (statsStore.ts): the visit in all and by identity, once per check-in; the visitor, once per
//   person; the peak raised to the counter the check-in left (a visit a repair wrote carries none);
// - the dashboard (dashboardCounters.countVisitFigures): the check-in by identity, the visitor, once each; the hour
//   and the person's participation only by the delivery whose write counted the visit into the space's day.
//
// Delivery is at least once. Every figure is counted once per visit whatever the redeliveries: each is exact on its
// own, or follows the space's day count, which is (a crash between the two under-counts the hour and the
// participation, never over-counts them). A record fails (and it and the records after it are delivered again) only
// when that first count could not be written; the figures after it are best effort and never throw.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { countVisitFigures } from '../lib/dashboardCounters';
import { logger, serializeError } from '../lib/logger';
import { districtDate } from '../lib/time';
import { historyFromItem, type HistoryRecord } from './model';
import { statsStore } from './statsStore';

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

/** Counts one visit. False when its count into the space's day could not be written (deliver it again). */
async function countVisit(visit: HistoryRecord): Promise<boolean> {
  const at = Date.parse(visit.checkedInAt);
  const date = districtDate(at);
  const identity = visit.identity ?? 'unknown';
  let first: boolean;
  try {
    first = await statsStore.countVisitOnce(visit.spaceId, date, identity, visit.id);
  } catch (err) {
    logger.error('visit figures: the visit could not be counted; delivered again', {
      checkinId: visit.id,
      error: serializeError(err),
    });
    return false;
  }
  const counted = await Promise.allSettled([
    statsStore.countVisitorOnce(visit.spaceId, date, visit.userId),
    visit.occupancy !== undefined ? statsStore.raisePeak(visit.spaceId, date, visit.occupancy) : undefined,
    countVisitFigures({ checkinId: visit.id, userId: visit.userId, identity, at }, first),
  ]);
  for (const result of counted) {
    if (result.status === 'rejected')
      logger.warn('visit figures: a figure not counted', {
        checkinId: visit.id,
        error: serializeError(result.reason),
      });
  }
  return true;
}

/**
 * Counts a batch of stream records, every visit in it (in parallel: each is counted on its own). The first record
 * whose visit could not be counted is reported failed, so Lambda delivers it and every later one again; the later
 * ones counted already change nothing then.
 */
export async function countVisitRecords(
  records: VisitStreamRecord[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const done = await Promise.all(
    records.map((record) => {
      const visit = newVisit(record);
      return visit ? countVisit(visit) : true;
    }),
  );
  const failedFrom = done.indexOf(false);
  return {
    batchItemFailures:
      failedFrom < 0 ? [] : [{ itemIdentifier: records[failedFrom].dynamodb?.SequenceNumber ?? '' }],
  };
}
