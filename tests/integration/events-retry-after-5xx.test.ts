// Issue 17 / issue 9 (open item): a sign-up retried with the same Idempotency-Key after a 5xx — a store throttle
// right after the seat was taken and the signup written — gets the first run's success reply (201 with its signup),
// not 409 ALREADY_SIGNED_UP; there is still exactly one signup and one seat. Without the key (or with another key)
// the repeat is still 409 ALREADY_SIGNED_UP.
import { UnavailableError } from '../../functions/lib/errors';
import { armFailpointError, disarmAllFailpoints } from '../../functions/lib/faults';
import { reconcileEvent } from '../../functions/events/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import { audit, createEvent, expectExact, expectNeverOversold } from './events.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('retry5xx_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const throttled = () =>
  new UnavailableError(
    Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }),
  );

const signUp = (eventId: string, token: string, key?: string) =>
  app.request('POST', `/v1/events/${eventId}/signups`, {
    token,
    body: { subscribe: true },
    headers: key ? { 'idempotency-key': key } : {},
  });

describe.each([
  ['events.join.afterSeatsTaken', 'confirmed', 1],
  ['events.join.afterSignupWritten', 'confirmed', 1],
  ['events.join.afterReminderQueued', 'confirmed', 1],
  ['events.join.afterWaitlistPlace', 'waitlisted', 2],
  ['events.join.afterWaitlisted', 'waitlisted', 2],
  ['events.join.afterQueueEntry', 'waitlisted', 2],
])('a 503 at %s, then the retry with the same Idempotency-Key', (point, status, joiners) => {
  it(`answers 201 with the one ${status} signup; another key or none still gets 409`, async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    if (joiners === 2) {
      const holder = await app.login(`retry5xx_holder_${n}`);
      expect((await signUp(event.id, holder.token)).status).toBe(201);
    }
    const user = await app.login(`retry5xx_user_${n}`);
    const key = `signup-${n}`;
    armFailpointError(point, throttled);
    const failed = await signUp(event.id, user.token, key);
    expect([failed.status, failed.body.error?.code]).toEqual([503, 'UNAVAILABLE']);
    expect(failed.headers['retry-after']).toBe('1');
    await expectNeverOversold(event.id);

    let retry = await signUp(event.id, user.token, key);
    if (point === 'events.join.afterSeatsTaken') {
      // Nothing of the first run to return, and its seat change still looks live: try again, after Retry-After.
      expect([retry.status, retry.headers['retry-after']]).toEqual([503, '1']);
      await reconcileEvent(event.id, { now: Date.now() + 3 * 60 * 1000 });
      retry = await signUp(event.id, user.token, key);
    }
    const mine = (await audit(event.id)).signups.filter((s) => s.userId === user.userId);
    expect(retry.status).toBe(201);
    expect(retry.body.signup).toMatchObject({ status, eventId: event.id });
    expect(mine).toHaveLength(1);
    expect(retry.body.signup.id).toBe(mine[0].id);
    expect(mine[0].status).toBe(status);

    // The same key again replays that reply; another key, or none, is a new request: 409 ALREADY_SIGNED_UP.
    const replay = await signUp(event.id, user.token, key);
    expect([replay.status, replay.headers['idempotent-replay']]).toEqual([201, 'true']);
    expect(replay.body).toEqual(retry.body);
    for (const other of [`other-${n}`, undefined]) {
      const again = await signUp(event.id, user.token, other);
      expect([again.status, again.body.error?.code]).toEqual([409, 'ALREADY_SIGNED_UP']);
    }

    // After the reconciler has settled what the failed run left: one seat, exact counters, nothing else.
    await reconcileEvent(event.id, { now: Date.now() + 3 * 60 * 1000 });
    const after = await expectExact(event.id);
    expect(after.event.seatsTaken).toBe(1);
    expect(after.signups.filter((s) => s.userId === user.userId)).toHaveLength(1);
    expect(after.event.waitlistCount).toBe(status === 'waitlisted' ? 1 : 0);
  });
});

it('a keyed retry after a 503 between the waiting signup and its entry writes the entry: the queue keeps its order', async () => {
  n++;
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, first, second] = await Promise.all(
    ['holder', 'first', 'second'].map((who) => app.login(`retry5xx_order_${who}_${n}`)),
  );
  expect((await signUp(event.id, holder.token)).body.signup.status).toBe('confirmed');
  armFailpointError('events.join.afterWaitlisted', throttled);
  expect((await signUp(event.id, first.token, `order-${n}`)).status).toBe(503);
  disarmAllFailpoints();
  expect((await signUp(event.id, first.token, `order-${n}`)).body.signup.status).toBe('waitlisted');
  expect((await signUp(event.id, second.token)).body.signup.status).toBe('waitlisted');
  await expectExact(event.id); // the first's entry is there, before any recount
  await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: holder.token });
  const confirmed = (await audit(event.id)).signups.filter((s) => s.status === 'confirmed');
  expect(confirmed.map((s) => s.userId)).toEqual([first.userId]);
});

it('that retry, when the seat was freed while the entry was missing, is promoted at once: 201 confirmed', async () => {
  n++;
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, first] = await Promise.all(
    ['holder', 'first'].map((who) => app.login(`retry5xx_freed_${who}_${n}`)),
  );
  await signUp(event.id, holder.token);
  armFailpointError('events.join.afterWaitlisted', throttled);
  expect((await signUp(event.id, first.token, `freed-${n}`)).status).toBe(503);
  disarmAllFailpoints();
  await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: holder.token }); // nobody to promote yet
  const retry = await signUp(event.id, first.token, `freed-${n}`);
  expect([retry.status, retry.body.signup.status]).toEqual([201, 'confirmed']);
  expect((await expectExact(event.id)).event.seatsTaken).toBe(1);
});
