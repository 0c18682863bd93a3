// Venues and bookings: the directory (staff edit, anyone reads by kind), the booking rules (every kind of overlap
// refused, adjacent allowed, hours / half hour / length / horizon / capacity), decisions and cancellation freeing
// the time, who may see and do what, and creation idempotent by Idempotency-Key. No index lag here; see
// venues-concurrency and venues-crash for concurrency and crashes.
import { seed } from '../../functions/venues/seed';
import { userService } from '../../functions/users/userService';
import { fakeDateAt, realDate } from '../support/fakeDate';
import { at, audit, book, bookingBody, districtDay, venuesSuite } from './venues.support';

jest.setTimeout(60_000);

const suite = venuesSuite();

describe('the directory', () => {
  it('staff add and edit venues; anyone lists them by kind and reads one; others may not edit', async () => {
    const user = await suite.newUser();
    const id = await suite.newVenue({ kind: 'learning_site', location: { lat: 37.5, lng: 122.1 } });
    const outdoor = await suite.newVenue({ kind: 'outdoor_site', opensAt: undefined, closesAt: undefined });
    const one = await suite.app.request('GET', `/v1/venues/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.venue).toMatchObject({ id, kind: 'learning_site', bookable: true, opensAt: '08:00' });
    expect((await suite.app.request('GET', `/v1/venues/${outdoor}`)).body.venue.bookable).toBe(false);

    const learning = await suite.app.request('GET', '/v1/venues?kind=learning_site&limit=100');
    expect(learning.body.items.map((v: { id: string }) => v.id)).toContain(id);
    expect(learning.body.items.every((v: { kind: string }) => v.kind === 'learning_site')).toBe(true);
    expect((await suite.app.request('GET', '/v1/venues?kind=pool')).status).toBe(422);

    const patch = { capacity: 50, kind: 'centre_room', location: null };
    expect(
      (await suite.app.request('PATCH', `/v1/venues/${id}`, { token: user.token, body: patch })).status,
    ).toBe(403);
    const edited = await suite.app.request('PATCH', `/v1/venues/${id}`, {
      token: suite.staff.token,
      body: patch,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.venue).toMatchObject({ capacity: 50, kind: 'centre_room' });
    expect(edited.body.venue.location).toBeUndefined();
    const rooms = await suite.app.request('GET', '/v1/venues?kind=centre_room&limit=100');
    expect(rooms.body.items.map((v: { id: string }) => v.id)).toContain(id);
    expect(
      (await suite.app.request('GET', '/v1/venues?kind=learning_site&limit=100')).body.items.map(
        (v: { id: string }) => v.id,
      ),
    ).not.toContain(id);

    const bad = await suite.app.request('POST', '/v1/venues', {
      token: suite.staff.token,
      body: { name: '', kind: 'centre_room', address: 'x', capacity: 0, opensAt: '18:00', closesAt: '08:00' },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['capacity', 'closesAt', 'name']);
    expect((await suite.app.request('GET', '/v1/venues/nope')).status).toBe(404);
    expect(
      (await suite.app.request('PATCH', '/v1/venues/nope', { token: suite.staff.token, body: {} })).status,
    ).toBe(404);
  });
});

describe('booking rules', () => {
  it('refuses every kind of overlap with 409 SLOT_TAKEN and allows adjacent bookings', async () => {
    const venue = await suite.newVenue();
    const a = await suite.newUser();
    const b = await suite.newUser();
    const first = await book(suite, a.token, venue, at(3, '10:00'), at(3, '12:00'));
    expect(first.status).toBe(201);
    expect(first.body.booking).toMatchObject({ status: 'pending', venueId: venue, attendees: 10 });
    const overlaps = [
      ['inside', '10:30', '11:30'],
      ['the same', '10:00', '12:00'],
      ['across the start', '09:00', '10:30'],
      ['across the end', '11:30', '13:00'],
      ['enclosing', '09:30', '12:30'],
    ];
    for (const [, from, to] of overlaps) {
      const res = await book(suite, b.token, venue, at(3, from), at(3, to));
      expect([res.status, res.body.error?.code]).toEqual([409, 'SLOT_TAKEN']);
    }
    expect((await book(suite, b.token, venue, at(3, '09:00'), at(3, '10:00'))).status).toBe(201);
    expect((await book(suite, b.token, venue, at(3, '12:00'), at(3, '12:30'))).status).toBe(201);
    const state = await audit(venue);
    expect(state.active).toHaveLength(3);
    expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
    // A refused booking leaves nothing behind: 2 h + 1 h + 30 min held.
    expect(state.held.size).toBe(7);
  });

  it.each([
    ['not on the half hour', at(4, '10:15'), at(4, '11:00'), 'startsAt'],
    ['ending off the half hour', at(4, '10:00'), at(4, '10:45'), 'endsAt'],
    ['with seconds', `${districtDay(4)}T10:00:30+08:00`, at(4, '11:00'), 'startsAt'],
    ['shorter than 30 minutes', at(4, '10:00'), at(4, '10:00'), 'endsAt'],
    ['ending before it starts', at(4, '11:00'), at(4, '10:00'), 'endsAt'],
    ['longer than 8 hours', at(4, '08:30'), at(4, '17:00'), 'endsAt'],
    ['before opening', at(4, '07:30'), at(4, '09:00'), 'startsAt'],
    ['after closing', at(4, '19:00'), at(4, '20:30'), 'startsAt'],
    ['in the past', at(-1, '10:00'), at(-1, '11:00'), 'startsAt'],
    ['beyond 60 days', at(61, '10:00'), at(61, '11:00'), 'startsAt'],
  ])('refuses a booking %s with 422 and writes nothing', async (_, startsAt, endsAt, field) => {
    const venue = await suite.newVenue();
    const user = await suite.newUser();
    const res = await book(suite, user.token, venue, startsAt, endsAt);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty(field);
    const state = await audit(venue);
    expect([state.bookings.length, state.held.size]).toEqual([0, 0]);
  });

  it('accepts exactly 8 hours up to closing, 59 days ahead; checks attendees, bookable and the body', async () => {
    const venue = await suite.newVenue({ capacity: 20 });
    const user = await suite.newUser();
    expect((await book(suite, user.token, venue, at(5, '12:00'), at(5, '20:00'))).status).toBe(201);
    expect((await book(suite, user.token, venue, at(59, '08:00'), at(59, '08:30'))).status).toBe(201);
    const crowd = await suite.app.request('POST', `/v1/venues/${venue}/bookings`, {
      token: user.token,
      body: bookingBody(at(6, '10:00'), at(6, '11:00'), { attendees: 21 }),
    });
    expect([crowd.status, Object.keys(crowd.body.error.fields)]).toEqual([422, ['attendees']]);
    const empty = await suite.app.request('POST', `/v1/venues/${venue}/bookings`, {
      token: user.token,
      body: bookingBody(at(6, '10:00'), at(6, '11:00'), { purpose: ' ', organisation: '' }),
    });
    expect(Object.keys(empty.body.error.fields).sort()).toEqual(['organisation', 'purpose']);
    const outdoor = await suite.newVenue({ kind: 'outdoor_site' });
    const refused = await book(suite, user.token, outdoor, at(6, '10:00'), at(6, '11:00'));
    expect([refused.status, refused.body.error.code]).toEqual([409, 'NOT_BOOKABLE']);
    expect((await book(suite, user.token, 'nope', at(6, '10:00'), at(6, '11:00'))).status).toBe(404);
    const anonymous = await suite.app.request('POST', `/v1/venues/${venue}/bookings`, {
      body: bookingBody(at(6, '10:00'), at(6, '11:00')),
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('decisions, cancellation and visibility', () => {
  it('staff approve or decline (never their own); decline and cancel free the time, also when retried', async () => {
    const venue = await suite.newVenue();
    const booker = await suite.newUser();
    const other = await suite.newUser();
    const one = (await book(suite, booker.token, venue, at(7, '10:00'), at(7, '11:00'))).body.booking;
    const two = (await book(suite, booker.token, venue, at(7, '14:00'), at(7, '15:00'))).body.booking;
    const decide = (id: string, token: string, body: object) =>
      suite.app.request('POST', `/v1/admin/bookings/${id}/decision`, { token, body });

    expect((await decide(one.id, booker.token, { decision: 'approve' })).status).toBe(403);
    const approved = await decide(one.id, suite.staff.token, { decision: 'approve' });
    expect([approved.status, approved.body.booking.status]).toEqual([200, 'approved']);
    const declined = await decide(two.id, suite.staff.token, { decision: 'decline', reason: '当天另有安排' });
    expect(declined.body.booking).toMatchObject({ status: 'declined', reason: '当天另有安排' });
    expect((await decide(two.id, suite.staff.token, { decision: 'decline' })).status).toBe(200);
    const late = await decide(two.id, suite.staff.token, { decision: 'approve' });
    expect([late.status, late.body.error.code]).toEqual([409, 'BOOKING_CLOSED']);
    expect((await decide(one.id, suite.staff.token, { decision: 'maybe' })).status).toBe(422);

    // The declined time is free again; the approved one is not.
    expect((await book(suite, other.token, venue, at(7, '14:00'), at(7, '15:00'))).status).toBe(201);
    expect((await book(suite, other.token, venue, at(7, '10:30'), at(7, '11:00'))).status).toBe(409);

    expect((await suite.app.request('DELETE', `/v1/bookings/${one.id}`, { token: other.token })).status).toBe(
      403,
    );
    for (let i = 0; i < 2; i++) {
      const cancelled = await suite.app.request('DELETE', `/v1/bookings/${one.id}`, { token: booker.token });
      expect([cancelled.status, cancelled.body.booking.status]).toEqual([200, 'cancelled']);
    }
    expect((await book(suite, other.token, venue, at(7, '10:00'), at(7, '11:00'))).status).toBe(201);
    const state = await audit(venue);
    expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
    expect(state.held.size).toBe(4);

    // A staff member who books is refused on their own booking, but another staff member may decide it.
    const own = (await book(suite, suite.staff.token, venue, at(8, '10:00'), at(8, '11:00'))).body.booking;
    expect((await decide(own.id, suite.staff.token, { decision: 'approve' })).status).toBe(403);
    const colleague = await suite.app.userWithRoles('venue_staff_2', ['staff']);
    expect((await decide(own.id, colleague.token, { decision: 'approve' })).status).toBe(200);
    expect((await suite.app.request('DELETE', '/v1/bookings/nope', { token: booker.token })).status).toBe(
      404,
    );
  });

  it('refuses cancelling or approving a booking once its time has begun (409 BOOKING_STARTED); declining stays allowed', async () => {
    const venue = await suite.newVenue();
    const booker = await suite.newUser();
    const made = async (from: string, to: string) =>
      (await book(suite, booker.token, venue, at(1, from), at(1, to))).body.booking.id as string;
    const begun = await made('10:00', '11:00'); // approved, then its time begins
    const pending = await made('12:00', '13:00'); // never decided before its time
    const early = await made('16:00', '17:00'); // cancelled a moment before its time
    const request = (method: string, url: string, token: string, body?: object) =>
      suite.app.request(method, url, { token, body });
    const decide = (id: string, decision: string) =>
      request('POST', `/v1/admin/bookings/${id}/decision`, suite.staff.token, { decision });
    // Instants and the day are fixed before the clock moves (`at` and `districtDay` read it).
    const [at10, at16, at17, day1] = [at(1, '10:00'), at(1, '16:00'), at(1, '17:00'), districtDay(1)];
    const hoursOfDay1 = async () => {
      const url = `/v1/admin/dashboard?from=${day1}&to=${day1}`;
      const rows = (await request('GET', url, suite.staff.token)).body.headline;
      return rows.find((r: { id: string }) => r.id === 'booking_hours').parts[0].value as number;
    };
    expect((await decide(begun, 'approve')).status).toBe(200);
    expect(await hoursOfDay1()).toBe(1);
    try {
      fakeDateAt(Date.parse(at16) - 1); // a millisecond before its start: still cancelled
      expect((await request('DELETE', `/v1/bookings/${early}`, booker.token)).status).toBe(200);

      fakeDateAt(Date.parse(at10)); // the moment it begins, by its booker or by staff
      for (const token of [booker.token, suite.staff.token]) {
        const late = await request('DELETE', `/v1/bookings/${begun}`, token);
        expect([late.status, late.body.error.code]).toEqual([409, 'BOOKING_STARTED']);
        expect(late.body.error.message).toBe('预约时段已开始，不能取消');
      }
      fakeDateAt(Date.parse(at17));
      expect((await request('DELETE', `/v1/bookings/${begun}`, booker.token)).status).toBe(409);
      // The cancel made in time, repeated after the start: the same answer.
      const again = await request('DELETE', `/v1/bookings/${early}`, booker.token);
      expect([again.status, again.body.booking.status]).toEqual([200, 'cancelled']);

      const approve = await decide(pending, 'approve');
      expect([approve.status, approve.body.error.code]).toEqual([409, 'BOOKING_STARTED']);
      expect(approve.body.error.message).toBe('预约时段已开始，不能通过审批');
      const decline = await decide(pending, 'decline');
      expect([decline.status, decline.body.booking.status]).toEqual([200, 'declined']);
    } finally {
      realDate();
    }
    const state = await audit(venue);
    const statusOf = (id: string) => state.bookings.find((b) => b.id === id)?.status;
    expect([statusOf(begun), statusOf(pending), statusOf(early)]).toEqual([
      'approved',
      'declined',
      'cancelled',
    ]);
    expect([state.overlapping, state.unheld, state.orphans]).toEqual([[], [], []]);
    expect(await hoursOfDay1()).toBe(1); // the hours used that day stay counted
  });

  it('shows strangers times and status only, the booker and staff the whole booking; lists mine and the queue', async () => {
    const venue = await suite.newVenue();
    const booker = await suite.newUser();
    const mine = (await book(suite, booker.token, venue, at(9, '10:00'), at(9, '11:30'))).body.booking;
    const url = `/v1/venues/${venue}/bookings?from=${districtDay(9)}&to=${districtDay(9)}`;
    const anonymous = await suite.app.request('GET', url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.items).toEqual([
      { startsAt: mine.startsAt, endsAt: mine.endsAt, status: 'pending' },
    ]);
    const stranger = await suite.newUser();
    expect((await suite.app.request('GET', url, { token: stranger.token })).body.items[0]).not.toHaveProperty(
      'organisation',
    );
    expect((await suite.app.request('GET', url, { token: booker.token })).body.items[0]).toMatchObject({
      id: mine.id,
      organisation: '华联大厦联合党支部',
    });
    expect((await suite.app.request('GET', url, { token: suite.staff.token })).body.items[0].id).toBe(
      mine.id,
    );
    const otherDay = `/v1/venues/${venue}/bookings?from=${districtDay(10)}&to=${districtDay(12)}`;
    expect((await suite.app.request('GET', otherDay)).body.items).toEqual([]);
    const week = await suite.app.request('GET', `/v1/venues/${venue}/bookings`);
    expect(week.body).toMatchObject({ from: districtDay(0), to: districtDay(6) });
    const tooLong = `/v1/venues/${venue}/bookings?from=${districtDay(1)}&to=${districtDay(40)}`;
    expect((await suite.app.request('GET', tooLong)).status).toBe(422);
    // A range of millennia, unsigned: refused from its length alone (lib/time.ts daySpan; no list of its days).
    const huge = await suite.app.request('GET', `/v1/venues/${venue}/bookings?from=0001-01-01&to=9999-12-31`);
    expect(huge.status).toBe(422);
    expect(huge.body.error.fields).toEqual({ to: '查询范围最多 31 天' });

    const list = await suite.app.request('GET', '/v1/me/bookings', { token: booker.token });
    expect(list.body.items.map((b: { id: string }) => b.id)).toEqual([mine.id]);
    expect(list.body.items[0].venueName).toMatch(/测试会议室/);
    const queue = await suite.app.request('GET', '/v1/admin/bookings?status=pending&limit=100', {
      token: suite.staff.token,
    });
    expect(queue.body.items.map((b: { id: string }) => b.id)).toContain(mine.id);
    expect((await suite.app.request('GET', '/v1/admin/bookings', { token: booker.token })).status).toBe(403);
  });

  it('is idempotent by Idempotency-Key: a retry answers the same booking and takes nothing twice', async () => {
    const venue = await suite.newVenue();
    const user = await suite.newUser();
    const headers = { 'Idempotency-Key': 'venue-retry-1' };
    const first = await book(suite, user.token, venue, at(11, '10:00'), at(11, '11:00'), headers);
    const again = await book(suite, user.token, venue, at(11, '10:00'), at(11, '11:00'), headers);
    expect(first.status).toBe(201);
    expect(again.body.booking.id).toBe(first.body.booking.id);
    const state = await audit(venue);
    expect([state.bookings.length, state.held.size]).toEqual([1, 2]);
  });
});

describe('the demo data', () => {
  it('seeds the centre rooms, 19 learning sites and 12 outdoor sites (not bookable), and one pending request', async () => {
    const staff = await userService.signIn('seed_staff');
    await seed({ staffUserId: staff.id, user: async (openid) => (await userService.signIn(openid)).id });
    const kind = async (k: string) =>
      (await suite.app.request('GET', `/v1/venues?kind=${k}&limit=100`)).body.items.filter(
        (v: { name: string }) => !v.name.startsWith('测试会议室'),
      );
    const rooms = await kind('centre_room');
    expect(rooms.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining(['室内会议室', '广场活动室']),
    );
    expect(await kind('learning_site')).toHaveLength(19);
    const outdoor = await kind('outdoor_site');
    expect(outdoor).toHaveLength(12);
    expect(outdoor.every((v: { bookable: boolean }) => !v.bookable)).toBe(true);
    const meetingRoom = rooms.find((v: { name: string }) => v.name === '室内会议室');
    const week = await suite.app.request('GET', `/v1/venues/${meetingRoom.id}/bookings`);
    expect(week.body.items).toEqual([expect.objectContaining({ status: 'pending' })]);
  });
});
