// Issue 17, store faults — event seats and the waiting list. 20% of the handlers' store calls fail (throttles,
// timeouts, errors after the write was applied; tests/support/storeFaults.ts, fixed seed, printed) while 16 users
// rush a 4-seat event, then 2 confirmed users cancel while 2 newcomers sign up. Clients repeat a 503 with the same
// Idempotency-Key. Every reply is a success or a 503 with Retry-After (a repeated cancel that finds its signup already
// cancelled answers it again, 200); each user ends with exactly one signup; after the reconciler the seats and the waiting list are exact
// and nobody waits while a seat is free.
import { reconcileEvent } from '../../functions/events/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import type { StoreFaults } from '../support/storeFaults';
import { createEvent, expectExact } from './events.support';
import { client, describeRun, runClients, type Client } from './store-faults.support';

jest.setTimeout(120_000);

let app: TestApp;
let faults: StoreFaults;
let staff: { token: string };
beforeAll(async () => {
  app = await startTestApp({ storeFaults: { rate: 0.2 } });
  faults = app.storeFaults!;
  staff = await app.userWithRoles('faults_events_staff', ['staff']);
});
afterAll(async () => {
  faults.disable();
  await app.close();
});

const CAPACITY = 4;
const RUSH = 16;
const CHURN = 2;
const LATER = 3 * 60 * 1000; // past STALE_INTENT_MS: what a failed request left is settled by the reconciler

it('a 4-seat rush, then cancels and newcomers, under 20% store faults: one signup each, exact seats', async () => {
  const event = await createEvent(app, staff.token, { capacity: CAPACITY });
  const users = await Promise.all(
    Array.from({ length: RUSH + CHURN }, (_, i) => app.login(`faults_ev_${i}`)),
  );
  const signUp = (i: number) => ({
    name: `sign-up ${i}`,
    send: () =>
      app.request('POST', `/v1/events/${event.id}/signups`, {
        token: users[i].token,
        body: {},
        headers: { 'idempotency-key': `faults-signup-${i}` },
      }),
  });
  // Each run is a later one (an intent a faulted run left, stamped with its clock, is stale for the next).
  let runs = 0;
  const reconcile = async () => {
    await reconcileEvent(event.id, { now: Date.now() + ++runs * LATER });
  };

  const rush = users.slice(0, RUSH).map((_, i) => client(signUp(i)));
  const first = await runClients(rush, faults, { between: reconcile });
  console.log(describeRun('events rush', first, faults));
  expect(first.violations).toEqual([]);

  await faults.during(reconcile).catch(() => undefined);
  faults.disable();
  await reconcile();
  const afterRush = await expectExact(event.id);
  expect(afterRush.confirmedSeats).toBe(CAPACITY);
  expect(afterRush.signups).toHaveLength(RUSH);
  // Every acknowledged sign-up is the user's one signup, as the reply said (or promoted since).
  for (const [i, c] of rush.entries()) {
    const reply = c.finals[0];
    const stored = afterRush.signups.find((s) => s.userId === users[i].userId)!;
    expect(reply.body.signup.id).toBe(stored.id);
    if (reply.body.signup.status === 'confirmed') expect(stored.status).toBe('confirmed');
  }

  // Some confirmed users (a reply may have said waitlisted and a promotion confirmed it since) cancel while as many
  // newcomers sign up: the waiting list is served first.
  const newcomers = Array.from({ length: CHURN }, (_, k) => RUSH + k);
  const confirmed = users
    .slice(0, RUSH)
    .map((u, i) => ({ i, status: afterRush.signups.find((s) => s.userId === u.userId)!.status }))
    .filter((x) => x.status === 'confirmed')
    .slice(0, CHURN);
  expect(confirmed).toHaveLength(CHURN);
  const churn: Client[] = [
    ...confirmed.map(({ i }) =>
      client({
        name: `cancel ${i}`,
        send: () => app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: users[i].token }),
      }),
    ),
    ...newcomers.map((i) => client(signUp(i))),
  ];
  const second = await runClients(churn, faults, { between: reconcile });
  console.log(describeRun('events cancel + join', second, faults));
  expect(second.violations).toEqual([]);

  await reconcile();
  const after = await expectExact(event.id);
  expect(after.confirmedSeats).toBe(CAPACITY);
  expect(after.signups).toHaveLength(RUSH + CHURN);
  expect(new Set(after.signups.map((s) => s.userId)).size).toBe(RUSH + CHURN);
  for (const { i } of confirmed)
    expect(after.signups.find((s) => s.userId === users[i].userId)!.status).toBe('cancelled');
  // The newcomers joined behind the waiting households: none of them got a seat.
  for (const i of newcomers)
    expect(after.signups.find((s) => s.userId === users[i].userId)!.status).toBe('waitlisted');
  expect(after.waitlisted).toHaveLength(RUSH - CAPACITY);
  expect(faults.injected.throttle + faults.injected.timeout + faults.injected.after).toBeGreaterThan(10);
  expect(faults.injected.after).toBeGreaterThan(0);
  // The Idempotency-Key records failed like the rest (lib/idempotency.ts recovers its own lost writes).
  expect(faults.keyRecordCalls).toBeGreaterThan(0);
});
