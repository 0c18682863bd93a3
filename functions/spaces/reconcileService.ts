// The scheduled job behind handlers/runMaintenance.ts, one space after the other: the repair (automatic check-out
// of overdue visits, then the intents and claims left by crashed requests, finished or undone through
// occupancySteps.ts, where the step order is documented), then the recount. After a correct repair the recount finds
// nothing to fix; it is the safety net for a bug or a manual edit. The function runs with reserved concurrency 1
// (functions.yml); two overlapping runs, or a run beside the user's retry (which repairs its own stale intent or
// dead close the same way, checkinService.ts), would still apply each change once.
// Last, each space's days old enough that no stream record can still count into them are sealed (statsStore.sealDay).
import { logger } from '../lib/logger';
import { addDays, districtDate } from '../lib/time';
import { checkinStore } from './checkinStore';
import {
  CLOSE_LEASE_MS,
  expireOverdue,
  repairInIntent,
  repairOutIntent,
  takeOverDeadClose,
} from './occupancySteps';
import { spaceStore } from './spaceStore';
import { statsStore } from './statsStore';

/**
 * The days sealed on each run: two days ago (a visit of that day reaches its stream record within hours; records live
 * 24 h) and the two before it, in case the job did not run for a day or two. Sealing a sealed day changes nothing.
 */
export const SEAL_AFTER_DAYS = 2;
const SEAL_DAYS_BACK = 3;

export interface RepairReport {
  expired: number;
  intentsFinished: number;
  intentsUndone: number;
  closesTakenOver: number;
}

export interface ReconcileReport extends RepairReport {
  /** True when the recount had to change the counter (never, unless something outside the steps went wrong). */
  recounted: boolean;
}

/** The repair of one space as of `now`, without the recount: only intents and claims older than the lease. */
async function repairSpace(spaceId: string, now: number): Promise<RepairReport> {
  const report: RepairReport = { expired: 0, intentsFinished: 0, intentsUndone: 0, closesTakenOver: 0 };
  const staleBefore = now - CLOSE_LEASE_MS;
  let space = await spaceStore.get(spaceId, true);
  if (!space) return report;
  report.expired = await expireOverdue(space.id, space.name, now);

  space = (await spaceStore.get(spaceId, true))!;
  for (const intent of Object.values(space.intents)) {
    if (intent.at >= staleBefore) continue; // its request may still be running
    if (intent.op === 'in') {
      const done = await repairInIntent(space, intent);
      if (done === 'finished') report.intentsFinished++;
      else if (done === 'undone') report.intentsUndone++;
    } else {
      const done = await repairOutIntent(space, intent, now);
      if (done === 'finished') report.intentsFinished++;
      else if (done === 'takenOver') report.closesTakenOver++;
    }
  }

  for (const open of await checkinStore.listAllOpen(spaceId))
    if (await takeOverDeadClose(space, open, now)) report.closesTakenOver++;
  return report;
}

/**
 * The counter must equal the open check-ins when nothing is in flight. If it does not (a bug, a manual edit), set
 * it to the count — only if nothing moved while counting (same seq, no intents). True when it changed the counter.
 */
async function recount(spaceId: string): Promise<boolean> {
  const space = await spaceStore.get(spaceId, true);
  if (!space || Object.keys(space.intents).length > 0) return false;
  const counted = (await checkinStore.listAllOpen(spaceId)).length;
  if (counted === space.occupancy) return false;
  // More open check-ins than places is never written silently (staff must look); it is still written, because a
  // counter at or above the capacity is what stops further check-ins.
  if (counted > space.capacity)
    logger.error('space occupancy recount above capacity', { spaceId, counter: space.occupancy, counted });
  const applied = await spaceStore.applyRecount(space, counted);
  if (applied) logger.warn('space occupancy recounted', { spaceId, counter: space.occupancy, counted });
  return applied;
}

async function reconcileSpace(spaceId: string, now: number): Promise<ReconcileReport> {
  const repaired = await repairSpace(spaceId, now);
  return { ...repaired, recounted: await recount(spaceId) };
}

export interface MaintenanceSummary {
  spaces: number;
  expired: number;
  intentsFinished: number;
  intentsUndone: number;
  closesTakenOver: number;
  recounted: number;
  /** Days sealed by this run, over all spaces (their counting marks removed). */
  daysSealed: number;
}

/** Seals the space's days from SEAL_AFTER_DAYS days before `now` back SEAL_DAYS_BACK days; how many it sealed now. */
async function sealOldDays(spaceId: string, now: number): Promise<number> {
  const today = districtDate(now);
  let sealed = 0;
  for (let back = SEAL_AFTER_DAYS; back < SEAL_AFTER_DAYS + SEAL_DAYS_BACK; back++)
    if (await statsStore.sealDay(spaceId, addDays(today, -back), now)) sealed++;
  return sealed;
}

export const reconcileService = {
  repairSpace,
  recount,
  reconcileSpace,
  sealOldDays,

  /** Every space, one after the other (the scheduled job; never on a request path), and a log line of the totals. */
  async reconcileAllSpaces(now: number): Promise<MaintenanceSummary> {
    const reports: ReconcileReport[] = [];
    let daysSealed = 0;
    for (const space of await spaceStore.listAll()) {
      reports.push(await reconcileSpace(space.id, now));
      daysSealed += await sealOldDays(space.id, now);
    }
    const total = (key: keyof RepairReport) => reports.reduce((sum, r) => sum + r[key], 0);
    const summary: MaintenanceSummary = {
      spaces: reports.length,
      expired: total('expired'),
      intentsFinished: total('intentsFinished'),
      intentsUndone: total('intentsUndone'),
      closesTakenOver: total('closesTakenOver'),
      recounted: reports.filter((r) => r.recounted).length,
      daysSealed,
    };
    logger.info('spaces maintenance', { ...summary });
    return summary;
  },
};
