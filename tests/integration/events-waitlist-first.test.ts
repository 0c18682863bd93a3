// The waiting list comes first (issue 9, defect 3; API.md "The waiting list comes first"), seen from outside: seats
// freed by a cancellation or added by raising the capacity go to the households already waiting, in arrival order,
// even while newcomers sign up in the very window between the seats' release and the promotion. The window is held
// open on the store client (events.probe.ts) so the check does not depend on timing.
import { startTestApp, type TestApp } from '../support/app';
import { createEvent, eventCalls } from './events.support';
import {
  expectSeatsExact,
  heldAfterWrites,
  heldFlow,
  installStoreProbe,
  isWrite,
  seatFigures,
} from './events.probe';

// Each test drives many requests; the machine may be shared.
jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  installStoreProbe();
  staff = await app.userWithRoles('first_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

const { signUp, mySignup } = eventCalls(() => app);

/** Two seats taken, one household of one waiting. */
async function fullWithOneWaiting() {
  n++;
  const event = await createEvent(app, staff.token, { capacity: 2 });
  const holders = [await app.login(`first_h1_${n}`), await app.login(`first_h2_${n}`)];
  for (const h of holders) expect((await signUp(event.id, h.token)).body.signup.status).toBe('confirmed');
  const waiter = await app.login(`first_w_${n}`);
  expect((await signUp(event.id, waiter.token)).body.signup).toMatchObject({
    status: 'waitlisted',
    waitlistPosition: 1,
  });
  const newcomers = await Promise.all(Array.from({ length: 20 }, (_, i) => app.login(`first_new_${n}_${i}`)));
  return { event, holders, waiter, newcomers };
}

/** While `freeing` is held just after it freed a seat, 20 newcomers sign up at once; then it goes on. */
async function newcomersInTheWindow(
  eventId: string,
  freeing: ReturnType<typeof heldAfterWrites<{ status: number }>>,
  newcomers: { token: string }[],
) {
  await freeing.reached;
  const replies = await Promise.all(newcomers.map((u) => signUp(eventId, u.token)));
  freeing.release();
  expect((await freeing.done).status).toBeLessThan(300);
  return replies;
}

/** Every newcomer was waitlisted behind the household already waiting (places 2…21), and moves up to 1…20. */
async function expectAllWaitingBehind(
  eventId: string,
  replies: { status: number; body: { signup: { status: string; waitlistPosition?: number } } }[],
  newcomers: { token: string }[],
) {
  expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
  expect(replies.map((r) => r.body.signup.status)).toEqual(replies.map(() => 'waitlisted'));
  const sorted = (places: number[]) => [...places].sort((a, b) => a - b);
  const oneTo = (k: number, from = 1) => Array.from({ length: k }, (_, i) => i + from);
  expect(sorted(replies.map((r) => r.body.signup.waitlistPosition!))).toEqual(oneTo(replies.length, 2));
  const now = await Promise.all(
    newcomers.map(async (u) => (await mySignup(eventId, u.token)).waitlistPosition),
  );
  expect(sorted(now)).toEqual(oneTo(newcomers.length));
}

describe('defect 3: newcomers never jump the waiting list', () => {
  it('a seat freed by a cancellation goes to the household waiting, not to any of 20 newcomers', async () => {
    const { event, holders, waiter, newcomers } = await fullWithOneWaiting();
    // A cancellation writes three times (intent, signup, seats released) before it promotes.
    const cancelling = heldAfterWrites(
      () => app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: holders[0].token }),
      3,
    );
    const replies = await newcomersInTheWindow(event.id, cancelling, newcomers);
    expect((await mySignup(event.id, waiter.token)).status).toBe('confirmed');
    await expectAllWaitingBehind(event.id, replies, newcomers);
    const after = await expectSeatsExact(event.id);
    expect(after.seatsTaken).toBe(2);
    expect(after.waitlisted).toHaveLength(20);
  });

  it('a seat added by raising the capacity goes to the household waiting, not to any of 20 newcomers', async () => {
    const { event, waiter, newcomers } = await fullWithOneWaiting();
    // The capacity is one write; the promotion comes after it.
    const raising = heldAfterWrites(
      () => app.request('PATCH', `/v1/events/${event.id}`, { token: staff.token, body: { capacity: 3 } }),
      1,
    );
    const replies = await newcomersInTheWindow(event.id, raising, newcomers);
    expect((await mySignup(event.id, waiter.token)).status).toBe('confirmed');
    await expectAllWaitingBehind(event.id, replies, newcomers);
    const after = await expectSeatsExact(event.id);
    expect(after.seatsTaken).toBe(3);
  });
});

describe('promotion follows arrival order', () => {
  it('several seats freed at once go to the waiting households first come, first served', async () => {
    // Repeated, so that a promoter choosing at random among the households that fit would be caught.
    for (let trial = 0; trial < 5; trial++) {
      n++;
      const event = await createEvent(app, staff.token, { capacity: 1 });
      await signUp(event.id, (await app.login(`order_h_${n}`)).token);
      const waiters = [];
      for (let i = 0; i < 3; i++) {
        const w = await app.login(`order_w_${n}_${i}`);
        expect((await signUp(event.id, w.token)).body.signup.waitlistPosition).toBe(i + 1);
        waiters.push(w);
      }
      // Two seats added; the promotion is held at its first write of a signup, when its intent names the household.
      const raising = heldFlow(
        () => app.request('PATCH', `/v1/events/${event.id}`, { token: staff.token, body: { capacity: 3 } }),
        (next) => isWrite(next) && next.sk.startsWith('SIGNUP#'),
      );
      await raising.reached;
      expect(Object.keys((await seatFigures(event.id)).seatItem.intents as object)).toEqual([
        waiters[0].userId,
      ]);
      raising.release();
      await raising.done;
      const after = await expectSeatsExact(event.id);
      expect(after.waitlisted).toEqual([waiters[2].userId]);
      expect((await mySignup(event.id, waiters[2].token)).waitlistPosition).toBe(1);
    }
  });

  it('a second tap by a waiting household is refused and leaves no gap in the places behind it', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    await signUp(event.id, (await app.login(`tap_h_${n}`)).token);
    const waiter = await app.login(`tap_w_${n}`);
    expect((await signUp(event.id, waiter.token)).body.signup.waitlistPosition).toBe(1);
    expect((await signUp(event.id, waiter.token)).body.error.code).toBe('ALREADY_SIGNED_UP');
    const next = await signUp(event.id, (await app.login(`tap_n_${n}`)).token);
    expect(next.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(next.body.signup.waitlistPositionApproximate).toBeUndefined();
    await expectSeatsExact(event.id);
  });

  it('promotes the one who waits even when the index has not caught up with their sign-up yet', async () => {
    n++;
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const holder = await app.login(`lag_h_${n}`);
    await signUp(event.id, holder.token);
    const waiter = await app.login(`lag_w_${n}`);
    expect((await signUp(event.id, waiter.token)).body.signup.status).toBe('waitlisted');
    // At once, well within the index's 200 ms lag: the waiting signup is not yet in any index.
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: holder.token });
    expect((await mySignup(event.id, waiter.token)).status).toBe('confirmed');
    await expectSeatsExact(event.id);
  });
});
