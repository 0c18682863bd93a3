// A write the store applied but whose reply was lost: the store client sends it again (its retries), and the copy is
// refused by the original. Each step of a duty booking or cancel must see that the item there is its own write and
// go on, not take the refusal for someone else's write (that gave a booked place back: the shift overbooked later,
// or answered 409/404/503 to a booking or cancel that was made). Simulated by a store method that applies the
// write, then reports the refusal of its copy (as tests/integration/events-lost-replies.test.ts).
import { appointmentStore } from '../../functions/services/duty/appointmentStore';
import { shiftStore } from '../../functions/services/duty/shiftStore';
import { startTestApp, type TestApp } from '../support/app';
import { audit, book, cancelMine, createShift, expectExact } from './duty.support';
import { loseNextReply } from '../support/lostReply';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string };
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('duty_lost_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

const users = (count: number) =>
  Promise.all(Array.from({ length: count }, () => app.login(`duty_lost_user_${++n}`)));

describe('a booking', () => {
  it('whose appointment write was applied keeps its place: 201, and the next person finds the shift full', async () => {
    const shift = await createShift(app, staff.token, { capacity: 1 });
    const [first, second] = await users(2);
    const lost = loseNextReply(appointmentStore, 'putBooked');
    const res = await book(app, shift.id, first.token, '研发费用加计扣除');
    expect(lost).toHaveBeenCalledTimes(1);
    expect([res.status, res.body.appointment?.userId]).toEqual([201, first.userId]);
    const refused = await book(app, shift.id, second.token);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'SHIFT_FULL']);
    await expectExact(shift.id, 1);
    expect((await audit(shift.id)).users).toEqual([first.userId]);
  });

  it('whose place was taken goes on with that place: 201 without a key, nothing left in flight', async () => {
    const shift = await createShift(app, staff.token, { capacity: 1 });
    const [first, second] = await users(2);
    const lost = loseNextReply(shiftStore, 'takePlace');
    const res = await book(app, shift.id, first.token);
    expect(lost).toHaveBeenCalledTimes(1);
    expect([res.status, res.body.appointment?.userId]).toEqual([201, first.userId]);
    const refused = await book(app, shift.id, second.token);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'SHIFT_FULL']);
    await expectExact(shift.id, 1);
    expect((await audit(shift.id)).users).toEqual([first.userId]);
  });

  it('whose place was taken, with an Idempotency-Key: 201 at once, not 503 until the intent is stale', async () => {
    const shift = await createShift(app, staff.token, { capacity: 2 });
    const [first] = await users(1);
    loseNextReply(shiftStore, 'takePlace');
    const res = await book(app, shift.id, first.token, undefined, 'duty-lost-key-1');
    expect([res.status, res.body.appointment?.userId]).toEqual([201, first.userId]);
    await expectExact(shift.id, 1);
  });
});

describe('a cancel', () => {
  it('whose appointment was cancelled gives the place back: 204, and someone else may book it', async () => {
    const shift = await createShift(app, staff.token, { capacity: 1 });
    const [first, second] = await users(2);
    expect((await book(app, shift.id, first.token)).status).toBe(201);
    const lost = loseNextReply(appointmentStore, 'cancel');
    const res = await cancelMine(app, shift.id, first.token);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(res.status).toBe(204);
    await expectExact(shift.id, 0);
    expect((await book(app, shift.id, second.token)).status).toBe(201);
    await expectExact(shift.id, 1);
  });

  it('whose intent was recorded goes on with it: 204 at once, not 503 until the intent is stale', async () => {
    const shift = await createShift(app, staff.token, { capacity: 1 });
    const [first] = await users(1);
    expect((await book(app, shift.id, first.token)).status).toBe(201);
    const lost = loseNextReply(shiftStore, 'recordIntent');
    const res = await cancelMine(app, shift.id, first.token);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(res.status).toBe(204);
    await expectExact(shift.id, 0);
  });
});
