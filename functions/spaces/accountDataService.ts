// One user's visits, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing: every open check-in of the user is ended through the one close path (occupancySteps.closeCheckin), so the
// space's occupancy drops exactly as on a check-out; the visits' history stays for the statistics (it names only the
// user id of a closed account). A crash mid-way leaves check-ins open: a retry finds and closes them; one closed by
// someone else meanwhile (the automatic check-out) is skipped by the close's own claim.
import type { Checkin } from '../../shared/api/spaces';
import { checkinStore } from './checkinStore';
import { spacesClock } from './clock';
import type { HistoryRecord } from './model';
import { closeCheckin } from './occupancySteps';
import { toCheckin } from './views';

async function allVisits(userId: string): Promise<HistoryRecord[]> {
  const all: HistoryRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await checkinStore.listByOwner(userId, 100, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Closing: ends the user's open check-ins. Returns how many this call ended. */
async function closeFor(userId: string): Promise<number> {
  const now = spacesClock.now();
  const nowIso = new Date(now).toISOString();
  let ended = 0;
  for (const visit of await allVisits(userId)) {
    if (visit.status !== 'in') continue;
    const open = await checkinStore.getOpen(visit.spaceId, userId);
    if (!open) continue;
    const overdue = open.autoOutAt <= nowIso;
    const closed = await closeCheckin(open, {
      reason: overdue ? 'auto' : 'user',
      checkedOutAt: overdue ? open.autoOutAt : nowIso,
      spaceName: visit.spaceName,
      now,
    });
    if (closed) ended++;
  }
  return ended;
}

/** The export: every visit of the user. */
async function exportFor(userId: string): Promise<Checkin[]> {
  return (await allVisits(userId)).map(toCheckin);
}

export const spacesAccountDataService = { closeFor, exportFor };
