// Two finishers of the same leftover: after a check-in or a check-out died at a write boundary, the user's retry and
// the job's repair run at the same time, and so do two runs of the repair. Whatever the interleaving, each change
// applies once: occupancy = open check-ins ≤ capacity, no intent left, one visit with the right status, and the
// recount afterwards finds nothing to fix. Index queries lag 200 ms.
import { armFailpoint } from '../../functions/lib/faults';
import {
  AFTER_LEASE,
  CRASH_TIME,
  checkIn,
  checkOut,
  expectExact,
  expectRecountFindsNothing,
  historyOf,
  intentsOf,
  openCheckinOf,
  repairSpace,
  setClock,
  spacesSuite,
  spaceWithDoor,
  visits as visitsOf,
} from './spaces.support';

jest.setTimeout(60_000);

const suite = spacesSuite({ indexLagMs: 200 });
const T = CRASH_TIME;

async function crashedSetup(capacity: number) {
  return { ...(await spaceWithDoor(suite, capacity)), user: await suite.newUser() };
}
const visits = (token: string) => visitsOf(suite.app, token);

describe.each([
  ['spaces.checkin.afterPlaceTaken', false],
  ['spaces.checkin.afterOpened', true],
  ['spaces.checkin.afterHistory', true],
])('a check-in that died at %s', (point, opened) => {
  async function crashedCheckIn() {
    const setup = await crashedSetup(2);
    setClock(T);
    armFailpoint(point);
    await expect(checkIn(suite.app, setup.user.token, setup.space.id, setup.door)).rejects.toThrow(
      'injected crash',
    );
    const [intent] = await intentsOf(setup.space.id);
    return { ...setup, crashedId: intent.checkinId };
  }

  it('the user scanning again while the job repairs it: in once, the place counted once', async () => {
    const { space, door, user, crashedId } = await crashedCheckIn();
    setClock(AFTER_LEASE);
    const [retry, report] = await Promise.all([
      checkIn(suite.app, user.token, space.id, door),
      repairSpace(space.id, AFTER_LEASE),
    ]);
    expect(retry.status).toBe(opened ? 200 : 201);
    expect(report.intentsFinished + report.intentsUndone).toBeLessThanOrEqual(1);
    const inNow = retry.body.checkin.id;
    if (opened) expect(inNow).toBe(crashedId);
    // Checked before any recount: one place for the one visit, nothing in flight.
    expect(await expectExact(space.id)).toMatchObject({ counter: 1, open: 1 });
    expect(await openCheckinOf(space.id, user.userId)).toBe(inNow);
    expect(await historyOf(inNow)).toMatchObject({ status: 'in' });
    if (!opened) expect(await historyOf(crashedId)).toBeNull();
    expect((await visits(user.token)).map((v) => [v.id, v.status])).toEqual([[inNow, 'in']]);
    await expectRecountFindsNothing(space.id);
  });

  it('two runs of the repair at once: finished or undone once', async () => {
    const { space, user, crashedId } = await crashedCheckIn();
    const reports = await Promise.all([
      repairSpace(space.id, AFTER_LEASE),
      repairSpace(space.id, AFTER_LEASE),
    ]);
    const done = reports.map((r) => r.intentsFinished + r.intentsUndone).sort();
    expect(done).toEqual([0, 1]);
    expect(await expectExact(space.id)).toMatchObject({ counter: opened ? 1 : 0, open: opened ? 1 : 0 });
    expect(await openCheckinOf(space.id, user.userId)).toBe(opened ? crashedId : null);
    expect((await historyOf(crashedId))?.status ?? null).toBe(opened ? 'in' : null);
    await expectRecountFindsNothing(space.id);
  });
});

describe.each([
  'spaces.close.afterClaim',
  'spaces.close.afterOutIntent',
  'spaces.close.afterOpenDeleted',
  'spaces.close.afterHistoryClosed',
])('a check-out that died at %s', (point) => {
  async function crashedCheckOut() {
    const setup = await crashedSetup(2);
    setClock(T);
    const checkinId = (await checkIn(suite.app, setup.user.token, setup.space.id, setup.door)).body.checkin
      .id;
    armFailpoint(point);
    await expect(checkOut(suite.app, setup.user.token, setup.space.id)).rejects.toThrow('injected crash');
    return { ...setup, checkinId };
  }

  async function expectClosedOnce(spaceId: string, token: string, checkinId: string) {
    expect(await expectExact(spaceId)).toMatchObject({ counter: 0, open: 0 });
    expect(await historyOf(checkinId)).toMatchObject({ status: 'out', closedBy: 'user' });
    expect((await visits(token)).map((v) => [v.id, v.status])).toEqual([[checkinId, 'out']]);
    await expectRecountFindsNothing(spaceId);
  }

  it('the user checking out again while the job repairs it: out once, the place given back once', async () => {
    const { space, user, checkinId } = await crashedCheckOut();
    setClock(AFTER_LEASE);
    const [retry, report] = await Promise.all([
      checkOut(suite.app, user.token, space.id),
      repairSpace(space.id, AFTER_LEASE),
    ]);
    // 200 with the closed visit, or 404 once the open check-in is already gone: either way the user is out.
    expect([200, 404]).toContain(retry.status);
    if (retry.status === 200) expect(retry.body.checkin).toMatchObject({ id: checkinId, status: 'out' });
    expect(report.intentsFinished + report.closesTakenOver).toBeLessThanOrEqual(1);
    await expectClosedOnce(space.id, user.token, checkinId);
  });

  it('two runs of the repair at once: closed once', async () => {
    const { space, user, checkinId } = await crashedCheckOut();
    const reports = await Promise.all([
      repairSpace(space.id, AFTER_LEASE),
      repairSpace(space.id, AFTER_LEASE),
    ]);
    // Both may report the close (one took the claim over while the other gave the place back); the state shows once.
    expect(reports.reduce((n, r) => n + r.intentsFinished + r.closesTakenOver, 0)).toBeGreaterThanOrEqual(1);
    await expectClosedOnce(space.id, user.token, checkinId);
  });
});
