// The staff list of an event's signups of one status (`GET /v1/events/{id}/signups?status=`): confirmed and cancelled
// ones are read on byQueue, where a signup's place follows its status through every change (sign-up, cancellation,
// promotion from the waiting list), so each list holds exactly the signups of its status and reads only those.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { signupKey } from '../../functions/events/model';
import { reconcileEvent } from '../../functions/events/reconcileService';
import { signupStore } from '../../functions/events/signupStore';
import { db, tableName } from '../../functions/lib/db';
import { startTestApp, type TestApp } from '../support/app';
import { createEvent } from './events.support';

// The machine may be shared.
jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 100 });
  staff = await app.userWithRoles('status_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

async function listed(eventId: string, query: string): Promise<{ userId: string; status: string }[]> {
  await app.indexesSettled();
  const res = await app.request('GET', `/v1/events/${eventId}/signups?${query}`, { token: staff.token });
  expect(res.status).toBe(200);
  return res.body.items;
}

const ids = (items: { userId: string }[]) => items.map((s) => s.userId).sort();

it('each status list follows its signups through sign-up, cancellation and promotion', async () => {
  const event = await createEvent(app, staff.token, { capacity: 2 });
  const [a, b, c] = [await app.login('status_a'), await app.login('status_b'), await app.login('status_c')];
  for (const u of [a, b, c]) {
    const res = await app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} });
    expect(res.status).toBe(201);
  }
  expect(ids(await listed(event.id, 'status=confirmed'))).toEqual(ids([a, b]));
  expect(await listed(event.id, 'status=cancelled')).toEqual([]);
  expect(ids(await listed(event.id, 'status=waitlisted'))).toEqual([c.userId]);

  // a leaves: c, who waited, takes the seat.
  expect((await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: a.token })).status).toBe(
    200,
  );
  const confirmed = await listed(event.id, 'status=confirmed');
  expect(ids(confirmed)).toEqual(ids([b, c]));
  expect(confirmed.every((s) => s.status === 'confirmed')).toBe(true);
  const cancelled = await listed(event.id, 'status=cancelled');
  expect(cancelled).toMatchObject([{ userId: a.userId, status: 'cancelled' }]);
  expect(await listed(event.id, 'status=waitlisted')).toEqual([]);

  // a comes back: off the cancelled list, onto the waiting list.
  expect(
    (await app.request('POST', `/v1/events/${event.id}/signups`, { token: a.token, body: {} })).status,
  ).toBe(201);
  expect(await listed(event.id, 'status=cancelled')).toEqual([]);
  expect(ids(await listed(event.id, 'status=waitlisted'))).toEqual([a.userId]);
  expect(ids(await listed(event.id, ''))).toEqual(ids([a, b, c]));
});

it('pages a status list with its own cursor, which no other list accepts', async () => {
  const event = await createEvent(app, staff.token, { capacity: 5 });
  const users = await Promise.all(['p1', 'p2', 'p3'].map((o) => app.login(`status_${o}`)));
  for (const u of users)
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} })).status,
    ).toBe(201);
  await app.indexesSettled();
  const url = `/v1/events/${event.id}/signups`;
  const first = await app.request('GET', `${url}?status=confirmed&limit=2`, { token: staff.token });
  expect(first.body.items).toHaveLength(2);
  const cursor = encodeURIComponent(first.body.nextCursor);
  const second = await app.request('GET', `${url}?status=confirmed&limit=2&cursor=${cursor}`, {
    token: staff.token,
  });
  expect(ids([...first.body.items, ...second.body.items])).toEqual(ids(users));
  const elsewhere = await app.request('GET', `${url}?status=cancelled&cursor=${cursor}`, {
    token: staff.token,
  });
  expect(elsewhere.status).toBe(422);
});

/** The signup as written before signups carried `queuePk`: on no byQueue list. */
async function oldShaped(eventId: string, userId: string) {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: signupKey(eventId, userId),
      UpdateExpression: 'REMOVE queuePk, queueSk',
    }),
  );
}

it('the reconciler puts signups written before queuePk on their status list, while their status holds', async () => {
  const event = await createEvent(app, staff.token, { capacity: 2 });
  const [kept, left] = [await app.login('status_old_kept'), await app.login('status_old_left')];
  for (const u of [kept, left])
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} })).status,
    ).toBe(201);
  expect(
    (await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: left.token })).status,
  ).toBe(200);
  await oldShaped(event.id, kept.userId);
  await oldShaped(event.id, left.userId);
  expect(await listed(event.id, 'status=confirmed')).toEqual([]);
  expect(await listed(event.id, 'status=cancelled')).toEqual([]);

  // Read while it was confirmed, written after it was cancelled: the backfill does not put it on the wrong list.
  const stale = { ...(await signupStore.get(event.id, left.userId))!, status: 'confirmed' as const };
  expect(await signupStore.putOnQueue(stale)).toBe(false);

  expect((await reconcileEvent(event.id, { staleAfterMs: 0 }))!.queueBackfilled).toBe(2);
  expect(await listed(event.id, 'status=confirmed')).toMatchObject([
    { userId: kept.userId, status: 'confirmed' },
  ]);
  expect(await listed(event.id, 'status=cancelled')).toMatchObject([
    { userId: left.userId, status: 'cancelled' },
  ]);
  // Once on its list, a signup is not written again.
  expect((await reconcileEvent(event.id, { staleAfterMs: 0 }))!.queueBackfilled).toBe(0);
});
