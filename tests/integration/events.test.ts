import { startTestApp, type TestApp } from '../support/app';
import { CONSENT, createEvent, expectExact, inDays, signUpMany } from './events.support';

let app: TestApp;
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('events_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

describe('creating and editing events', () => {
  it('creates an event with defaults, readable by anyone', async () => {
    const event = await createEvent(app, staff.token, {
      startsAt: '2030-05-01T09:00:00+08:00',
      endsAt: '2030-05-01T12:00:00+08:00',
    });
    const res = await app.request('GET', `/v1/events/${event.id}`);
    expect(res.status).toBe(200);
    expect(res.body.mySignup).toBeNull();
    expect(res.body.event).toMatchObject({
      id: event.id,
      kind: 'party_lesson',
      startsAt: '2030-05-01T01:00:00.000Z',
      capacity: 10,
      seatsTaken: 0,
      waitlistCount: 0,
      waitlist: true,
      status: 'open',
      maxParticipantsPerSignup: 1,
      rollCalls: ['depart', 'arrive', 'return'],
    });
    expect(res.body.event.intents).toBeUndefined();
  });

  it('only staff create events', async () => {
    const user = await app.login('events_plain');
    const res = await app.request('POST', '/v1/events', { token: user.token, body: {} });
    expect(res.status).toBe(403);
  });

  it('422 with fields for bad input, and nothing is written', async () => {
    const before = await app.request('GET', '/v1/events?kind=activity');
    const res = await app.request('POST', '/v1/events', {
      token: staff.token,
      body: {
        kind: 'activity',
        title: '',
        location: '中心',
        startsAt: 'tomorrow',
        endsAt: inDays(1),
        capacity: 0,
      },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['capacity', 'startsAt', 'title']);
    const crossField = await app.request('POST', '/v1/events', {
      token: staff.token,
      body: {
        kind: 'activity',
        title: '读书会',
        location: '中心',
        startsAt: inDays(2),
        endsAt: inDays(1),
        capacity: 5,
        maxParticipantsPerSignup: 3,
      },
    });
    expect(crossField.status).toBe(422);
    expect(Object.keys(crossField.body.error.fields).sort()).toEqual(['endsAt', 'maxParticipantsPerSignup']);
    const past = await app.request('POST', '/v1/events', {
      token: staff.token,
      body: {
        kind: 'activity',
        title: '读书会',
        location: '中心',
        startsAt: inDays(-1),
        endsAt: inDays(1),
        capacity: 5,
      },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.fields.startsAt).toBeTruthy();
    const after = await app.request('GET', '/v1/events?kind=activity');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses lowering capacity below the seats taken (409), allows it down to them', async () => {
    const event = await createEvent(app, staff.token, { capacity: 5 });
    await signUpMany(app, event.id, ['cap_a', 'cap_b', 'cap_c']);
    const tooLow = await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { capacity: 2 },
    });
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.error.code).toBe('CAPACITY_BELOW_SEATS_TAKEN');
    const ok = await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { capacity: 3, title: '新标题' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.event).toMatchObject({ capacity: 3, title: '新标题', seatsTaken: 3 });
    await expectExact(event.id);
  });

  it('raising capacity promotes the waiting list', async () => {
    const event = await createEvent(app, staff.token, { capacity: 1 });
    const { users } = await signUpMany(app, event.id, ['raise_a']);
    const second = await app.login('raise_b');
    const waiting = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: second.token,
      body: {},
    });
    expect(waiting.body.signup.status).toBe('waitlisted');
    await app.request('PATCH', `/v1/events/${event.id}`, { token: staff.token, body: { capacity: 2 } });
    const mine = await app.request('GET', `/v1/events/${event.id}`, { token: second.token });
    expect(mine.body.mySignup.status).toBe('confirmed');
    expect(users).toHaveLength(1);
    await expectExact(event.id);
  });

  it('close and cancel stop sign-ups with SIGNUP_CLOSED; PATCH status reopens a closed event', async () => {
    const event = await createEvent(app, staff.token);
    const user = await app.login('closer');
    const closed = await app.request('POST', `/v1/events/${event.id}/close`, { token: staff.token });
    expect(closed.body.event.status).toBe('closed');
    const refused = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: user.token,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SIGNUP_CLOSED');
    const reopened = await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { status: 'open' },
    });
    expect(reopened.body.event.status).toBe('open');
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: user.token, body: {} })).status,
    ).toBe(201);
    const cancelled = await app.request('POST', `/v1/events/${event.id}/cancel`, { token: staff.token });
    expect(cancelled.body.event.status).toBe('cancelled');
    const other = await app.login('closer2');
    const late = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: other.token,
      body: {},
    });
    expect(late.body.error.code).toBe('SIGNUP_CLOSED');
    const edit = await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { status: 'open' },
    });
    expect(edit.status).toBe(409);
  });

  it('sign-up closes at signupClosesAt', async () => {
    const event = await createEvent(app, staff.token, { signupClosesAt: inDays(2) });
    await app.request('PATCH', `/v1/events/${event.id}`, {
      token: staff.token,
      body: { signupClosesAt: new Date(Date.now() - 1000).toISOString() },
    });
    const user = await app.login('too_late');
    const res = await app.request('POST', `/v1/events/${event.id}/signups`, { token: user.token, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SIGNUP_CLOSED');
    expect(res.body.error.message).toMatch(/截止/);
  });
});

describe('listing', () => {
  it('lists events not yet ended, soonest first, by kind, with a cursor', async () => {
    const ids: string[] = [];
    for (const days of [9, 7, 8])
      ids.push(
        (
          await createEvent(app, staff.token, {
            kind: 'activity',
            title: `活动${days}`,
            startsAt: inDays(days),
            endsAt: inDays(days, 2),
          })
        ).id,
      );
    const first = await app.request('GET', '/v1/events?kind=activity&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { title: string }) => e.title)).toEqual(['活动7', '活动8']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await app.request(
      'GET',
      `/v1/events?kind=activity&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items.map((e: { title: string }) => e.title)).toEqual(['活动9']);
    const all = await app.request('GET', '/v1/events?limit=100');
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(ids));
    const starts = all.body.items.map((e: { startsAt: string }) => e.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect((await app.request('GET', '/v1/events?kind=nope')).status).toBe(422);
  });
});

describe('signing up', () => {
  it('confirms while seats fit, then waitlists with positions, then EVENT_FULL without a waitlist', async () => {
    const event = await createEvent(app, staff.token, { capacity: 2 });
    const { replies } = await signUpMany(app, event.id, ['s1', 's2']);
    expect(replies.map((r) => [r.status, r.body.signup.status])).toEqual([
      [201, 'confirmed'],
      [201, 'confirmed'],
    ]);
    expect(replies[0].body.signup).toMatchObject({
      eventId: event.id,
      seats: 1,
      createdAt: expect.any(String),
      ticket: expect.any(String),
    });
    const w1 = await app.login('s3');
    const w2 = await app.login('s4');
    const r3 = await app.request('POST', `/v1/events/${event.id}/signups`, { token: w1.token, body: {} });
    const r4 = await app.request('POST', `/v1/events/${event.id}/signups`, { token: w2.token, body: {} });
    expect(r3.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(r4.body.signup).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(r3.body.signup.ticket).toBeUndefined();
    const detail = await app.request('GET', `/v1/events/${event.id}`, { token: w2.token });
    expect(detail.body.mySignup).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(detail.body.event).toMatchObject({ seatsTaken: 2, waitlistCount: 2, seatsLeft: 0 });

    const noWait = await createEvent(app, staff.token, { capacity: 1, waitlist: false });
    await signUpMany(app, noWait.id, ['nw1']);
    const full = await app.request('POST', `/v1/events/${noWait.id}/signups`, { token: w1.token, body: {} });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('EVENT_FULL');
    await expectExact(event.id);
    await expectExact(noWait.id);
  });

  it('one active signup per user: ALREADY_SIGNED_UP, even for simultaneous taps; re-sign after cancel', async () => {
    const event = await createEvent(app, staff.token, { capacity: 5 });
    const user = await app.login('double_tapper');
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.request('POST', `/v1/events/${event.id}/signups`, { token: user.token, body: {} }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ALREADY_SIGNED_UP'),
    ).toBe(true);
    expect((await expectExact(event.id)).event.seatsTaken).toBe(1);
    const cancelled = await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: user.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.signup.status).toBe('cancelled');
    const again = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: user.token,
      body: {},
    });
    expect(again.status).toBe(201);
    expect(again.body.signup.status).toBe('confirmed');
    expect((await expectExact(event.id)).event.seatsTaken).toBe(1);
  });

  it('404 for an unknown event and for cancelling without a signup; 401 without a token', async () => {
    const user = await app.login('nobody');
    expect(
      (await app.request('POST', '/v1/events/NOPE/signups', { token: user.token, body: {} })).status,
    ).toBe(404);
    const event = await createEvent(app, staff.token);
    expect(
      (await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: user.token })).status,
    ).toBe(404);
    expect((await app.request('POST', `/v1/events/${event.id}/signups`, { body: {} })).status).toBe(401);
  });
});

describe('youth education', () => {
  const youth = {
    kind: 'youth_education',
    title: '党旗下的少年',
    capacity: 4,
    minAge: 6,
    maxAge: 12,
    maxParticipantsPerSignup: 3,
  };

  it('takes one seat per child, checks ages, count and a guardian phone (422, nothing written)', async () => {
    const event = await createEvent(app, staff.token, youth);
    const parent = await app.login('parent_a');
    const noKids = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: { guardianPhone: '13800001234' },
    });
    expect(noKids.status).toBe(422);
    expect(noKids.body.error.fields.participants).toBeTruthy();
    const badAge = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: {
        participants: [
          { name: '小明', age: 8 },
          { name: '小红', age: 14 },
        ],
        guardianPhone: '13800001234',
        ...CONSENT,
      },
    });
    expect(badAge.status).toBe(422);
    expect(Object.keys(badAge.body.error.fields)).toEqual(['participants.1.age']);
    const noPhone = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: { participants: [{ name: '小明', age: 8 }] },
    });
    expect(noPhone.status).toBe(422);
    expect(noPhone.body.error.fields.guardianPhone).toBeTruthy();
    const tooMany = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: {
        participants: [1, 2, 3, 4].map((i) => ({ name: `孩子${i}`, age: 8 })),
        guardianPhone: '13800001234',
        ...CONSENT,
      },
    });
    expect(tooMany.status).toBe(422);
    expect((await expectExact(event.id)).signups).toHaveLength(0);

    const ok = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: {
        participants: [
          { name: '小明', age: 8 },
          { name: '小红', age: 10 },
        ],
        guardianPhone: '13800001234',
        ...CONSENT,
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.signup).toMatchObject({
      status: 'confirmed',
      seats: 2,
      participants: [
        { name: '小明', age: 8 },
        { name: '小红', age: 10 },
      ],
    });
    expect((await expectExact(event.id)).event.seatsTaken).toBe(2);
  });

  it('uses the profile phone when the request has none; party lessons refuse participants', async () => {
    const event = await createEvent(app, staff.token, youth);
    const parent = await app.login('parent_profile');
    await app.request('PATCH', '/v1/me', { token: parent.token, body: { phone: '13900005678' } });
    const ok = await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: { participants: [{ name: '小刚', age: 7 }], ...CONSENT },
    });
    expect(ok.status).toBe(201);
    const lesson = await createEvent(app, staff.token);
    const refused = await app.request('POST', `/v1/events/${lesson.id}/signups`, {
      token: parent.token,
      body: { participants: [{ name: '小刚', age: 7 }] },
    });
    expect(refused.status).toBe(422);
  });

  it("children are visible only to their guardian and staff; the staff list and CSV mask nothing they shouldn't", async () => {
    const event = await createEvent(app, staff.token, youth);
    const parent = await app.login('parent_private');
    await app.request('POST', `/v1/events/${event.id}/signups`, {
      token: parent.token,
      body: { participants: [{ name: '王小丫', age: 9 }], guardianPhone: '13812341234', ...CONSENT },
    });
    const stranger = await app.login('stranger');
    const seenByStranger = await app.request('GET', `/v1/events/${event.id}`, { token: stranger.token });
    expect(seenByStranger.text).not.toContain('王小丫');
    expect(
      (await app.request('GET', `/v1/events/${event.id}/signups`, { token: stranger.token })).status,
    ).toBe(403);
    const mine = await app.request('GET', `/v1/events/${event.id}`, { token: parent.token });
    expect(mine.body.mySignup.participants).toEqual([{ name: '王小丫', age: 9 }]);
    const list = await app.request('GET', `/v1/events/${event.id}/signups`, { token: staff.token });
    expect(list.body.items[0]).toMatchObject({
      participants: [{ name: '王小丫', age: 9 }],
      guardianPhone: '138****1234', // masked: staff see it in full only on the roll-call of the event's day
      userId: parent.userId,
    });
    expect(list.body.items[0].ticket).toBeUndefined();
    const csv = await app.request('GET', `/v1/events/${event.id}/signups?format=csv`, { token: staff.token });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('序号,报名人,昵称,状态');
    expect(csv.text).toContain('138****1234');
    expect(csv.text).not.toContain('13812341234');
    expect(csv.text).toContain('王小丫（9岁）');
  });
});

describe('cancelling and the waiting list', () => {
  it('promotes in arrival order, each household whole; one that does not fit keeps its place', async () => {
    const event = await createEvent(app, staff.token, {
      kind: 'youth_education',
      capacity: 3,
      minAge: 3,
      maxAge: 15,
      maxParticipantsPerSignup: 3,
    });
    const kids = (n: number) => ({
      participants: Array.from({ length: n }, (_, i) => ({ name: `孩子${i}`, age: 8 })),
      guardianPhone: '13800000000',
      ...CONSENT,
    });
    const a = await app.login('fam_a');
    const b = await app.login('fam_b');
    const c = await app.login('fam_c');
    const d = await app.login('fam_d');
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: a.token, body: kids(2) })).body
        .signup.status,
    ).toBe('confirmed');
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: b.token, body: kids(1) })).body
        .signup.status,
    ).toBe('confirmed');
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: c.token, body: kids(3) })).body
        .signup,
    ).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(
      (await app.request('POST', `/v1/events/${event.id}/signups`, { token: d.token, body: kids(2) })).body
        .signup,
    ).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    // A leaves: 2 seats free. C (3) does not fit and keeps its place; D (2) behind it takes the seats.
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: a.token });
    expect(
      (await app.request('GET', `/v1/events/${event.id}`, { token: d.token })).body.mySignup.status,
    ).toBe('confirmed');
    expect(
      (await app.request('GET', `/v1/events/${event.id}`, { token: c.token })).body.mySignup,
    ).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // B leaves: 1 seat free, C still does not fit. D leaves: 3 free, C is promoted whole.
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: b.token });
    expect(
      (await app.request('GET', `/v1/events/${event.id}`, { token: c.token })).body.mySignup.status,
    ).toBe('waitlisted');
    await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: d.token });
    expect(
      (await app.request('GET', `/v1/events/${event.id}`, { token: c.token })).body.mySignup,
    ).toMatchObject({ status: 'confirmed', seats: 3 });
    const final = await expectExact(event.id);
    expect(final.event.seatsTaken).toBe(3);
  });

  it('a waitlisted signup can be cancelled; my signups lists everything newest first with the event', async () => {
    const event = await createEvent(app, staff.token, { capacity: 1 });
    await signUpMany(app, event.id, ['wl_first']);
    const user = await app.login('wl_leaver');
    await app.request('POST', `/v1/events/${event.id}/signups`, { token: user.token, body: {} });
    const left = await app.request('DELETE', `/v1/events/${event.id}/signups/me`, { token: user.token });
    expect(left.body.signup.status).toBe('cancelled');
    const other = await createEvent(app, staff.token, { capacity: 3 });
    await app.request('POST', `/v1/events/${other.id}/signups`, { token: user.token, body: {} });
    const mine = await app.request('GET', '/v1/me/signups', { token: user.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { eventId: string; status: string }) => [s.eventId, s.status])).toEqual([
      [other.id, 'confirmed'],
      [event.id, 'cancelled'],
    ]);
    expect(mine.body.items[0].event.title).toBe('刘公岛行走的党课');
    expect(mine.body.items[0].ticket).toEqual(expect.any(String));
    expect(mine.body.nextCursor).toBeNull();
    await expectExact(event.id);
  });
});

describe('attendance and roll-calls', () => {
  it('marks attendance by signupId or ticket, idempotently, and shows who is missing on the return trip', async () => {
    const event = await createEvent(app, staff.token, { capacity: 5 });
    const { replies } = await signUpMany(app, event.id, ['trip_a', 'trip_b', 'trip_c']);
    const [a, b, c] = replies.map((r) => r.body.signup);
    const first = await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { signupId: a.id },
    });
    expect(first.status).toBe(200);
    expect(first.body.signup).toMatchObject({
      id: a.id,
      attendedAt: expect.any(String),
      attendance: { depart: expect.any(String) },
    });
    const again = await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { signupId: a.id },
    });
    expect(again.body.signup.attendedAt).toBe(first.body.signup.attendedAt);
    await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { ticket: b.ticket, rollCall: 'depart' },
    });
    await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { ticket: a.ticket, rollCall: 'return' },
    });
    const calls = await app.request('GET', `/v1/events/${event.id}/rollcalls`, { token: staff.token });
    const byName = Object.fromEntries(calls.body.rollCalls.map((r: { name: string }) => [r.name, r]));
    expect(byName.depart.present).toBe(2);
    expect(byName.depart.missing.map((m: { id: string }) => m.id)).toEqual([c.id]);
    expect(byName.return.missing.map((m: { id: string }) => m.id)).toEqual([b.id]);
    expect(byName.arrive.present).toBe(0);
  });

  it('refuses forged or foreign tickets, unknown signups, waitlisted signups, wrong roll-calls', async () => {
    const event = await createEvent(app, staff.token, { kind: 'activity', capacity: 1 });
    const other = await createEvent(app, staff.token, { kind: 'activity', capacity: 1 });
    const { replies } = await signUpMany(app, event.id, ['att_a', 'att_b']);
    const [confirmed, waitlisted] = replies.map((r) => r.body.signup);
    const forged = confirmed.ticket.slice(0, -2) + (confirmed.ticket.endsWith('AA') ? 'BB' : 'AA');
    const post = (id: string, body: unknown) =>
      app.request('POST', `/v1/events/${id}/attendance`, { token: staff.token, body });
    expect((await post(event.id, { ticket: forged })).body.error.code).toBe('INVALID_TICKET');
    expect((await post(other.id, { ticket: confirmed.ticket })).status).toBe(403);
    expect((await post(event.id, { signupId: `${event.id}_nobody` })).status).toBe(404);
    expect((await post(event.id, { signupId: waitlisted.id })).body.error.code).toBe('SIGNUP_NOT_CONFIRMED');
    expect((await post(event.id, { signupId: confirmed.id, rollCall: 'return' })).status).toBe(422);
    expect((await post(event.id, {})).status).toBe(422);
    const ok = await post(event.id, { ticket: confirmed.ticket });
    expect(ok.body.signup.attendance).toEqual({ attend: expect.any(String) });
    const plain = await app.login('att_a');
    expect(
      (
        await app.request('POST', `/v1/events/${event.id}/attendance`, {
          token: plain.token,
          body: { signupId: confirmed.id },
        })
      ).status,
    ).toBe(403);
  });

  it('counts daily metrics for signups and first attendance', async () => {
    const event = await createEvent(app, staff.token, { kind: 'activity', capacity: 2 });
    const admin = await app.login('admin');
    // Earlier tests' sign-ups may still wait in the stream's batching window: counted before `before` is read.
    await app.streamsSettled();
    const before = (await app.request('GET', '/v1/admin/stats', { token: admin.token })).body.totals;
    const { replies } = await signUpMany(app, event.id, ['m_a', 'm_b', 'm_c']);
    await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { signupId: replies[0].body.signup.id },
    });
    await app.request('POST', `/v1/events/${event.id}/attendance`, {
      token: staff.token,
      body: { signupId: replies[0].body.signup.id },
    });
    await app.streamsSettled(); // sign-ups are counted from the table's stream
    const after = (await app.request('GET', '/v1/admin/stats', { token: admin.token })).body.totals;
    expect((after.signups?.activity ?? 0) - (before.signups?.activity ?? 0)).toBe(3);
    expect((after.attendance?.activity ?? 0) - (before.attendance?.activity ?? 0)).toBe(1);
  });
});
