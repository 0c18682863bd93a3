// The policy-steward duty desk (issue 15): the roster, copy last week, appointments ≤ capacity under concurrency,
// one per user per shift, cancel, and what staff see.
import { startTestApp, type TestApp } from '../support/app';
import { fakeDateAt, realDate } from '../support/fakeDate';
import {
  addDays,
  audit,
  book,
  cancelMine,
  createShift,
  districtDay,
  districtMonday,
  expectExact,
} from './duty.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 100 });
  staff = await app.userWithRoles('duty_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

const range = (fromDate: string, days: number) =>
  `from=${encodeURIComponent(`${fromDate}T00:00:00+08:00`)}&to=${encodeURIComponent(`${addDays(fromDate, days)}T00:00:00+08:00`)}`;

describe('the roster', () => {
  it('staff publish shifts; anyone reads them by day; bad input is 422', async () => {
    const user = await app.login('duty_reader');
    const body = {
      startsAt: `${districtDay(3)}T09:00:00+08:00`,
      endsAt: `${districtDay(3)}T11:00:00+08:00`,
      department: '区人社局',
      steward: '赵人社',
      capacity: 3,
    };
    expect((await app.request('POST', '/v1/duty', { token: user.token, body })).status).toBe(403);
    const backwards = await app.request('POST', '/v1/duty', {
      token: staff.token,
      body: { ...body, endsAt: body.startsAt },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.fields.endsAt).toBeDefined();
    const zero = await app.request('POST', '/v1/duty', {
      token: staff.token,
      body: { ...body, capacity: 0 },
    });
    expect(zero.body.error.fields.capacity).toBeDefined();
    const shift = await createShift(
      app,
      staff.token,
      { department: '区人社局', topics: ['社保', '就业补贴'] },
      districtDay(3),
    );
    await app.indexesSettled();
    const day = await app.request('GET', `/v1/duty?${range(districtDay(3), 1)}`);
    expect(day.status).toBe(200);
    expect(day.body.items).toEqual([
      expect.objectContaining({
        id: shift.id,
        department: '区人社局',
        topics: ['社保', '就业补贴'],
        capacity: 5,
        booked: 0,
      }),
    ]);
    expect(day.body.items[0].startsAt).toBe(new Date(`${districtDay(3)}T09:00:00+08:00`).toISOString());
    expect((await app.request('GET', `/v1/duty?${range(districtDay(4), 1)}`)).body.items).toEqual([]);
    const tooLong = await app.request('GET', `/v1/duty?${range(districtDay(0), 40)}`);
    expect(tooLong.status).toBe(422);
  });

  it('copies a week to another, same weekdays and hours, empty, once however often it is asked', async () => {
    const source = districtMonday(3);
    const target = districtMonday(4);
    const mon = await createShift(app, staff.token, { steward: '周一' }, source);
    await createShift(app, staff.token, { steward: '周三', capacity: 2 }, addDays(source, 2));
    await createShift(app, staff.token, { steward: '周日' }, addDays(source, 6));
    await createShift(
      app,
      staff.token,
      {
        steward: '下周一',
        startsAt: `${target}T14:00:00+08:00`,
        endsAt: `${target}T16:00:00+08:00`,
      },
      target,
    ); // already in the target week: kept
    const booker = await app.login('duty_copy_booker');
    expect((await book(app, mon.id, booker.token)).status).toBe(201);
    await app.indexesSettled();
    const user = await app.login('duty_copy_user');
    const body = { fromWeek: source, toWeek: target };
    expect((await app.request('POST', '/v1/admin/duty/copy-week', { token: user.token, body })).status).toBe(
      403,
    );
    const copied = await app.request('POST', '/v1/admin/duty/copy-week', { token: staff.token, body });
    expect(copied.status).toBe(200);
    expect([copied.body.copied, copied.body.existing]).toEqual([3, 0]);
    await app.indexesSettled();
    const again = await app.request('POST', '/v1/admin/duty/copy-week', { token: staff.token, body });
    expect([again.body.copied, again.body.existing]).toEqual([0, 3]);
    await app.indexesSettled();
    const week = (await app.request('GET', `/v1/duty?${range(target, 7)}`)).body.items;
    expect(
      week.map((s: { steward: string; booked: number; capacity: number }) => [
        s.steward,
        s.booked,
        s.capacity,
      ]),
    ).toEqual([
      ['周一', 0, 5],
      ['下周一', 0, 5],
      ['周三', 0, 2],
      ['周日', 0, 5],
    ]);
    expect(week[0].startsAt).toBe(new Date(`${target}T09:00:00+08:00`).toISOString());
    expect(week[3].startsAt).toBe(new Date(`${addDays(target, 6)}T09:00:00+08:00`).toISOString());
    const notMonday = await app.request('POST', '/v1/admin/duty/copy-week', {
      token: staff.token,
      body: { fromWeek: addDays(source, 1), toWeek: target },
    });
    expect(notMonday.status).toBe(422);
    expect(notMonday.body.error.fields.fromWeek).toBeDefined();
  });

  it('staff delete a shift nobody booked; a booked one is 409', async () => {
    const shift = await createShift(app, staff.token);
    const empty = await createShift(app, staff.token);
    const user = await app.login('duty_delete_user');
    await book(app, shift.id, user.token);
    expect(
      (await app.request('DELETE', `/v1/duty/${shift.id}`, { token: staff.token })).body.error.code,
    ).toBe('SHIFT_BOOKED');
    expect((await app.request('DELETE', `/v1/duty/${empty.id}`, { token: user.token })).status).toBe(403);
    expect((await app.request('DELETE', `/v1/duty/${empty.id}`, { token: staff.token })).status).toBe(204);
    expect((await book(app, empty.id, user.token)).status).toBe(404);
  });
});

describe('appointments', () => {
  it('40 people at once for 5 places: exactly 5 booked, the rest SHIFT_FULL', async () => {
    const shift = await createShift(app, staff.token, { capacity: 5 });
    const users = await Promise.all(Array.from({ length: 40 }, (_, i) => app.login(`duty_rush_${i}`)));
    const replies = await Promise.all(users.map((u, i) => book(app, shift.id, u.token, `问题 ${i}`)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(35);
    expect(new Set(replies.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(['SHIFT_FULL']),
    );
    await expectExact(shift.id, 5);
    const winners = users.filter((_, i) => replies[i].status === 201).map((u) => u.userId);
    expect((await audit(shift.id)).users.sort()).toEqual(winners.sort());
    // Staff see each appointment with the question left in advance.
    const list = await app.request('GET', `/v1/duty/${shift.id}/appointments`, { token: staff.token });
    expect(list.body.items).toHaveLength(5);
    expect(
      list.body.items.every(
        (a: { question: string; nickname: string }) => /^问题 \d+$/.test(a.question) && a.nickname,
      ),
    ).toBe(true);
    expect(
      (await app.request('GET', `/v1/duty/${shift.id}/appointments`, { token: users[0].token })).status,
    ).toBe(403);
  });

  it('one per user per shift, also when the same user books ten times at once', async () => {
    const shift = await createShift(app, staff.token, { capacity: 5 });
    const user = await app.login('duty_eager');
    const replies = await Promise.all(Array.from({ length: 10 }, () => book(app, shift.id, user.token)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201))
      expect([r.status, r.body.error.code]).toEqual([409, 'ALREADY_BOOKED']);
    await expectExact(shift.id, 1);
    const again = await book(app, shift.id, user.token);
    expect(again.body.error.code).toBe('ALREADY_BOOKED');
    await expectExact(shift.id, 1);
  });

  it("a retry with the booking's Idempotency-Key gets the same appointment; a signed-in reader sees their own", async () => {
    const shift = await createShift(app, staff.token, {}, districtDay(2));
    const user = await app.login('duty_keyed');
    const first = await book(app, shift.id, user.token, '发票怎么开', 'duty-key-1');
    const second = await book(app, shift.id, user.token, '发票怎么开', 'duty-key-1');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.appointment).toEqual(first.body.appointment);
    await app.indexesSettled();
    const listed = await app.request('GET', `/v1/duty?${range(districtDay(2), 1)}`, { token: user.token });
    const mine = listed.body.items.find((s: { id: string }) => s.id === shift.id);
    expect(mine).toMatchObject({ booked: 1, mine: { question: '发票怎么开' } });
    const stranger = (await app.request('GET', `/v1/duty?${range(districtDay(2), 1)}`)).body.items.find(
      (s: { id: string }) => s.id === shift.id,
    );
    expect(stranger.mine).toBeUndefined();
    const myList = await app.request('GET', '/v1/me/duty-appointments', { token: user.token });
    expect(myList.body.items.map((a: { shiftId: string }) => a.shiftId)).toEqual([shift.id]);
  });

  it('cancel gives the place back (a repeat: 204 again) and the user may book again; cancelling nothing is 404', async () => {
    const shift = await createShift(app, staff.token, { capacity: 1 });
    const a = await app.login('duty_cancel_a');
    const b = await app.login('duty_cancel_b');
    expect((await book(app, shift.id, a.token)).status).toBe(201);
    expect((await book(app, shift.id, b.token)).body.error.code).toBe('SHIFT_FULL');
    expect((await cancelMine(app, shift.id, a.token)).status).toBe(204);
    expect((await cancelMine(app, shift.id, a.token)).status).toBe(204);
    await expectExact(shift.id, 0);
    expect((await cancelMine(app, shift.id, b.token)).status).toBe(404);
    expect((await book(app, shift.id, b.token)).status).toBe(201);
    expect((await book(app, shift.id, a.token)).body.error.code).toBe('SHIFT_FULL');
    expect((await cancelMine(app, shift.id, b.token)).status).toBe(204);
    expect((await book(app, shift.id, a.token)).status).toBe(201);
    await expectExact(shift.id, 1);
  });

  it('cancels and bookings racing keep the count exact', async () => {
    const shift = await createShift(app, staff.token, { capacity: 3 });
    const holders = await Promise.all([0, 1, 2].map((i) => app.login(`duty_race_holder_${i}`)));
    for (const h of holders) expect((await book(app, shift.id, h.token)).status).toBe(201);
    const newcomers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => app.login(`duty_race_new_${i}`)),
    );
    const replies = await Promise.all([
      ...holders.map((h) => cancelMine(app, shift.id, h.token)),
      ...newcomers.map((u) => book(app, shift.id, u.token)),
    ]);
    const booked = replies.slice(3).filter((r) => r.status === 201).length;
    expect(booked).toBeLessThanOrEqual(3);
    await expectExact(shift.id, booked);
  });

  it('an appointment is not cancelled once its shift has ended (409 SHIFT_OVER): booked and the staff list stay', async () => {
    const shift = await createShift(app, staff.token, { capacity: 3 });
    const [kept, early] = [await app.login('duty_over_kept'), await app.login('duty_over_early')];
    for (const u of [kept, early]) expect((await book(app, shift.id, u.token)).status).toBe(201);
    const staffList = async () =>
      (await app.request('GET', `/v1/duty/${shift.id}/appointments`, { token: staff.token })).body.items.map(
        (a: { userId: string }) => a.userId,
      );
    try {
      fakeDateAt(Date.parse(shift.endsAt) - 1); // a millisecond before the end: still cancelled
      expect((await cancelMine(app, shift.id, early.token)).status).toBe(204);
      for (const late of [0, 86400_000]) {
        // The moment it ends, and a day later.
        fakeDateAt(Date.parse(shift.endsAt) + late);
        const refused = await cancelMine(app, shift.id, kept.token);
        expect([refused.status, refused.body.error.code]).toEqual([409, 'SHIFT_OVER']);
        expect(refused.body.error.message).toBe('该班次已结束，不能取消预约');
      }
      // The cancel made in time, repeated after the end: the same 204.
      expect((await cancelMine(app, shift.id, early.token)).status).toBe(204);
    } finally {
      realDate();
    }
    await expectExact(shift.id, 1);
    expect((await audit(shift.id)).users).toEqual([kept.userId]);
    expect(await staffList()).toEqual([kept.userId]);
  });

  it('an ended shift takes no bookings; sign-in needed; unknown shift 404', async () => {
    const past = await createShift(app, staff.token, {}, districtDay(-2));
    const user = await app.login('duty_late');
    expect((await book(app, past.id, user.token)).body.error.code).toBe('SHIFT_OVER');
    expect((await app.request('POST', `/v1/duty/${past.id}/appointments`, { body: {} })).status).toBe(401);
    expect((await book(app, 'shnothere', user.token)).status).toBe(404);
    await expectExact(past.id, 0);
  });
});
