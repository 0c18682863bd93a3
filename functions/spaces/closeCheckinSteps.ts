// Closing a check-in (the user's check-out, the automatic check-out at closing time, and the sweeper's takeover
// of a close whose process died). The order keeps the counter explainable at every step:
//   1. claim the open check-in (one closer wins; the place is still counted and still open)
//   2. record the out intent on the space item (counter unchanged)
//   3. delete the open check-in          — from here the counter shows one place more than is taken (safe side)
//   4. close the history item
//   5. give the place back and drop the intent, exactly once (the intent is the ticket)
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { checkinStore } from './checkinStore';
import type { HistoryRecord, OpenCheckinRecord } from './model';
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
 * Closes `open` if this call wins the claim (or takes over a stale one). Returns the closed history, or null when
 * another closer holds the claim or has already closed it.
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
 * job and by a check-in that meets a full space. Returns how many this call closed.
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
