// Crash at every write boundary of check-in, check-out and the automatic check-out: right after the crash the
// counter may only show a free place as taken (never above capacity, never below the open check-ins), and the
// scheduled job repairs it exactly (counter = open check-ins, no intents left, history consistent).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import {
  at,
  audit,
  liveOpen,
  checkIn,
  checkOut,
  createSpace,
  doorToken,
  resetClock,
  runMaintenance,
  setClock,
  staffTokens,
  type Staff,
} from './spaces.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: Staff;
let userCounter = 0;
beforeAll(async () => {
  app = await startTestApp();
  staff = await staffTokens(app);
});
afterAll(async () => {
  resetClock();
  await app.close();
});
afterEach(() => {
  disarmAllFailpoints();
  resetClock();
});

const T = at('10:00');
const AFTER_LEASE = T + 2 * 60_000;

async function freshSpace(capacity = 1) {
  const space = await createSpace(app, staff.admin, { capacity });
  return { space, door: await doorToken(app, staff.staff, space.id) };
}
async function freshUser() {
  userCounter++;
  return app.login(`crash_user_${userCounter}`);
}

/** Right after a crash: never above capacity, never fewer places counted than open check-ins. */
async function expectSafeSide(spaceId: string) {
  const state = await audit(spaceId);
  expect(state.counter).toBeLessThanOrEqual(state.capacity);
  expect(state.counter).toBeGreaterThanOrEqual(state.open);
  const shown = (await app.request('GET', `/v1/spaces/${spaceId}`)).body.space.occupancy;
  expect(shown).toBeGreaterThanOrEqual(await liveOpen(spaceId));
  return state;
}

async function expectRepaired(spaceId: string, now = AFTER_LEASE) {
  await runMaintenance(now);
  const state = await audit(spaceId);
  expect(state.intents).toBe(0);
  expect(state.counter).toBe(state.open);
  return state;
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
    await expect(checkIn(app, user.token, space.id, door)).rejects.toThrow('injected crash');
    await expectSafeSide(space.id);

    // Within the lease the request might still be running: the job leaves its intent alone.
    const before = await audit(space.id);
    await runMaintenance(T + 1000);
    expect(await audit(space.id)).toEqual(before);

    const repaired = await expectRepaired(space.id);
    expect(repaired.open).toBe(userIsIn ? 1 : 0);
    setClock(AFTER_LEASE);
    const detail = await app.request('GET', `/v1/spaces/${space.id}`, { token: user.token });
    expect(detail.body.myCheckin !== null).toBe(userIsIn);
    const visits = (await app.request('GET', '/v1/me/checkins', { token: user.token })).body.items;
    expect(visits.map((v: { status: string }) => v.status)).toEqual(userIsIn ? ['in'] : []);
    // The user can carry on: out again if in, in if not.
    if (userIsIn) expect((await checkOut(app, user.token, space.id)).status).toBe(200);
    else expect((await checkIn(app, user.token, space.id, door)).status).toBe(201);
    expect(await expectRepaired(space.id)).toMatchObject({ counter: userIsIn ? 0 : 1 });
  });
});

describe.each([
  'spaces.close.afterClaim',
  'spaces.close.afterOutIntent',
  'spaces.close.afterOpenDeleted',
  'spaces.close.afterHistoryClosed',
])('closing crashing at %s', (point) => {
  it('by the user: safe side, then the job finishes the check-out', async () => {
    const { space, door } = await freshSpace(2);
    const user = await freshUser();
    setClock(T);
    await checkIn(app, user.token, space.id, door);
    armFailpoint(point);
    await expect(checkOut(app, user.token, space.id)).rejects.toThrow('injected crash');
    await expectSafeSide(space.id);
    expect(await expectRepaired(space.id)).toMatchObject({ counter: 0, open: 0 });
    const visit = (await app.request('GET', '/v1/me/checkins', { token: user.token })).body.items[0];
    expect(visit).toMatchObject({ status: 'out', closedBy: 'user', checkedOutAt: new Date(T).toISOString() });
  });

  it('by the automatic check-out: safe side, then the next run finishes it', async () => {
    const { space, door } = await freshSpace(2);
    const user = await freshUser();
    setClock(at('01:00'));
    const checkin = (await checkIn(app, user.token, space.id, door)).body.checkin;
    armFailpoint(point);
    await expect(runMaintenance(at('13:30'))).rejects.toThrow('injected crash');
    await expectSafeSide(space.id);
    expect(await expectRepaired(space.id, at('13:32'))).toMatchObject({ counter: 0, open: 0 });
    const visit = (await app.request('GET', '/v1/me/checkins', { token: user.token })).body.items[0];
    expect(visit).toMatchObject({ status: 'out', closedBy: 'auto', checkedOutAt: checkin.autoCheckoutAt });
  });
});

it('a user who scans again after a crashed check-in gets in; the job then drops the stale place', async () => {
  const { space, door } = await freshSpace(2);
  const user = await freshUser();
  setClock(T);
  armFailpoint('spaces.checkin.afterPlaceTaken');
  await expect(checkIn(app, user.token, space.id, door)).rejects.toThrow('injected crash');
  const retry = await checkIn(app, user.token, space.id, door);
  expect(retry.status).toBe(201);
  expect(await audit(space.id)).toMatchObject({ counter: 2, open: 1 });
  // The stale place errs on the safe side: a second visitor finds the space full until the job runs.
  const other = await freshUser();
  expect((await checkIn(app, other.token, space.id, door)).body.error.code).toBe('SPACE_FULL');
  expect(await expectRepaired(space.id)).toMatchObject({ counter: 1, open: 1 });
  setClock(AFTER_LEASE);
  expect((await checkIn(app, other.token, space.id, door)).status).toBe(201);
});

it('a check-out retried while a crashed close holds its claim is refused with 503, and works after the lease', async () => {
  const { space, door } = await freshSpace(2);
  const user = await freshUser();
  setClock(T);
  await checkIn(app, user.token, space.id, door);
  armFailpoint('spaces.close.afterClaim');
  await expect(checkOut(app, user.token, space.id)).rejects.toThrow('injected crash');
  const soon = await checkOut(app, user.token, space.id);
  expect(soon.status).toBe(503);
  expect(soon.body.error.code).toBe('UNAVAILABLE');
  setClock(AFTER_LEASE);
  const later = await checkOut(app, user.token, space.id);
  expect(later.status).toBe(200);
  expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
});

it('the recount repairs a counter that drifted, but never while a change is in flight', async () => {
  const { space, door } = await freshSpace(5);
  const user = await freshUser();
  setClock(T);
  await checkIn(app, user.token, space.id, door);
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
  await runMaintenance(T + 60_000);
  expect((await audit(space.id)).counter).toBe(4);
  // Once that intent is stale it is undone (its check-in was never opened), and the recount then fixes the rest.
  expect(await expectRepaired(space.id)).toMatchObject({ counter: 1, open: 1 });
});
