// Check-in and check-out: the rules (door code, opening hours, one visit per user, a full space). The writes that
// keep `occupancy` exact, in their order, and their repair are in occupancySteps.ts; step 1 of a check-in (take a
// place, refused when full) is sent from here because what to do when it is refused is a rule of this service.
import type { Checkin, Space } from '../../shared/api/spaces';
import type { Page } from '../lib/dynamo';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import type { CurrentUser } from '../lib/principal';
import { verifyToken } from '../lib/signedTokens';
import { checkinStore } from './checkinStore';
import { spacesClock } from './clock';
import { autoCheckoutAt, isOpenAt } from './hours';
import {
  DOOR_TOKEN_PURPOSE,
  type DoorToken,
  type HistoryRecord,
  type Intent,
  type OpenCheckinRecord,
  type SpaceRecord,
  outIntentKey,
} from './model';
import {
  CLOSE_LEASE_MS,
  closeCheckin,
  completeCheckin,
  expireOverdue,
  repairInIntent,
  repairOutIntent,
} from './occupancySteps';
import { spaceService } from './spaceService';
import { spaceStore } from './spaceStore';
import { toCheckin, toOpenCheckin } from './views';

const MAX_ATTEMPTS = 6;

const invalidQr = () => new ForbiddenError('二维码无效或已更换，请扫描空间门口的最新二维码', 'INVALID_QR');
const spaceFull = () => new ConflictError('SPACE_FULL', '空间已满，请稍后再来');
const spaceClosed = () => new ConflictError('SPACE_CLOSED', '空间当前不在开放时间内');

export interface CheckinOutcome {
  checkin: Checkin;
  space: Space;
  /** False when the user was already in: the same check-in is returned. */
  created: boolean;
}

async function alreadyIn(open: OpenCheckinRecord, now: number): Promise<CheckinOutcome> {
  // A check-in past its automatic check-out, or one a live closer (the job, the user's check-out) is closing, is not
  // the visit to answer with: 503, and the retry checks in anew once it is closed (a dead closer's claim is taken over).
  const closing = open.closingAt !== undefined && open.closingAt >= now - CLOSE_LEASE_MS;
  if (closing || open.autoOutAt <= new Date(now).toISOString())
    throw new UnavailableError(new Error('check-in: the earlier visit is being closed'));
  return {
    checkin: toOpenCheckin(open),
    space: await spaceService.current(open.spaceId, now),
    created: false,
  };
}

export const checkinService = {
  async checkIn(user: CurrentUser, spaceId: string, token: string): Promise<CheckinOutcome> {
    const now = spacesClock.now();
    const nowIso = new Date(now).toISOString();
    const door = verifyToken<DoorToken>(DOOR_TOKEN_PURPOSE, token);
    if (!door || door.s !== spaceId) throw invalidQr();
    let space = await spaceService.require(spaceId);
    if (door.r !== space.qrRevision) throw invalidQr();
    if (!isOpenAt(space, now)) throw spaceClosed();

    const existing = await checkinStore.getOpen(spaceId, user.id);
    if (existing && existing.autoOutAt > nowIso) return alreadyIn(existing, now);
    if (existing) {
      await closeCheckin(existing, {
        reason: 'auto',
        checkedOutAt: existing.autoOutAt,
        spaceName: space.name,
        now,
      });
    }

    const open: OpenCheckinRecord = {
      checkinId: newId(now),
      spaceId,
      userId: user.id,
      identity: user.identity,
      checkedInAt: nowIso,
      autoOutAt: autoCheckoutAt(space, now),
    };
    const intent: Intent = {
      op: 'in',
      checkinId: open.checkinId,
      userId: user.id,
      at: now,
      checkedInAt: open.checkedInAt,
      autoOutAt: open.autoOutAt,
      identity: user.identity,
    };

    let occupancy: number | null = null;
    let expiredOnce = false;
    let settledOwn = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && occupancy === null; attempt++) {
      const outcome = await spaceStore.takePlace(space, intent);
      if (outcome.kind === 'taken') {
        occupancy = outcome.occupancy;
        break;
      }
      space = await spaceService.require(spaceId);
      if (door.r !== space.qrRevision) throw invalidQr();
      if (space.occupancy < space.capacity) continue; // the capacity changed under us: try with the new one
      // Full: places held by check-ins past their automatic check-out are freed first (same code as the job).
      if (!expiredOnce) {
        expiredOnce = true;
        if ((await expireOverdue(spaceId, space.name, now)) > 0) {
          space = await spaceService.require(spaceId);
          continue;
        }
      }
      const mine = await checkinStore.getOpen(spaceId, user.id);
      if (mine) return alreadyIn(mine, now);
      // A place this user's own earlier scan took (a request that failed after taking it, not yet finished or undone)
      // is not a full space for them. Past the lease that request is over: settle it here, as the job would (it
      // never opened a check-in, or `mine` would have found it, so the place goes back), and try again. Until then,
      // 503: the mini-program tries again.
      const own = Object.values(space.intents).find((i) => i.op === 'in' && i.userId === user.id);
      if (own && (settledOwn || own.at >= now - CLOSE_LEASE_MS)) throw new UnavailableError();
      if (own) {
        settledOwn = true;
        await repairInIntent(space, own);
        const opened = await checkinStore.getOpen(spaceId, user.id);
        if (opened) return alreadyIn(opened, now);
        space = await spaceService.require(spaceId);
        attempt--; // the settling pass is not an attempt: the place it gave back is tried for (once: settledOwn)
        continue;
      }
      throw spaceFull();
    }
    if (occupancy === null) throw new UnavailableError();
    failpoint('spaces.checkin.afterPlaceTaken');

    if (!(await completeCheckin(space, open, occupancy))) {
      // This user is already in (a concurrent scan won): the place went back; answer with that check-in.
      const mine = await checkinStore.getOpen(spaceId, user.id);
      if (!mine) throw new UnavailableError();
      return alreadyIn(mine, now);
    }

    // Its figures (the space's day, the dashboard) are counted from the table's stream: visitFigures.ts.
    // The counter as this check-in left it (no second read): what the visitor's gauge shows next.
    return {
      checkin: toOpenCheckin(open),
      space: await spaceService.view({ ...space, occupancy }, now),
      created: true,
    };
  },

  async checkOut(user: CurrentUser, spaceId: string): Promise<{ checkin: Checkin; space: Space }> {
    const now = spacesClock.now();
    const space = await spaceService.require(spaceId);
    const open = await checkinStore.getOpen(spaceId, user.id);
    if (!open) return settledCheckOut(user.id, space, now);
    // Past its automatic check-out the visit already ended then; closing it now records that time.
    const overdue = open.autoOutAt <= new Date(now).toISOString();
    const closed = await closeCheckin(open, {
      reason: overdue ? 'auto' : 'user',
      checkedOutAt: overdue ? open.autoOutAt : new Date(now).toISOString(),
      spaceName: space.name,
      now,
    });
    const history = closed ?? (await waitForClose(open.checkinId));
    return { checkin: toCheckin(history), space: await spaceService.current(spaceId, now) };
  },

  /** The user's visits, newest first. */
  async listMine(userId: string, limit: number, cursor?: string): Promise<Page<Checkin>> {
    const page = await checkinStore.listByOwner(userId, limit, cursor);
    return { items: page.items.map(toCheckin), nextCursor: page.nextCursor };
  },
};

/**
 * A check-out with no open check-in: when the user's latest visit here is over, this is a repeat whose first reply
 * was lost (key or not) — answer that visit, as the first try did, with nothing applied again; a close whose open
 * check-in is already deleted is finished first (its steps 4–5, each once). Never here: 404.
 */
async function settledCheckOut(
  userId: string,
  space: SpaceRecord,
  now: number,
): Promise<{ checkin: Checkin; space: Space }> {
  let visit = await checkinStore.latestVisit(userId, space.id);
  const closing = visit?.status === 'in' ? space.intents[outIntentKey(visit.id)] : undefined;
  if (visit && closing) {
    await repairOutIntent(space, closing, now);
    visit = await checkinStore.getHistory(visit.id);
  }
  if (visit?.status !== 'out') throw new NotFoundError('您当前未在该空间签到');
  return { checkin: toCheckin(visit), space: await spaceService.current(space.id, now) };
}

/** Another closer (a second tap, or the automatic check-out) holds the claim: wait briefly for it to finish. */
async function waitForClose(checkinId: string): Promise<HistoryRecord> {
  for (let i = 0; i < 20; i++) {
    const history = await checkinStore.getHistory(checkinId);
    if (history && history.status === 'out') return history;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new UnavailableError();
}
