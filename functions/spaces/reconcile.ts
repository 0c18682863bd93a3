// The sweeper behind the scheduled job (and `reconcileSpace` in tests): closes overdue check-ins, finishes or
// undoes intents left by crashed requests, takes over closes whose closer died, then recounts the counter.
import { logger } from '../lib/logger';
import { checkinStore } from './checkinStore';
import { CLOSE_LEASE_MS, closeCheckin, expireOverdue, markHistoryClosed } from './closeCheckin';
import type { Intent, SpaceRecord } from './keys';
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

export async function reconcileSpace(spaceId: string, now: number): Promise<ReconcileReport> {
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
export async function recount(spaceId: string): Promise<boolean> {
  const space = await spaceStore.get(spaceId, true);
  if (!space || Object.keys(space.intents).length > 0) return false;
  const counted = (await checkinStore.listAllOpen(spaceId)).length;
  if (counted === space.occupancy) return false;
  const applied = await spaceStore.applyRecount(space, counted);
  if (applied) logger.warn('space occupancy recounted', { spaceId, counter: space.occupancy, counted });
  return applied;
}

/** Every space, page by page (the scheduled job; never on a request path). */
export async function reconcileAllSpaces(now: number): Promise<ReconcileReport[]> {
  const reports: ReconcileReport[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await spaceStore.list(100, start);
    for (const space of page.items) reports.push(await reconcileSpace(space.id, now));
    start = page.lastKey;
  } while (start);
  return reports;
}
