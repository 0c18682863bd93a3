// The repairs and the recount of the occupancy invariant, each checked where a wrong change would show: the figures
// the job reports, the recount meeting more open check-ins than places or an intent in flight, the lease of a close
// and of an intent, a check-in whose history was never written, a second open check-in of the same user, a stale
// check-out beside the user's newer visit, and the automatic check-out of more than one page of overdue visits. Each
// test is named after the defect it would catch (docs/QUALITY.md, mutation testing). Items are seeded straight into
// the store where a scenario needs many; one embedded store, every read current.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint } from '../../functions/lib/faults';
import { logger } from '../../functions/lib/logger';
import { checkinStore } from '../../functions/spaces/checkinStore';
import type { HistoryRecord, OpenCheckinRecord } from '../../functions/spaces/model';
import { CLOSE_LEASE_MS, expireOverdue, markHistoryClosed } from '../../functions/spaces/occupancySteps';
import { reconcileService } from '../../functions/spaces/reconcileService';
import { spaceStore } from '../../functions/spaces/spaceStore';
import {
  AFTER_LEASE,
  CRASH_TIME,
  at,
  audit,
  checkIn,
  checkOut,
  expectExact,
  expectRecountFindsNothing,
  historyOf,
  openCheckinOf,
  repairSpace,
  setClock,
  spacesSuite,
  spaceWithDoor,
  visits as visitsOf,
} from './spaces.support';

jest.setTimeout(60_000);

const suite = spacesSuite();
const T = CRASH_TIME;
const iso = (ms: number) => new Date(ms).toISOString();
const NOTHING = { expired: 0, intentsFinished: 0, intentsUndone: 0, closesTakenOver: 0 };
afterEach(() => jest.restoreAllMocks());

/** Writes the counter directly (a drift the steps would never make). */
async function setCounter(spaceId: string, occupancy: number): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `SPACE#${spaceId}`, sk: 'META' },
      UpdateExpression: 'SET occupancy = :n',
      ExpressionAttributeValues: { ':n': occupancy },
    }),
  );
}

/** Open check-ins written straight into the store (no place taken, no history): `count` of them, ids `<prefix><i>`. */
async function seedOpen(
  spaceId: string,
  prefix: string,
  count: number,
  autoOutAt: string,
): Promise<OpenCheckinRecord[]> {
  const opens = Array.from({ length: count }, (_, i): OpenCheckinRecord => ({
    checkinId: `${prefix}${String(i).padStart(3, '0')}`,
    spaceId,
    userId: `${prefix}user${i}`,
    identity: null,
    checkedInAt: iso(at('00:30')),
    autoOutAt,
  }));
  await Promise.all(opens.map((o) => checkinStore.putOpen(o)));
  return opens;
}

const FAR = '2099-01-01T00:00:00.000Z';

async function crashedCheckIn(point: string, capacity = 2) {
  const { space, door } = await spaceWithDoor(suite, capacity);
  const user = await suite.newUser();
  setClock(T);
  armFailpoint(point);
  await expect(checkIn(suite.app, user.token, space.id, door)).rejects.toThrow('injected crash');
  return { space, door, user };
}

async function crashedCheckOut(point: string, capacity = 2) {
  const { space, door } = await spaceWithDoor(suite, capacity);
  const user = await suite.newUser();
  setClock(T);
  const checkinId = (await checkIn(suite.app, user.token, space.id, door)).body.checkin.id as string;
  armFailpoint(point);
  await expect(checkOut(suite.app, user.token, space.id)).rejects.toThrow('injected crash');
  return { space, door, user, checkinId };
}

describe('the recount', () => {
  it('meeting more open check-ins than places logs an error for staff (and counts them, so nobody else gets in)', async () => {
    const { space, door } = await spaceWithDoor(suite, 2);
    await seedOpen(space.id, 'over', 3, FAR);
    const error = jest.spyOn(logger, 'error');
    const warn = jest.spyOn(logger, 'warn');
    expect(await reconcileService.recount(space.id)).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('space occupancy recount above capacity', {
      spaceId: space.id,
      counter: 0,
      counted: 3,
    });
    expect(warn).toHaveBeenCalledWith('space occupancy recounted', {
      spaceId: space.id,
      counter: 0,
      counted: 3,
    });
    expect(await audit(space.id)).toMatchObject({ counter: 3, open: 3, intents: 0 });
    const newcomer = await suite.newUser();
    expect((await checkIn(suite.app, newcomer.token, space.id, door)).body.error.code).toBe('SPACE_FULL');
  });

  it('reaching exactly the capacity is no error', async () => {
    const { space } = await spaceWithDoor(suite, 2);
    await seedOpen(space.id, 'full', 2, FAR);
    const error = jest.spyOn(logger, 'error');
    expect(await reconcileService.recount(space.id)).toBe(true);
    expect(error).not.toHaveBeenCalled();
    expect(await audit(space.id)).toMatchObject({ counter: 2, open: 2 });
  });

  it('leaves a space alone while an intent is in flight: no count, no error, counter untouched', async () => {
    const { space } = await crashedCheckIn('spaces.checkin.afterPlaceTaken', 1);
    // Two more open check-ins than places would be an error — but the intent says a request may still be running.
    await seedOpen(space.id, 'busy', 2, FAR);
    const error = jest.spyOn(logger, 'error');
    expect(await reconcileService.recount(space.id)).toBe(false);
    setClock(T + 1000);
    expect(await reconcileService.reconcileSpace(space.id, T + 1000)).toEqual({
      ...NOTHING,
      recounted: false,
    });
    expect(error).not.toHaveBeenCalled();
    expect(await audit(space.id)).toMatchObject({ counter: 1, open: 2, intents: 1 });
  });

  it('of an unknown space reports nothing and changes nothing', async () => {
    expect(await reconcileService.reconcileSpace('no-such-space', AFTER_LEASE)).toEqual({
      ...NOTHING,
      recounted: false,
    });
  });
});

describe('what the job reports', () => {
  it('counts each repair once, by kind, and the recount only where it changed a counter; then all zeros', async () => {
    setClock(AFTER_LEASE);
    await reconcileService.reconcileAllSpaces(AFTER_LEASE); // whatever earlier tests left
    const undone = await crashedCheckIn('spaces.checkin.afterPlaceTaken');
    const finished = await crashedCheckIn('spaces.checkin.afterOpened');
    const deadClaim = await crashedCheckOut('spaces.close.afterClaim');
    const deadOutIntent = await crashedCheckOut('spaces.close.afterOutIntent');
    const deadAfterDelete = await crashedCheckOut('spaces.close.afterOpenDeleted');
    // An overdue visit: checked in the evening before, 12 hours are over at 09:00.
    const overdue = await spaceWithDoor(suite, 2);
    const late = await suite.newUser();
    setClock(at('21:00', '2026-11-30'));
    expect((await checkIn(suite.app, late.token, overdue.space.id, overdue.door)).status).toBe(201);
    // A drifted counter.
    const drifted = await spaceWithDoor(suite, 5);
    const drifter = await suite.newUser();
    setClock(T);
    expect((await checkIn(suite.app, drifter.token, drifted.space.id, drifted.door)).status).toBe(201);
    await setCounter(drifted.space.id, 3);

    const spaces = (await spaceStore.listAll()).length;
    const info = jest.spyOn(logger, 'info');
    setClock(AFTER_LEASE);
    const summary = await reconcileService.reconcileAllSpaces(AFTER_LEASE);
    expect(summary).toEqual({
      spaces,
      expired: 1,
      intentsFinished: 2,
      intentsUndone: 1,
      closesTakenOver: 2,
      recounted: 1,
      daysSealed: 0,
    });
    expect(info).toHaveBeenCalledWith('spaces maintenance', summary);
    for (const s of [undone, finished, deadClaim, deadOutIntent, deadAfterDelete, overdue, drifted])
      await expectExact(s.space.id);
    expect((await audit(drifted.space.id)).counter).toBe(1);

    // Nothing left to do: every figure zero, the recount included.
    expect(await reconcileService.reconcileAllSpaces(AFTER_LEASE)).toEqual({
      spaces,
      ...NOTHING,
      recounted: 0,
      daysSealed: 0,
    });
  });

  it('reports a finished check-in, an undone one and a taken-over close exactly, per space', async () => {
    const finished = await crashedCheckIn('spaces.checkin.afterHistory');
    expect(await repairSpace(finished.space.id, AFTER_LEASE)).toEqual({ ...NOTHING, intentsFinished: 1 });
    const undone = await crashedCheckIn('spaces.checkin.afterPlaceTaken');
    expect(await repairSpace(undone.space.id, AFTER_LEASE)).toEqual({ ...NOTHING, intentsUndone: 1 });
    const closed = await crashedCheckOut('spaces.close.afterOutIntent');
    expect(await repairSpace(closed.space.id, AFTER_LEASE)).toEqual({ ...NOTHING, closesTakenOver: 1 });
    const freed = await crashedCheckOut('spaces.close.afterHistoryClosed');
    expect(await repairSpace(freed.space.id, AFTER_LEASE)).toEqual({ ...NOTHING, intentsFinished: 1 });
    for (const s of [finished, undone, closed, freed]) {
      await expectExact(s.space.id);
      await expectRecountFindsNothing(s.space.id);
    }
  });
});

describe('leases', () => {
  it('a close still within its lease is not contested (no claim tried); right after the lease it is taken over', async () => {
    const { space, user, checkinId } = await crashedCheckOut('spaces.close.afterClaim');
    const claim = jest.spyOn(checkinStore, 'claimClose');
    // Exactly at the end of the lease the closer may still be running.
    expect(await repairSpace(space.id, T + CLOSE_LEASE_MS)).toEqual(NOTHING);
    expect(claim).not.toHaveBeenCalled();
    expect(await openCheckinOf(space.id, user.userId)).toBe(checkinId);
    expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1, intents: 0 });

    expect(await repairSpace(space.id, T + CLOSE_LEASE_MS + 1)).toEqual({ ...NOTHING, closesTakenOver: 1 });
    expect(claim).toHaveBeenCalledTimes(1);
    expect(await expectExact(space.id)).toMatchObject({ counter: 0, open: 0 });
    expect(await historyOf(checkinId)).toMatchObject({
      status: 'out',
      closedBy: 'user',
      checkedOutAt: iso(T),
    });
    await expectRecountFindsNothing(space.id);
  });

  it('an intent exactly at the end of its lease is left to its request; a moment later it is undone', async () => {
    const { space } = await crashedCheckIn('spaces.checkin.afterPlaceTaken');
    expect(await repairSpace(space.id, T + CLOSE_LEASE_MS)).toEqual(NOTHING);
    expect(await audit(space.id)).toMatchObject({ counter: 1, open: 0, intents: 1 });
    expect(await repairSpace(space.id, T + CLOSE_LEASE_MS + 1)).toEqual({ ...NOTHING, intentsUndone: 1 });
    expect(await expectExact(space.id)).toMatchObject({ counter: 0 });
  });
});

describe('the history of a check-in that crashed before writing it', () => {
  async function openedWithoutHistory() {
    const crashed = await crashedCheckIn('spaces.checkin.afterOpened');
    const open = (await checkinStore.getOpen(crashed.space.id, crashed.user.userId))!;
    expect(await historyOf(open.checkinId)).toBeNull();
    return { ...crashed, open };
  }
  const inRecord = (open: OpenCheckinRecord, spaceName: string): HistoryRecord => ({
    id: open.checkinId,
    spaceId: open.spaceId,
    spaceName,
    userId: open.userId,
    identity: open.identity,
    status: 'in',
    checkedInAt: open.checkedInAt,
    autoOutAt: open.autoOutAt,
  });

  it('is written closed by the check-out, with every field of the visit', async () => {
    const { space, user, open } = await openedWithoutHistory();
    setClock(T + 5000);
    const out = await checkOut(suite.app, user.token, space.id);
    expect(out.status).toBe(200);
    expect(out.body.checkin).toMatchObject({ id: open.checkinId, status: 'out', closedBy: 'user' });
    expect(await historyOf(open.checkinId)).toEqual({
      ...inRecord(open, space.name),
      status: 'out',
      checkedOutAt: iso(T + 5000),
      closedBy: 'user',
    });
    // The close also dropped the crashed check-in's intent: nothing for the repair to give back.
    expect(await expectExact(space.id)).toMatchObject({ counter: 0, open: 0 });
    expect(await repairSpace(space.id, AFTER_LEASE)).toEqual(NOTHING);
    await expectRecountFindsNothing(space.id);
  });

  it('written "in" by the repair just before the close looked: the close retries and closes it', async () => {
    const { space, user, open } = await openedWithoutHistory();
    const realClose = checkinStore.closeHistory.bind(checkinStore);
    const close = jest.spyOn(checkinStore, 'closeHistory').mockImplementationOnce(async () => {
      await checkinStore.putHistory(inRecord(open, space.name)); // the repair got there in between
      return null;
    });
    close.mockImplementation(realClose);
    setClock(T + 5000);
    expect((await checkOut(suite.app, user.token, space.id)).status).toBe(200);
    expect(close).toHaveBeenCalledTimes(2);
    expect(await historyOf(open.checkinId)).toMatchObject({
      status: 'out',
      closedBy: 'user',
      checkedOutAt: iso(T + 5000),
    });
    expect(await expectExact(space.id)).toMatchObject({ counter: 0, open: 0 });
  });

  it('written "in" by the repair while the close was writing it: the refused write is retried as a close', async () => {
    const { space, user, open } = await openedWithoutHistory();
    const realPut = checkinStore.putHistory.bind(checkinStore);
    jest.spyOn(checkinStore, 'putHistory').mockImplementationOnce(async (written) => {
      await realPut(inRecord(open, space.name)); // the repair's write lands first
      return realPut(written);
    });
    setClock(T + 5000);
    expect((await checkOut(suite.app, user.token, space.id)).status).toBe(200);
    expect(await historyOf(open.checkinId)).toMatchObject({
      status: 'out',
      closedBy: 'user',
      checkedOutAt: iso(T + 5000),
    });
    expect(await expectExact(space.id)).toMatchObject({ counter: 0, open: 0 });
  });

  it('already closed is returned as it was: no second close, no error', async () => {
    const { space, user, open } = await openedWithoutHistory();
    setClock(T + 5000);
    expect((await checkOut(suite.app, user.token, space.id)).status).toBe(200);
    const closed = await historyOf(open.checkinId);
    const again = await markHistoryClosed(open, {
      reason: 'auto',
      checkedOutAt: iso(T + 9000),
      spaceName: space.name,
      now: T + 9000,
    });
    expect(again).toEqual(closed);
    expect(await historyOf(open.checkinId)).toEqual(closed);
  });

  it('and whose check-out crashed after deleting the open check-in is written closed by the repair, every field kept', async () => {
    const { space, user, open } = await openedWithoutHistory();
    setClock(T + 5000);
    armFailpoint('spaces.close.afterOpenDeleted');
    await expect(checkOut(suite.app, user.token, space.id)).rejects.toThrow('injected crash');
    expect(await historyOf(open.checkinId)).toBeNull();
    expect(await repairSpace(space.id, AFTER_LEASE)).toEqual({ ...NOTHING, intentsFinished: 1 });
    // Checked before any recount: the visit is in the user's list, closed as the check-out asked, and its place
    // (counted once, by the check-in) given back once.
    expect(await historyOf(open.checkinId)).toEqual({
      ...inRecord(open, space.name),
      status: 'out',
      checkedOutAt: iso(T + 5000),
      closedBy: 'user',
    });
    expect(await expectExact(space.id)).toMatchObject({ counter: 0, open: 0 });
    expect(await visitsOf(suite.app, user.token)).toEqual([
      expect.objectContaining({ id: open.checkinId, status: 'out' }),
    ]);
    await expectRecountFindsNothing(space.id);
  });

  it('that can never be closed fails after three rounds instead of looping', async () => {
    const { space, open } = await openedWithoutHistory();
    const close = jest.spyOn(checkinStore, 'closeHistory').mockResolvedValue(null);
    jest.spyOn(checkinStore, 'getHistory').mockResolvedValue(inRecord(open, space.name));
    await expect(
      markHistoryClosed(open, { reason: 'user', checkedOutAt: iso(T), spaceName: space.name, now: T }),
    ).rejects.toThrow(`history of check-in ${open.checkinId} could not be closed`);
    expect(close).toHaveBeenCalledTimes(3);
  });
});

it("the repair writes a crashed check-in's history as the check-in would have: every field, identity kept", async () => {
  const { space, door } = await spaceWithDoor(suite, 2);
  const user = await suite.newUser();
  await suite.app.request('PATCH', '/v1/me', { token: user.token, body: { identity: 'resident' } });
  setClock(T);
  armFailpoint('spaces.checkin.afterOpened');
  await expect(checkIn(suite.app, user.token, space.id, door)).rejects.toThrow('injected crash');
  const open = (await checkinStore.getOpen(space.id, user.userId))!;
  expect(open.identity).toBe('resident');
  expect(await repairSpace(space.id, AFTER_LEASE)).toEqual({ ...NOTHING, intentsFinished: 1 });
  expect(await historyOf(open.checkinId)).toEqual({
    id: open.checkinId,
    spaceId: space.id,
    spaceName: space.name,
    userId: user.userId,
    identity: 'resident',
    status: 'in',
    checkedInAt: iso(T),
    autoOutAt: open.autoOutAt,
  });
  expect(await expectExact(space.id)).toMatchObject({ counter: 1, open: 1 });
});

it('a second check-in of a user who is already in gives its place back at once and answers with the first', async () => {
  const { space, door } = await spaceWithDoor(suite, 3);
  const user = await suite.newUser();
  setClock(T);
  const first = (await checkIn(suite.app, user.token, space.id, door)).body.checkin.id as string;
  // The concurrent scan's open check-in was not there yet when this one looked.
  jest.spyOn(checkinStore, 'getOpen').mockResolvedValueOnce(null);
  const take = jest.spyOn(spaceStore, 'takePlace');
  const second = await checkIn(suite.app, user.token, space.id, door);
  expect(second.status).toBe(200);
  expect(second.body.checkin.id).toBe(first);
  expect(take).toHaveBeenCalledTimes(1); // it did take a place: given back, not kept
  expect(await expectExact(space.id)).toMatchObject({ counter: 1, open: 1 });
  expect((await visitsOf(suite.app, user.token)).map((v) => [v.id, v.status])).toEqual([[first, 'in']]);
});

it("a stale check-out intent never closes the user's newer visit", async () => {
  const { space, door, user, checkinId } = await crashedCheckOut('spaces.close.afterOpenDeleted');
  setClock(T + 1000);
  const again = await checkIn(suite.app, user.token, space.id, door);
  expect(again.status).toBe(201);
  const newer = again.body.checkin.id as string;
  expect(await audit(space.id)).toMatchObject({ counter: 2, open: 1, intents: 1 });
  expect(await repairSpace(space.id, AFTER_LEASE)).toEqual({ ...NOTHING, intentsFinished: 1 });
  expect(await expectExact(space.id)).toMatchObject({ counter: 1, open: 1 });
  expect(await openCheckinOf(space.id, user.userId)).toBe(newer);
  expect(await historyOf(checkinId)).toMatchObject({ status: 'out', closedBy: 'user' });
  expect(await historyOf(newer)).toMatchObject({ status: 'in' });
  await expectRecountFindsNothing(space.id);
});

it('the automatic check-out closes every overdue visit beyond a page of 100, and no live one', async () => {
  const { space } = await spaceWithDoor(suite, 200);
  const overdue = await seedOpen(space.id, 'late', 105, iso(at('08:00')));
  await seedOpen(space.id, 'live', 1, FAR);
  await setCounter(space.id, 106);
  const now = at('10:00');
  setClock(now);
  expect(await expireOverdue(space.id, space.name, now)).toBe(105);
  expect(await expectExact(space.id)).toMatchObject({ counter: 1, open: 1 });
  const last = overdue[overdue.length - 1];
  expect(await historyOf(last.checkinId)).toMatchObject({
    status: 'out',
    closedBy: 'auto',
    checkedOutAt: last.autoOutAt,
    spaceName: space.name,
  });
  expect(await repairSpace(space.id, now)).toEqual(NOTHING);
});

it('an overdue visit whose close is still in flight is not counted as expired; after the lease it is', async () => {
  const { space, door } = await spaceWithDoor(suite, 2);
  const user = await suite.newUser();
  setClock(at('21:00', '2026-11-30')); // 12 hours: overdue from 09:00
  const checkin = (await checkIn(suite.app, user.token, space.id, door)).body.checkin;
  setClock(T);
  armFailpoint('spaces.close.afterClaim');
  await expect(checkOut(suite.app, user.token, space.id)).rejects.toThrow('injected crash');
  expect(await expireOverdue(space.id, space.name, T + 30_000)).toBe(0);
  expect(await repairSpace(space.id, T + 30_000)).toEqual(NOTHING);
  expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1 });
  expect(await repairSpace(space.id, AFTER_LEASE)).toEqual({ ...NOTHING, expired: 1 });
  expect(await expectExact(space.id)).toMatchObject({ counter: 0, open: 0 });
  expect(await historyOf(checkin.id)).toMatchObject({ status: 'out', closedBy: 'auto' });
});

it('a full page of overdue visits all being closed by someone else ends the sweep (no endless loop)', async () => {
  const { space } = await spaceWithDoor(suite, 200);
  const now = at('10:00');
  const held = await seedOpen(space.id, 'held', 100, iso(at('08:00')));
  // Every one claimed a moment ago by a closer still within its lease.
  await Promise.all(
    held.map((o) =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: `SPACE#${space.id}`, sk: `OPEN#${o.userId}` },
          UpdateExpression: 'SET closingBy = :by, closingAt = :at',
          ExpressionAttributeValues: { ':by': 'someone', ':at': now - 1000 },
        }),
      ),
    ),
  );
  await setCounter(space.id, 100);
  expect(await expireOverdue(space.id, space.name, now)).toBe(0);
  expect(await audit(space.id)).toMatchObject({ counter: 100, open: 100, intents: 0 });
});
