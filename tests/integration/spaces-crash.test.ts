// Crash at every write boundary of check-in, check-out and the automatic check-out: right after the crash the
// counter may only show a free place as taken (never above capacity, never below the open check-ins). The job's
// repair is then checked on its own, before any recount (counter = open check-ins, no intents, the visit's records
// as the user left them), and the recount after it must find nothing to fix. Index queries lag 200 ms.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint } from '../../functions/lib/faults';
import { CLOSE_LEASE_MS } from '../../functions/spaces/occupancySteps';
import {
  AFTER_LEASE,
  CRASH_TIME,
  at,
  audit,
  liveOpen,
  checkIn,
  checkOut,
  expectExact,
  expectRecountFindsNothing,
  historyOf,
  intentsOf,
  openCheckinOf,
  repairSpace,
  runMaintenance,
  setClock,
  spacesSuite,
  spaceWithDoor,
  visits as visitsOf,
} from './spaces.support';

jest.setTimeout(60_000);

const suite = spacesSuite({ indexLagMs: 200 });
const T = CRASH_TIME;
const freshSpace = (capacity = 1) => spaceWithDoor(suite, capacity);
const freshUser = () => suite.newUser();
const visits = (token: string) => visitsOf(suite.app, token);

/** Right after a crash: never above capacity, never fewer places counted than open check-ins. */
async function expectSafeSide(spaceId: string) {
  const state = await audit(spaceId);
  expect(state.counter).toBeLessThanOrEqual(state.capacity);
  expect(state.counter).toBeGreaterThanOrEqual(state.open);
  const shown = (await suite.app.request('GET', `/v1/spaces/${spaceId}`)).body.space.occupancy;
  expect(shown).toBeGreaterThanOrEqual(await liveOpen(spaceId));
  return state;
}

/** A space of `capacity` places, and a user whose check-in crashed at T right after taking a place. */
async function crashedCheckIn(capacity: number) {
  const { space, door } = await freshSpace(capacity);
  const user = await freshUser();
  setClock(T);
  armFailpoint('spaces.checkin.afterPlaceTaken');
  await expect(checkIn(suite.app, user.token, space.id, door)).rejects.toThrow('injected crash');
  return { space, door, user };
}

/** The repair alone, checked on its own; then the recount finds nothing. */
async function expectRepaired(spaceId: string, now = AFTER_LEASE) {
  const report = await repairSpace(spaceId, now);
  const state = await expectExact(spaceId);
  await expectRecountFindsNothing(spaceId);
  return { report, state };
}

describe.each([
  ['spaces.checkin.afterPlaceTaken', false],
  ['spaces.checkin.afterOpened', true],
  ['spaces.checkin.afterHistory', true],
  ['spaces.checkin.afterIntentCleared', true],
])('check-in crashing at %s', (point, userIsIn) => {
  it(`leaves the safe side, then the job ${userIsIn ? 'finishes the check-in' : 'gives the place back'}`, async () => {
    const { space, door } = await freshSpace(1);
    const user = await freshUser();
    setClock(T);
    armFailpoint(point);
    await expect(checkIn(suite.app, user.token, space.id, door)).rejects.toThrow('injected crash');
    await expectSafeSide(space.id);
    const [intent] = await intentsOf(space.id);
    const checkinId = intent?.checkinId ?? (await openCheckinOf(space.id, user.userId))!;

    // Within the lease the request might still be running: the repair leaves its intent alone.
    const before = await audit(space.id);
    await repairSpace(space.id, T + 1000);
    expect(await audit(space.id)).toEqual(before);

    const { report, state } = await expectRepaired(space.id);
    expect(report).toMatchObject({
      intentsFinished: userIsIn && intent ? 1 : 0,
      intentsUndone: userIsIn ? 0 : 1,
      closesTakenOver: 0,
    });
    expect(state.open).toBe(userIsIn ? 1 : 0);
    expect(await openCheckinOf(space.id, user.userId)).toBe(userIsIn ? checkinId : null);
    expect((await historyOf(checkinId))?.status ?? null).toBe(userIsIn ? 'in' : null);

    setClock(AFTER_LEASE);
    const detail = await suite.app.request('GET', `/v1/spaces/${space.id}`, { token: user.token });
    expect(detail.body.myCheckin !== null).toBe(userIsIn);
    expect((await visits(user.token)).map((v: { status: string }) => v.status)).toEqual(
      userIsIn ? ['in'] : [],
    );
    // The user can carry on: out again if in, in if not.
    if (userIsIn) expect((await checkOut(suite.app, user.token, space.id)).status).toBe(200);
    else expect((await checkIn(suite.app, user.token, space.id, door)).status).toBe(201);
    expect((await expectRepaired(space.id)).state).toMatchObject({ counter: userIsIn ? 0 : 1 });
  });
});

const closePoints = [
  'spaces.close.afterClaim',
  'spaces.close.afterOutIntent',
  'spaces.close.afterOpenDeleted',
  'spaces.close.afterHistoryClosed',
];

describe.each(closePoints)('closing crashing at %s', (point) => {
  it('by the user: safe side, then the job finishes the check-out', async () => {
    const { space, door } = await freshSpace(2);
    const user = await freshUser();
    setClock(T);
    const checkinId = (await checkIn(suite.app, user.token, space.id, door)).body.checkin.id;
    armFailpoint(point);
    await expect(checkOut(suite.app, user.token, space.id)).rejects.toThrow('injected crash');
    await expectSafeSide(space.id);

    const { report, state } = await expectRepaired(space.id);
    expect(report.intentsFinished + report.closesTakenOver).toBe(1);
    expect(state).toMatchObject({ counter: 0, open: 0 });
    expect(await historyOf(checkinId)).toMatchObject({
      status: 'out',
      closedBy: 'user',
      checkedOutAt: new Date(T).toISOString(),
    });
    expect((await visits(user.token))[0]).toMatchObject({ status: 'out', closedBy: 'user' });
  });

  it('by the automatic check-out: safe side, then the next run finishes it', async () => {
    const { space, door } = await freshSpace(2);
    const user = await freshUser();
    setClock(at('01:00'));
    const checkin = (await checkIn(suite.app, user.token, space.id, door)).body.checkin;
    armFailpoint(point);
    await expect(runMaintenance(at('13:30'), suite.app)).rejects.toThrow('injected crash');
    await expectSafeSide(space.id);

    const { report, state } = await expectRepaired(space.id, at('13:32'));
    // Still overdue and claimed by a dead closer: the automatic check-out takes it over first.
    expect(report.expired + report.intentsFinished + report.closesTakenOver).toBe(1);
    expect(state).toMatchObject({ counter: 0, open: 0 });
    expect(await historyOf(checkin.id)).toMatchObject({
      status: 'out',
      closedBy: 'auto',
      checkedOutAt: checkin.autoCheckoutAt,
    });
  });
});

it('a user who scans again after a crashed check-in gets in; the job then drops the stale place', async () => {
  const { space, door, user } = await crashedCheckIn(2);
  const retry = await checkIn(suite.app, user.token, space.id, door);
  expect(retry.status).toBe(201);
  expect(await audit(space.id)).toMatchObject({ counter: 2, open: 1 });
  // The stale place errs on the safe side: a second visitor finds the space full until the job runs.
  const other = await freshUser();
  expect((await checkIn(suite.app, other.token, space.id, door)).body.error.code).toBe('SPACE_FULL');
  const { report, state } = await expectRepaired(space.id);
  expect(report.intentsUndone).toBe(1);
  expect(state).toMatchObject({ counter: 1, open: 1 });
  expect(await openCheckinOf(space.id, user.userId)).toBe(retry.body.checkin.id);
  setClock(AFTER_LEASE);
  expect((await checkIn(suite.app, other.token, space.id, door)).status).toBe(201);
});

it('a user whose crashed check-in holds the last place is told to try again (503), not that the space is full', async () => {
  const { space, door, user } = await crashedCheckIn(1);
  const retry = await checkIn(suite.app, user.token, space.id, door);
  expect(retry.status).toBe(503);
  expect(retry.body.error.code).toBe('UNAVAILABLE');
  // Anyone else finds the space full: the place is held (the safe side).
  const other = await freshUser();
  expect((await checkIn(suite.app, other.token, space.id, door)).body.error.code).toBe('SPACE_FULL');
  // Once the job has given the place back, the same scan gets in.
  const { report } = await expectRepaired(space.id);
  expect(report.intentsUndone).toBe(1);
  const again = await checkIn(suite.app, user.token, space.id, door);
  expect(again.status).toBe(201);
  expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1 });
});

it('past the lease, the retry of a crashed check-in settles its own held place and gets in, without the job', async () => {
  const { space, door, user } = await crashedCheckIn(1);
  expect((await checkIn(suite.app, user.token, space.id, door)).status).toBe(503);
  // Exactly at the lease the crashed request may still count as running (the job's own boundary): 503 still.
  setClock(T + CLOSE_LEASE_MS);
  expect((await checkIn(suite.app, user.token, space.id, door)).status).toBe(503);
  // Past it, the request is over: the retry gives its place back (the job's own repair) and takes it again.
  setClock(T + CLOSE_LEASE_MS + 1);
  const later = await checkIn(suite.app, user.token, space.id, door);
  expect(later.status).toBe(201);
  expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1, intents: 0 });
  expect(await openCheckinOf(space.id, user.userId)).toBe(later.body.checkin.id);
  // Nothing left for the job, and the recount finds nothing.
  const { report } = await expectRepaired(space.id);
  expect(report).toMatchObject({ intentsFinished: 0, intentsUndone: 0 });
  // Anyone else still finds the one place taken.
  const other = await freshUser();
  expect((await checkIn(suite.app, other.token, space.id, door)).body.error.code).toBe('SPACE_FULL');
});

it('a check-out retried while a crashed close holds its claim is refused with 503, and works after the lease', async () => {
  const { space, door } = await freshSpace(2);
  const user = await freshUser();
  setClock(T);
  await checkIn(suite.app, user.token, space.id, door);
  armFailpoint('spaces.close.afterClaim');
  await expect(checkOut(suite.app, user.token, space.id)).rejects.toThrow('injected crash');
  const soon = await checkOut(suite.app, user.token, space.id);
  expect(soon.status).toBe(503);
  expect(soon.body.error.code).toBe('UNAVAILABLE');
  setClock(AFTER_LEASE);
  const later = await checkOut(suite.app, user.token, space.id);
  expect(later.status).toBe(200);
  expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
  await expectRecountFindsNothing(space.id);
});

it('the recount repairs a counter that drifted, but never while a change is in flight', async () => {
  const { space, door } = await freshSpace(5);
  const user = await freshUser();
  setClock(T);
  await checkIn(suite.app, user.token, space.id, door);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `SPACE#${space.id}`, sk: 'META' },
      UpdateExpression: 'SET occupancy = :wrong',
      ExpressionAttributeValues: { ':wrong': 4 },
    }),
  );
  // A fresh intent (a request still running) blocks the recount.
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `SPACE#${space.id}`, sk: 'META' },
      UpdateExpression: 'SET intents.#i = :intent',
      ExpressionAttributeNames: { '#i': 'in_RUNNING' },
      ExpressionAttributeValues: {
        ':intent': { op: 'in', checkinId: 'RUNNING', userId: 'nobody', at: T + 30_000 },
      },
    }),
  );
  await runMaintenance(T + 60_000, suite.app);
  expect((await audit(space.id)).counter).toBe(4);
  // Once that intent is stale it is undone (its check-in was never opened); the drift is the recount's to fix.
  await runMaintenance(AFTER_LEASE, suite.app);
  expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1, intents: 0 });
  await expectRecountFindsNothing(space.id);
});
