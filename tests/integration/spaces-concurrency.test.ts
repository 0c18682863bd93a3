// Shared space under concurrency: occupancy never above capacity and always equal to the open check-ins. Index
// queries lag 200 ms, as GSIs may on DynamoDB.
import { startTestApp, type TestApp } from '../support/app';
import {
  audit,
  checkIn,
  checkOut,
  createSpace,
  doorToken,
  staffTokens,
  users,
  type Staff,
} from './spaces.support';

jest.setTimeout(180_000);

let app: TestApp;
let staff: Staff;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  staff = await staffTokens(app);
});
afterAll(async () => {
  // Let the index copy catch up first, so no replication is in flight while the stores close.
  await app.indexesSettled().finally(() => app.close());
});

const statuses = (replies: { status: number }[]) =>
  replies.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

it('300 simultaneous check-ins for 50 places: exactly 50 in, the rest SPACE_FULL', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 50 });
  const door = await doorToken(app, staff.staff, space.id);
  const tokens = await users(app, 'burst', 300);
  const replies = await Promise.all(tokens.map((t) => checkIn(app, t, space.id, door)));
  expect(statuses(replies)).toEqual({ 201: 50, 409: 250 });
  expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'SPACE_FULL')).toBe(true);
  expect(new Set(replies.filter((r) => r.status === 201).map((r) => r.body.checkin.id)).size).toBe(50);
  expect(await audit(space.id)).toEqual({ counter: 50, capacity: 50, open: 50, intents: 0 });
  expect((await app.request('GET', `/v1/spaces/${space.id}`)).body.space.occupancy).toBe(50);
});

it('double scans from the same user at once give one check-in', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 5 });
  const door = await doorToken(app, staff.staff, space.id);
  const { token } = await app.login('double_scanner');
  const replies = await Promise.all(Array.from({ length: 25 }, () => checkIn(app, token, space.id, door)));
  expect(statuses(replies)).toEqual({ 201: 1, 200: 24 });
  expect(new Set(replies.map((r) => r.body.checkin.id)).size).toBe(1);
  expect(await audit(space.id)).toEqual({ counter: 1, capacity: 5, open: 1, intents: 0 });
  await app.indexesSettled();
  const mine = await app.request('GET', '/v1/me/checkins', { token });
  expect(mine.body.items).toHaveLength(1);
});

it('many users checking in and out at once leave the counter equal to the open check-ins', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 20 });
  const door = await doorToken(app, staff.staff, space.id);
  const tokens = await users(app, 'churn', 60);
  const outcomes = await Promise.all(
    tokens.map(async (t, i) => {
      const first = await checkIn(app, t, space.id, door);
      if (first.status === 201 && i % 2 === 0) await checkOut(app, t, space.id);
      const state = await audit(space.id);
      expect(state.counter).toBeLessThanOrEqual(20);
      return first.status;
    }),
  );
  expect(outcomes.every((s) => s === 201 || s === 409)).toBe(true);
  const final = await audit(space.id);
  expect(final.intents).toBe(0);
  expect(final.counter).toBe(final.open);
  expect(final.counter).toBeLessThanOrEqual(20);
});

it('two check-outs at once free the place once', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 3 });
  const door = await doorToken(app, staff.staff, space.id);
  const tokens = await users(app, 'leaver', 2);
  for (const t of tokens) await checkIn(app, t, space.id, door);
  const replies = await Promise.all(Array.from({ length: 6 }, () => checkOut(app, tokens[0], space.id)));
  const ok = replies.filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  expect(replies.every((r) => r.status === 200 || r.status === 404)).toBe(true);
  expect(new Set(ok.map((r) => r.body.checkin.id)).size).toBe(1);
  expect(await audit(space.id)).toEqual({ counter: 1, capacity: 3, open: 1, intents: 0 });
});

it('capacity edits racing check-ins never let occupancy pass the capacity', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 30 });
  const door = await doorToken(app, staff.staff, space.id);
  const tokens = await users(app, 'racer', 40);
  const edits = [10, 25, 15, 30].map((capacity) =>
    app.request('PATCH', `/v1/spaces/${space.id}`, { token: staff.admin, body: { capacity } }),
  );
  const [replies, editReplies] = await Promise.all([
    Promise.all(tokens.map((t) => checkIn(app, t, space.id, door))),
    Promise.all(edits),
  ]);
  expect(editReplies.every((r) => r.status === 200 || r.body.error.code === 'CAPACITY_BELOW_OCCUPANCY')).toBe(
    true,
  );
  const final = await audit(space.id);
  expect(final.counter).toBeLessThanOrEqual(final.capacity);
  expect(final.counter).toBe(final.open);
  expect(final.counter).toBe(replies.filter((r) => r.status === 201).length);
});
