// The sweeper behind the scheduled job (handlers/runMaintenance.ts): closes overdue check-ins, finishes or undoes
// intents left by crashed requests, takes over closes whose closer died, then recounts the counter.
import { logger } from '../lib/logger';
import { checkinStore } from './checkinStore';
import { CLOSE_LEASE_MS, closeCheckin, expireOverdue, markHistoryClosed } from './closeCheckinSteps';
import type { Intent, SpaceRecord } from './model';
import { spaceStore } from './spaceStore';

export interface ReconcileReport {
  expired: number;
  intentsFinished: number;
  intentsUndone: number;
  closesTakenOver: number;
  recounted: boolean;
}

/** An 'in' intent: the check-in was opened → write its history and clear it; never opened → give the place back. */
async function resolveInIntent(space: SpaceRecord, intent: Intent, report: ReconcileReport): Promise<void> {
  const open = await checkinStore.getOpen(space.id, intent.userId);
  if (open && open.checkinId === intent.checkinId) {
    await checkinStore.putHistory({
      id: intent.checkinId,
      spaceId: space.id,
      spaceName: space.name,
      userId: intent.userId,
      identity: intent.identity ?? null,
      status: 'in',
      checkedInAt: intent.checkedInAt!,
      autoOutAt: intent.autoOutAt!,
    });
    if (await spaceStore.clearInIntent(space.id, intent.checkinId)) report.intentsFinished++;
    return;
  }
  if (await spaceStore.undoPlace(space.id, intent.checkinId)) report.intentsUndone++;
}

/** An 'out' intent: finish the close (delete the open check-in if still there, close the history, free the place). */
async function resolveOutIntent(
  space: SpaceRecord,
  intent: Intent,
  now: number,
  report: ReconcileReport,
): Promise<void> {
  const request = {
    reason: intent.closedBy ?? 'auto',
    checkedOutAt: intent.checkedOutAt ?? new Date(intent.at).toISOString(),
    spaceName: space.name,
    now,
  } as const;
  const open = await checkinStore.getOpen(space.id, intent.userId);
  if (open && open.checkinId === intent.checkinId) {
    if (await closeCheckin(open, request)) report.closesTakenOver++;
    return;
  }
  const history = await checkinStore.getHistory(intent.checkinId);
  if (history && history.status === 'in') {
    await markHistoryClosed(
      {
        checkinId: history.id,
        spaceId: space.id,
        userId: history.userId,
        identity: history.identity,
        checkedInAt: history.checkedInAt,
        autoOutAt: history.autoOutAt,
      },
      request,
    );
  }
  if (await spaceStore.freePlace(space.id, intent.checkinId)) report.intentsFinished++;
}

async function reconcileSpace(spaceId: string, now: number): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    expired: 0,
    intentsFinished: 0,
    intentsUndone: 0,
    closesTakenOver: 0,
    recounted: false,
  };
  const staleBefore = now - CLOSE_LEASE_MS;
  let space = await spaceStore.get(spaceId, true);
  if (!space) return report;
  report.expired = await expireOverdue(space.id, space.name, now);

  space = (await spaceStore.get(spaceId, true))!;
  for (const intent of Object.values(space.intents)) {
    if (intent.at >= staleBefore) continue; // its request may still be running
    if (intent.op === 'in') await resolveInIntent(space, intent, report);
    else await resolveOutIntent(space, intent, now, report);
  }

  // Closes that died right after claiming (no intent yet): the user asked to leave, so finish the close.
  for (const open of await checkinStore.listAllOpen(spaceId)) {
    if (open.closingBy && open.closingAt !== undefined && open.closingAt < staleBefore) {
      const request = {
        reason: open.closingReason ?? 'auto',
        checkedOutAt: open.closingOutAt ?? new Date(now).toISOString(),
        spaceName: space.name,
        now,
      };
      if (await closeCheckin(open, request)) report.closesTakenOver++;
    }
  }

  report.recounted = await recount(spaceId);
  return report;
}

/**
 * The counter must equal the open check-ins when nothing is in flight. If it does not (a bug, a manual edit),
 * set it to the count — only if nothing moved while counting (same seq, no intents).
 */
async function recount(spaceId: string): Promise<boolean> {
  const space = await spaceStore.get(spaceId, true);
  if (!space || Object.keys(space.intents).length > 0) return false;
  const counted = (await checkinStore.listAllOpen(spaceId)).length;
  if (counted === space.occupancy) return false;
  const applied = await spaceStore.applyRecount(space, counted);
  if (applied) logger.warn('space occupancy recounted', { spaceId, counter: space.occupancy, counted });
  return applied;
}

export interface MaintenanceSummary {
  spaces: number;
  expired: number;
  intentsFinished: number;
  intentsUndone: number;
  closesTakenOver: number;
  recounted: number;
}

export const reconcileService = {
  reconcileSpace,

  /** Every space, one after the other (the scheduled job; never on a request path), and a log line of the totals. */
  async reconcileAllSpaces(now: number): Promise<MaintenanceSummary> {
    const reports: ReconcileReport[] = [];
    for (const space of await spaceStore.listAll()) reports.push(await reconcileSpace(space.id, now));
    const total = (key: 'expired' | 'intentsFinished' | 'intentsUndone' | 'closesTakenOver') =>
      reports.reduce((sum, r) => sum + r[key], 0);
    const summary: MaintenanceSummary = {
      spaces: reports.length,
      expired: total('expired'),
      intentsFinished: total('intentsFinished'),
      intentsUndone: total('intentsUndone'),
      closesTakenOver: total('closesTakenOver'),
      recounted: reports.filter((r) => r.recounted).length,
    };
    logger.info('spaces maintenance', { ...summary });
    return summary;
  },
};
