// Occupancy of a space: `occupancy` = open check-ins + places held by in-flight intents, never above `capacity`.
// This file owns that invariant: the writes of a check-in and of a close in their order, and the repair of what a
// crash leaves between them. Step 1 of a check-in is `spaceStore.takePlace`, called by checkinService.checkIn where
// the rules for a full space live; everything after it is here.
//
// Check-in X of user u (intent in_X on the space item):
//   1. space: occupancy + 1, intent in_X          IF occupancy < capacity (and capacity, door code as read)
//   2. open check-in OPEN#u                       IF u has none here (else: undo step 1 at once, answer with theirs)
//   3. history SPACECHECKIN#X, status in          IF it does not exist (with the counter as step 1 left it)
//   4. space: remove in_X                         IF in_X exists
//   after 1 (failpoint spaces.checkin.afterPlaceTaken): a place counted, no check-in (safe side: a free place
//     shows taken). Repair: give the place back, only while in_X exists and no close of X is in flight.
//   after 2 (afterOpened) or 3 (afterHistory): the check-in is real, the counter right. Repair: write the history
//     if missing, remove in_X — never give its place back.
//   after 4 (afterIntentCleared): done.
//   The visit's figures (the space's day, the dashboard) are counted from the stream when its history item is first
//   written, by step 3 or by a repair (visitFigures.ts): a visit the repair completes is counted too.
//
// Close of X (the user's check-out, the automatic check-out, the job's takeover of a dead close; intent out_X):
//   1. OPEN#u: claim it (closingBy)               IF X is still its check-in and unclaimed (or the claim is stale)
//   2. space: record out_X (counter unchanged)    IF out_X does not exist
//   3. delete OPEN#u                              IF this closer still holds the claim
//   4. history: status out                        IF it is still in (written out if a crashed check-in never wrote it)
//   5. space: occupancy − 1, remove out_X and any in_X   IF out_X exists: exactly once
//   after 1 (spaces.close.afterClaim) or 2 (afterOutIntent): a claimed open check-in. Repair: after the lease, take
//     the claim over and close again from step 1.
//   after 3 (afterOpenDeleted) or 4 (afterHistoryClosed): out_X and no open check-in (safe side). Repair: close the
//     history if needed (write it closed from in_X if a crashed check-in never wrote it), then step 5.
//
// Who repairs: `repairInIntent` / `repairOutIntent` / `takeOverDeadClose`, run by the scheduled job
// (reconcileService.ts, every 5 minutes, reserved concurrency 1) for intents and claims older than the lease, and by
// the user's own retry (a check-in finding its own stale in_X, a check-out its own dead close). The retry may run at
// the same time as the job, and two jobs could; every step is conditioned on the intent or claim it finishes, so each
// change applies once. The job's recount afterwards finds nothing to fix.
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { checkinStore } from './checkinStore';
import type { HistoryRecord, Intent, OpenCheckinRecord, SpaceRecord } from './model';
import { spaceStore } from './spaceStore';

/** A claim or intent older than this belongs to a process that died (Lambda's timeout is 10 s). */
export const CLOSE_LEASE_MS = 60_000;

export interface CloseRequest {
  reason: 'user' | 'auto';
  /** When the visit ended: now for the user, the automatic check-out time for `auto`. */
  checkedOutAt: string;
  spaceName: string;
  now: number;
}

const isOpen = async (open: OpenCheckinRecord) =>
  (await checkinStore.getOpen(open.spaceId, open.userId))?.checkinId === open.checkinId;

/**
 * Check-in steps 2–4, after step 1 took the place. False when the user already had an open check-in here (a
 * concurrent scan won): the place is given back and nothing else is written.
 */
export async function completeCheckin(
  space: SpaceRecord,
  open: OpenCheckinRecord,
  occupancy: number,
): Promise<boolean> {
  // Refused: another check-in of this user is open here — unless it is this one, written by the store although its
  // reply was lost (the store client sent it again, and the copy was refused): then it holds the place taken for it.
  if (!(await checkinStore.putOpen(open)) && !(await isOpen(open))) {
    await spaceStore.undoPlace(space.id, open.checkinId);
    return false;
  }
  failpoint('spaces.checkin.afterOpened');

  await checkinStore.putHistory({
    id: open.checkinId,
    spaceId: space.id,
    spaceName: space.name,
    userId: open.userId,
    identity: open.identity,
    status: 'in',
    checkedInAt: open.checkedInAt,
    autoOutAt: open.autoOutAt,
    occupancy,
  });
  failpoint('spaces.checkin.afterHistory');

  await spaceStore.clearInIntent(space.id, open.checkinId);
  failpoint('spaces.checkin.afterIntentCleared');
  return true;
}

/** Marks the history item closed; writes it closed if a crashed check-in never wrote it. */
export async function markHistoryClosed(
  open: OpenCheckinRecord,
  request: CloseRequest,
): Promise<HistoryRecord> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const closed = await checkinStore.closeHistory(open.checkinId, request.checkedOutAt, request.reason);
    if (closed) return closed;
    const existing = await checkinStore.getHistory(open.checkinId);
    if (existing && existing.status === 'out') return existing;
    if (existing) continue;
    const written: HistoryRecord = {
      id: open.checkinId,
      spaceId: open.spaceId,
      spaceName: request.spaceName,
      userId: open.userId,
      identity: open.identity,
      status: 'out',
      checkedInAt: open.checkedInAt,
      autoOutAt: open.autoOutAt,
      checkedOutAt: request.checkedOutAt,
      closedBy: request.reason,
    };
    if (await checkinStore.putHistory(written)) return written;
  }
  throw new Error(`history of check-in ${open.checkinId} could not be closed`);
}

/**
 * Close steps 1–5 for `open` if this call wins the claim (or takes over a stale one). Returns the closed history, or
 * null when another closer holds the claim or has already closed it.
 */
export async function closeCheckin(
  open: OpenCheckinRecord,
  request: CloseRequest,
): Promise<HistoryRecord | null> {
  const closerId = newId(request.now);
  const claimed = await checkinStore.claimClose(open, {
    closerId,
    now: request.now,
    staleBefore: request.now - CLOSE_LEASE_MS,
    reason: request.reason,
    checkedOutAt: request.checkedOutAt,
  });
  if (!claimed) return null;
  failpoint('spaces.close.afterClaim');

  await spaceStore.recordOutIntent(open.spaceId, {
    op: 'out',
    checkinId: open.checkinId,
    userId: open.userId,
    at: request.now,
    closedBy: request.reason,
    checkedOutAt: request.checkedOutAt,
  });
  failpoint('spaces.close.afterOutIntent');

  // Refused only if a sweeper took the claim over because this process looked dead: it finishes the close.
  if (!(await checkinStore.deleteOpen(open, closerId))) return null;
  failpoint('spaces.close.afterOpenDeleted');

  const history = await markHistoryClosed(open, request);
  failpoint('spaces.close.afterHistoryClosed');

  await spaceStore.freePlace(open.spaceId, open.checkinId);
  return history;
}

/**
 * Closes the space's open check-ins whose automatic check-out time has passed, as of `now`. Used by the scheduled
 * job and by a check-in that meets a full space. Returns how many this call closed. The candidates come from an
 * index (possibly a little behind); each close is decided by its claim on the open check-in itself.
 */
export async function expireOverdue(spaceId: string, spaceName: string, now: number): Promise<number> {
  let closed = 0;
  const nowIso = new Date(now).toISOString();
  for (;;) {
    const overdue = await checkinStore.listOverdue(spaceId, nowIso);
    let progressed = 0;
    for (const open of overdue) {
      const history = await closeCheckin(open, {
        reason: 'auto',
        checkedOutAt: open.autoOutAt,
        spaceName,
        now,
      });
      if (history) progressed++;
    }
    closed += progressed;
    // A full page with progress may hide more; without progress the rest are being closed by someone else.
    if (overdue.length < 100 || progressed === 0) return closed;
  }
}

/**
 * Repair of a stale 'in' intent: its check-in was opened → write the history if missing and clear the intent (the
 * place stays taken); never opened → give the place back. Null when another finisher got there first.
 */
export async function repairInIntent(
  space: SpaceRecord,
  intent: Intent,
): Promise<'finished' | 'undone' | null> {
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
    return (await spaceStore.clearInIntent(space.id, intent.checkinId)) ? 'finished' : null;
  }
  return (await spaceStore.undoPlace(space.id, intent.checkinId)) ? 'undone' : null;
}

/**
 * Repair of a stale 'out' intent: if the open check-in is still there, close it again (taking the claim over);
 * otherwise close the history if needed and give the place back (step 5). Null when another finisher got there first.
 */
export async function repairOutIntent(
  space: SpaceRecord,
  intent: Intent,
  now: number,
): Promise<'finished' | 'takenOver' | null> {
  const request: CloseRequest = {
    reason: intent.closedBy ?? 'auto',
    checkedOutAt: intent.checkedOutAt ?? new Date(intent.at).toISOString(),
    spaceName: space.name,
    now,
  };
  const open = await checkinStore.getOpen(space.id, intent.userId);
  if (open && open.checkinId === intent.checkinId)
    return (await closeCheckin(open, request)) ? 'takenOver' : null;
  const history = await checkinStore.getHistory(intent.checkinId);
  // Closed already: nothing to write. Still in: close it. Never written: write it closed from the check-in's intent.
  let visit: OpenCheckinRecord | null = null;
  if (!history) visit = crashedCheckinVisit(space, intent);
  else if (history.status === 'in') visit = visitOf(history);
  if (visit) await markHistoryClosed(visit, request);
  return (await spaceStore.freePlace(space.id, intent.checkinId)) ? 'finished' : null;
}

/** The visit of a history record still `in`, as its open check-in had it. */
function visitOf(history: HistoryRecord): OpenCheckinRecord {
  return {
    checkinId: history.id,
    spaceId: history.spaceId,
    userId: history.userId,
    identity: history.identity,
    checkedInAt: history.checkedInAt,
    autoOutAt: history.autoOutAt,
  };
}

/**
 * No history at all: the check-in crashed before writing it (after step 2) and its close crashed after deleting the
 * open check-in (after step 3). The check-in's own intent is still on the space (its place is given back together
 * with the close's) and carries the visit, so the history is written closed from it; without it the visit would
 * vanish from the user's list although its place was counted.
 */
function crashedCheckinVisit(space: SpaceRecord, out: Intent): OpenCheckinRecord | null {
  const checkin = Object.values(space.intents).find(
    (i) => i.op === 'in' && i.checkinId === out.checkinId && i.userId === out.userId,
  );
  if (!checkin?.checkedInAt || !checkin.autoOutAt) return null;
  return {
    checkinId: checkin.checkinId,
    spaceId: space.id,
    userId: checkin.userId,
    identity: checkin.identity ?? null,
    checkedInAt: checkin.checkedInAt,
    autoOutAt: checkin.autoOutAt,
  };
}

/** A close that died right after claiming (no intent yet): the user asked to leave, so finish it. */
export async function takeOverDeadClose(
  space: SpaceRecord,
  open: OpenCheckinRecord,
  now: number,
): Promise<boolean> {
  if (!open.closingBy || open.closingAt === undefined || open.closingAt >= now - CLOSE_LEASE_MS) return false;
  const request: CloseRequest = {
    reason: open.closingReason ?? 'auto',
    checkedOutAt: open.closingOutAt ?? new Date(now).toISOString(),
    spaceName: space.name,
    now,
  };
  return (await closeCheckin(open, request)) !== null;
}
