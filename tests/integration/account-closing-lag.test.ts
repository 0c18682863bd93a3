// Closing an account lists the person's signups and check-ins through `byOwner`, an index that lags the table
// (simulated here: 200 ms). A signup or a check-in written just before the closing, which the index did not show yet,
// is ended and erased by the job's sweep a few minutes later: the request leaves the closing on its queue for it.
import { signupStore } from '../../functions/events/signupStore';
import { checkinStore } from '../../functions/spaces/checkinStore';
import { finishUnfinishedClosings } from '../../functions/users/accountSteps';
import { startTestApp, type TestApp } from '../support/app';
import { createEvent, expectExact } from './events.support';
import { checkIn, createSpace, doorToken, staffTokens, type Staff } from './spaces.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: Staff;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  staff = await staffTokens(app);
});
afterAll(async () => {
  await app.indexesSettled().finally(() => app.close());
});

it('a signup and a check-in the index did not show yet are ended and erased by the sweep', async () => {
  const event = await createEvent(app, staff.staff, { capacity: 3 });
  const space = await createSpace(app, staff.admin, { capacity: 3 });
  const door = await doorToken(app, staff.staff, space.id);
  const user = await app.login('closing_lag_user');
  const signedUp = await app.request('POST', `/v1/events/${event.id}/signups`, {
    token: user.token,
    body: { contactName: '张三' },
  });
  expect(signedUp.status).toBe(201);
  expect((await checkIn(app, user.token, space.id, door)).status).toBe(201);
  // At once, while the index still lags.
  expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
  await app.indexesSettled();
  // The job leaves a fresh closing alone; a few minutes later it sweeps it once, and then it is off the queue.
  const runs = [await finishUnfinishedClosings({ now: Date.now() })];
  runs.push(await finishUnfinishedClosings({ now: Date.now() + 10 * 60_000 }));
  await app.indexesSettled(); // the job's next run, ten minutes on
  runs.push(await finishUnfinishedClosings({ now: Date.now() + 10 * 60_000 }));

  const signup = await signupStore.get(event.id, user.userId);
  expect(signup).toMatchObject({ status: 'cancelled' });
  expect(signup?.openid ?? undefined).toBeUndefined();
  expect(signup?.contactName ?? null).toBeNull();
  expect((await expectExact(event.id)).event.seatsTaken).toBe(0);
  expect(await checkinStore.getOpen(space.id, user.userId)).toBeNull();
  expect((await app.request('GET', `/v1/spaces/${space.id}`)).body.space.occupancy).toBe(0);
  expect(runs.map((r) => r.swept)).toEqual([0, 1, 0]);
  expect(runs.map((r) => r.finished)).toEqual([0, 0, 0]);
});
