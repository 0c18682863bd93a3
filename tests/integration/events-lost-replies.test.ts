// A write the store applied but whose reply was lost: the store client sends it again (its retries), and the copy is
// refused by the original. The step must see that the item there is its own write and go on, not take the refusal
// for someone else's write and undo the step before it (that gave back a seat a signup held: oversold).
// Simulated by a store method that applies the write, then reports the refusal of its copy.
import { ledgerStore } from '../../functions/events/ledgerStore';
import { signupService } from '../../functions/events/signupService';
import { loadCurrentUser } from '../../functions/lib/principal';
import { signupStore } from '../../functions/events/signupStore';
import { inboxOf } from './inbox.support';
import { reconcileEvent } from '../../functions/events/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import { audit, createEvent, eventCalls, expectExact } from './events.support';
import { loseNextReply } from '../support/lostReply';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
const { signUp, cancel } = eventCalls(() => app);
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('lost_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

const users = (count: number) =>
  Promise.all(Array.from({ length: count }, () => app.login(`lost_user_${++n}`)));

it('a confirmed sign-up whose signup write was applied keeps its seat: 201, and the next person waits', async () => {
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [first, second] = await users(2);
  const lost = loseNextReply(signupStore, 'putActive');
  const res = await signUp(event.id, first.token);
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.signup?.status]).toEqual([201, 'confirmed']);
  expect((await signUp(event.id, second.token)).body.signup?.status).toBe('waitlisted');
  const after = await expectExact(event.id);
  expect(after.event.seatsTaken).toBe(1);
  expect(after.signups.map((s) => [s.userId, s.status]).sort()).toEqual(
    [
      [first.userId, 'confirmed'],
      [second.userId, 'waitlisted'],
    ].sort(),
  );
});

it('a waitlisted sign-up whose signup write was applied keeps its place and its entry', async () => {
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, first, second] = await users(3);
  expect((await signUp(event.id, holder.token)).body.signup?.status).toBe('confirmed');
  loseNextReply(signupStore, 'putActive');
  const res = await signUp(event.id, first.token);
  expect([res.status, res.body.signup?.status]).toEqual([201, 'waitlisted']);
  expect((await signUp(event.id, second.token)).body.signup?.status).toBe('waitlisted');
  const a = await expectExact(event.id);
  expect(a.event.waitlistCount).toBe(2);
  const seqOf = (userId: string) => a.waitlisted.find((s) => s.userId === userId)!.waitSeq!;
  expect(seqOf(first.userId)).toBeLessThan(seqOf(second.userId));
  // The first to wait is the first promoted.
  await cancel(event.id, holder.token);
  const promoted = (await audit(event.id)).signups.find((s) => s.status === 'confirmed');
  expect(promoted?.userId).toBe(first.userId);
});

it('a promotion whose signup write was applied keeps the seat it took', async () => {
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, waiter, late] = await users(3);
  await signUp(event.id, holder.token);
  await signUp(event.id, waiter.token);
  const lost = loseNextReply(signupStore, 'promote');
  expect((await cancel(event.id, holder.token)).status).toBeLessThan(300);
  expect(lost).toHaveBeenCalledTimes(1);
  expect((await signUp(event.id, late.token)).body.signup?.status).toBe('waitlisted');
  await reconcileEvent(event.id, { now: Date.now() + 3 * 60_000 });
  const after = await expectExact(event.id);
  expect(after.event.seatsTaken).toBe(1);
  expect(after.signups.filter((s) => s.status === 'confirmed').map((s) => s.userId)).toEqual([waiter.userId]);
});

it('a cancel whose signup write was applied gives its seat back, and the waiter is promoted into it', async () => {
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, waiter] = await users(2);
  await signUp(event.id, holder.token);
  await signUp(event.id, waiter.token);
  const lost = loseNextReply(signupStore, 'cancel');
  expect((await cancel(event.id, holder.token)).status).toBeLessThan(300);
  expect(lost).toHaveBeenCalledTimes(1);
  const after = await expectExact(event.id);
  expect(after.signups.filter((s) => s.status === 'confirmed').map((s) => s.userId)).toEqual([waiter.userId]);
});

it('leaving the waiting list, the signup write applied, lowers the count and drops the entry', async () => {
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, waiter] = await users(2);
  await signUp(event.id, holder.token);
  await signUp(event.id, waiter.token);
  loseNextReply(signupStore, 'cancel');
  expect((await cancel(event.id, waiter.token)).status).toBeLessThan(300);
  const after = await expectExact(event.id);
  expect([after.event.waitlistCount, after.entries.length]).toEqual([0, 0]);
});

const staffCall = (method: string, url: string, body?: unknown) =>
  app.request(method, url, { token: staff.token, body });
const kinds = async (token: string) => (await inboxOf(app, token)).items.map((x: { kind: string }) => x.kind);

it('cancelling an event whose status write was applied answers 200 and tells the people signed up', async () => {
  const event = await createEvent(app, staff.token, { capacity: 3 });
  const [member] = await users(1);
  await signUp(event.id, member.token);
  const lost = loseNextReply(ledgerStore, 'setStatus');
  const res = await staffCall('POST', `/v1/events/${event.id}/cancel`);
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.event?.status]).toEqual([200, 'cancelled']);
  expect(await kinds(member.token)).toContain('event_cancelled');
});

it('closing an event whose status write was applied answers 200 closed (was 409 EVENT_CANCELLED)', async () => {
  const event = await createEvent(app, staff.token, { capacity: 3 });
  loseNextReply(ledgerStore, 'setStatus');
  const res = await staffCall('POST', `/v1/events/${event.id}/close`);
  expect([res.status, res.body.event?.status]).toEqual([200, 'closed']);
});

it('a PATCH to cancelled whose ledger write was applied answers 200 and tells the people signed up', async () => {
  const event = await createEvent(app, staff.token, { capacity: 3 });
  const [member] = await users(1);
  await signUp(event.id, member.token);
  loseNextReply(ledgerStore, 'edit');
  const res = await staffCall('PATCH', `/v1/events/${event.id}`, { status: 'cancelled' });
  expect([res.status, res.body.event?.status]).toEqual([200, 'cancelled']);
  expect(await kinds(member.token)).toContain('event_cancelled');
});

it('a PATCH raising the capacity whose ledger write was applied promotes the waiting list at once', async () => {
  const event = await createEvent(app, staff.token, { capacity: 1 });
  const [holder, waiter] = await users(2);
  await signUp(event.id, holder.token);
  await signUp(event.id, waiter.token);
  loseNextReply(ledgerStore, 'edit');
  expect((await staffCall('PATCH', `/v1/events/${event.id}`, { capacity: 2 })).status).toBe(200);
  const after = await expectExact(event.id);
  expect(after.signups.filter((s) => s.status === 'confirmed')).toHaveLength(2);
});

it('a keyed sign-up run again after its first run finished (its reply not stored) takes no second seat', async () => {
  // The first run joined and settled its intent; the second, with the same key (same activation) and, within the
  // minute, the same intent tag, takes the seats again and is refused the signup: it must give them back.
  const event = await createEvent(app, staff.token, { capacity: 3 });
  const [member] = await users(1);
  const user = (await loadCurrentUser(member.userId))!;
  const first = await signupService.join(event.id, user, {}, 'same-key');
  const second = await signupService.join(event.id, user, {}, 'same-key');
  expect(second.signup.id).toBe(first.signup.id);
  const after = await expectExact(event.id);
  expect([after.event.seatsTaken, after.confirmedSeats]).toEqual([1, 1]);
});
