// The rush: many people tap at once. Through the real handlers and the embedded store, with index reads lagging
// 200 ms as on DynamoDB (a decision resting on an index read would fail here).
import { startTestApp, type TestApp } from '../support/app';
import { audit, createEvent, expectExact } from './events.support';

let app: TestApp;
let staff: { token: string };
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  staff = await app.userWithRoles('rush_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

async function loginMany(prefix: string, n: number) {
  const users: { token: string; userId: string }[] = [];
  for (let i = 0; i < n; i += 100) {
    users.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, (_, j) => app.login(`${prefix}${i + j}`)),
      )),
    );
  }
  return users;
}

it('1,000 simultaneous sign-ups for 100 seats: exactly 100 confirmed, the rest waitlisted with distinct places, no 5xx', async () => {
  const event = await createEvent(app, staff.token, { capacity: 100 });
  const users = await loginMany('rush_', 1000);
  const replies = await Promise.all(
    users.map((u) => app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} })),
  );
  expect(replies.filter((r) => r.status >= 500)).toEqual([]);
  expect(new Set(replies.map((r) => r.status))).toEqual(new Set([201]));
  const confirmed = replies.filter((r) => r.body.signup.status === 'confirmed');
  const waitlisted = replies.filter((r) => r.body.signup.status === 'waitlisted');
  expect(confirmed).toHaveLength(100);
  expect(waitlisted).toHaveLength(900);
  const positions = waitlisted.map((r) => r.body.signup.waitlistPosition as number);
  expect(new Set(positions).size).toBe(900);
  expect(Math.min(...positions)).toBe(1);
  expect(Math.max(...positions)).toBe(900);
  const final = await expectExact(event.id);
  expect(final.event.seatsTaken).toBe(100);
  expect(final.waitlisted).toHaveLength(900);
  // The queue order the store keeps is the order the replies gave.
  const bySeq = [...final.waitlisted].sort((a, b) => a.waitSeq! - b.waitSeq!).map((s) => s.userId);
  const byReply = [...waitlisted]
    .sort((a, b) => a.body.signup.waitlistPosition - b.body.signup.waitlistPosition)
    .map((r) => r.body.signup.id.split('_')[1]);
  expect(bySeq).toEqual(byReply);
}, 180_000);

it('200 simultaneous cancels and sign-ups on a full event keep the invariant, and nobody who fits is left waiting', async () => {
  const event = await createEvent(app, staff.token, { capacity: 100 });
  const holders = await loginMany('full_', 150);
  for (let i = 0; i < holders.length; i += 50) {
    await Promise.all(
      holders
        .slice(i, i + 50)
        .map((u) => app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} })),
    );
  }
  const before = await expectExact(event.id);
  expect(before.event.seatsTaken).toBe(100);
  expect(before.waitlisted).toHaveLength(50);

  const newcomers = await loginMany('late_', 100);
  // 100 cancels: 80 confirmed holders and 20 waitlisted ones, interleaved with 100 new sign-ups.
  const confirmedIds = new Set(before.signups.filter((s) => s.status === 'confirmed').map((s) => s.userId));
  const cancellers = [
    ...holders.filter((u) => confirmedIds.has(u.userId)).slice(0, 80),
    ...holders.filter((u) => !confirmedIds.has(u.userId)).slice(0, 20),
  ];
  const calls = [
    ...cancellers.map(
      (u) => () => app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: u.token }),
    ),
    ...newcomers.map(
      (u) => () => app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} }),
    ),
  ].sort(() => Math.random() - 0.5);
  const replies = await Promise.all(calls.map((call) => call()));
  expect(replies.filter((r) => r.status >= 500)).toEqual([]);
  expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);

  const after = await expectExact(event.id);
  expect(after.event.seatsTaken).toBeLessThanOrEqual(100);
  // 150 - 100 cancelled + 100 newcomers = 150 active households of one seat: the event is full again.
  expect(after.signups.filter((s) => s.status !== 'cancelled')).toHaveLength(150);
  expect(after.event.seatsTaken).toBe(100);
  expect(after.waitlisted).toHaveLength(50);
  const seqs = after.waitlisted.map((s) => s.waitSeq);
  expect(new Set(seqs).size).toBe(seqs.length);
  // Arrival order: the households already waiting before the rush (and still signed up) arrived before every
  // newcomer, so every one of them has a seat now, and only newcomers are left waiting.
  const leavers = new Set(cancellers.map((u) => u.userId));
  const earlyWaiters = before.waitlisted.filter((s) => !leavers.has(s.userId)).map((s) => s.userId);
  expect(earlyWaiters).toHaveLength(30);
  const confirmedNow = new Set(after.signups.filter((s) => s.status === 'confirmed').map((s) => s.userId));
  expect(earlyWaiters.filter((id) => !confirmedNow.has(id))).toEqual([]);
  const newcomerIds = new Set(newcomers.map((u) => u.userId));
  expect(after.waitlisted.every((s) => newcomerIds.has(s.userId))).toBe(true);
  const a = await audit(event.id);
  expect(a.intents).toBe(0);
}, 180_000);

it('simultaneous cancels of one signup release its seat once; simultaneous promoters promote each household once', async () => {
  const event = await createEvent(app, staff.token, { capacity: 3 });
  const users = await loginMany('twice_', 8);
  for (const u of users)
    await app.request('POST', `/v1/events/${event.id}/signups`, { token: u.token, body: {} });
  const [first, second] = users;
  const replies = await Promise.all([
    ...Array.from({ length: 6 }, () =>
      app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: first.token }),
    ),
    ...Array.from({ length: 6 }, () =>
      app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: second.token }),
    ),
  ]);
  // Every repeat answers the one cancelled signup of its user (retries-settled.test.ts); seats released once.
  expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
  expect(new Set(replies.map((r) => r.body.signup.id)).size).toBe(2);
  const after = await expectExact(event.id);
  expect(after.event.seatsTaken).toBe(3);
  expect(after.waitlisted).toHaveLength(3);
});
