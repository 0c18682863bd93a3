// The dashboard's "events held" (issue 13's open defect: it counted an event when it was created, and kept a cancelled
// one) and the venue-booking rows, with known activity through the API and every figure checked exactly: an event
// counts once it has started (the events reconciler), on its district start day, never when cancelled, once however
// often the run repeats; bookings requested / approved / declined / cancelled on the day of each step, and the
// hours of approved bookings on the day of use (split at district midnight), taken back when such a booking is
// cancelled; duty-desk consultations once per booking.
import { reconcileAllEvents } from '../../functions/events/reconcileService';
import { districtDate } from '../../functions/lib/time';
import { startTestApp, type TestApp } from '../support/app';
import { createEvent } from './events.support';
import { fakeDateAt } from '../support/fakeDate';

jest.setTimeout(60_000);

const DAY_MS = 86400000;
// Day D is twenty days ahead, so nothing else in the store counts on these days; sessions last 7 days.
const D = districtDate(Date.now() + 20 * DAY_MS);
const dayPlus = (n: number) => districtDate(Date.parse(`${D}T12:00:00+08:00`) + n * DAY_MS);
const instant = (n: number, hhmm: string) => `${dayPlus(n)}T${hhmm}:00+08:00`;
const districtAt = (n: number, hhmm: string) => Date.parse(instant(n, hhmm));

/** Only the Date is faked (the timestamps the handlers write); timers and I/O run as they do. */
const clockAt = (ms: number) => jest.setSystemTime(ms);

let app: TestApp;
let staff: string;
let booker: string;

beforeAll(async () => {
  fakeDateAt(districtAt(0, '09:00'));
  app = await startTestApp();
  staff = (await app.userWithRoles('dh_staff', ['staff'])).token;
  booker = (await app.login('dh_booker')).token;
});
afterAll(async () => {
  jest.useRealTimers();
  await app.close();
});

async function ok(method: string, url: string, token: string, body?: unknown) {
  const res = await app.request(method, url, { token, body });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return res.body;
}

async function rows(from: number, to: number): Promise<Record<string, Record<string, number>>> {
  const body = await ok('GET', `/v1/admin/dashboard?from=${dayPlus(from)}&to=${dayPlus(to)}`, staff);
  const out: Record<string, Record<string, number>> = {};
  for (const row of body.headline as { id: string; parts: { key: string; value: number }[] }[])
    out[row.id] = Object.fromEntries(row.parts.map((p) => [p.key, p.value]));
  return out;
}

it('counts an event as held once it has started, never a cancelled one, once per event', async () => {
  clockAt(districtAt(0, '09:00'));
  const event = (n: number, hhmm: string, kind: string) =>
    createEvent(app, staff, { kind, startsAt: instant(n, hhmm), endsAt: instant(n, '23:00') });
  const lesson = await event(1, '10:00', 'party_lesson');
  const called = await event(1, '14:00', 'activity');
  const later = await event(2, '10:00', 'activity');
  const held = async () => (await rows(0, 2)).events;
  const zero = { party_lesson: 0, youth_education: 0, activity: 0 };
  expect(await held()).toEqual(zero); // created is not held

  await ok('POST', `/v1/events/${called.id}/cancel`, staff); // called off before it starts
  // Held from the moment it starts: a run a moment before counts nothing, a run at the start counts it.
  await reconcileAllEvents({ now: districtAt(1, '10:00') - 1 });
  expect(await held()).toEqual(zero);
  await reconcileAllEvents({ now: districtAt(1, '10:00') });
  expect(await held()).toEqual({ ...zero, party_lesson: 1 });
  await reconcileAllEvents({ now: districtAt(1, '15:00') });
  await reconcileAllEvents({ now: districtAt(1, '15:05') }); // the next run counts nothing more
  expect(await held()).toEqual({ ...zero, party_lesson: 1 });
  expect((await rows(1, 1)).events).toEqual({ ...zero, party_lesson: 1 }); // on its district start day

  await reconcileAllEvents({ now: districtAt(2, '10:30') });
  expect(await held()).toEqual({ ...zero, party_lesson: 1, activity: 1 });
  // Cancelled after it started: taken back, once (the cancel retried, the reconciler again).
  clockAt(districtAt(2, '11:00'));
  await ok('POST', `/v1/events/${later.id}/cancel`, staff);
  await ok('POST', `/v1/events/${later.id}/cancel`, staff);
  await reconcileAllEvents({ now: districtAt(2, '11:05') });
  expect(await held()).toEqual({ ...zero, party_lesson: 1 });
  expect(lesson.kind).toBe('party_lesson');
});

it('counts venue bookings on the day of each step and approved hours on the day of use', async () => {
  clockAt(districtAt(0, '09:00'));
  const venue = (
    await ok('POST', '/v1/venues', staff, {
      name: '看板测试会议室',
      kind: 'centre_room',
      address: '新威路 17 号',
      capacity: 30,
      opensAt: '08:00',
      closesAt: '20:00',
    })
  ).venue.id;
  const book = async (n: number, from: string, to: string) =>
    (
      await ok('POST', `/v1/venues/${venue}/bookings`, booker, {
        startsAt: instant(n, from),
        endsAt: instant(n, to),
        purpose: '支部主题党日',
        organisation: '华联大厦联合党支部',
        attendees: 10,
      })
    ).booking.id;
  const approved = await book(1, '10:00', '12:00'); // 2 h on D+1
  const declined = await book(1, '14:00', '15:30');
  const cancelledLater = await book(2, '10:00', '11:00'); // approved, then cancelled on D+1
  const cancelledPending = await book(2, '14:00', '15:00');
  clockAt(districtAt(0, '10:00'));
  const decide = (id: string, decision: string) =>
    ok('POST', `/v1/admin/bookings/${id}/decision`, staff, { decision });
  await decide(approved, 'approve');
  await decide(approved, 'approve'); // a retry: the same booking, counted once
  await decide(declined, 'decline');
  await decide(cancelledLater, 'approve');
  clockAt(districtAt(0, '11:00'));
  await ok('DELETE', `/v1/bookings/${cancelledPending}`, booker);
  expect((await rows(0, 2)).booking_hours).toEqual({ approved: 3 });
  clockAt(districtAt(1, '09:00'));
  await ok('DELETE', `/v1/bookings/${cancelledLater}`, booker);
  await ok('DELETE', `/v1/bookings/${cancelledLater}`, booker); // a retry

  const all = await rows(0, 2);
  expect(all.bookings).toEqual({ requested: 4, approved: 2, declined: 1, cancelled: 2 });
  expect(all.booking_hours).toEqual({ approved: 2 });
  expect((await rows(0, 0)).bookings).toEqual({ requested: 4, approved: 2, declined: 1, cancelled: 1 });
  expect((await rows(1, 1)).bookings).toEqual({ requested: 0, approved: 0, declined: 0, cancelled: 1 });
  expect((await rows(1, 1)).booking_hours).toEqual({ approved: 2 });
  expect((await rows(2, 2)).booking_hours).toEqual({ approved: 0 });
});

it('counts half hours: a booking of an hour and a half is 1.5 h on the dashboard', async () => {
  clockAt(districtAt(3, '09:00'));
  const venue = (
    await ok('POST', '/v1/venues', staff, {
      name: '半小时会议室',
      kind: 'centre_room',
      address: '新威路 17 号',
      capacity: 10,
    })
  ).venue.id;
  const booking = (
    await ok('POST', `/v1/venues/${venue}/bookings`, booker, {
      startsAt: instant(4, '10:00'),
      endsAt: instant(4, '11:30'),
      purpose: '支部学习',
      organisation: '华联大厦联合党支部',
      attendees: 5,
    })
  ).booking.id;
  await ok('POST', `/v1/admin/bookings/${booking}/decision`, staff, { decision: 'approve' });
  expect((await rows(4, 4)).booking_hours).toEqual({ approved: 1.5 });
  // The daily figures carry the same amount (each reply is checked against its contract).
  const stats = await ok('GET', `/v1/admin/stats?from=${dayPlus(4)}&to=${dayPlus(4)}`, staff);
  expect(stats.days[0].booking_hours).toEqual({ approved: 1.5 });
  expect(stats.totals.booking_hours).toEqual({ approved: 1.5 });
});

it('splits the hours of a booking across district midnight between its days, counting and taking back', async () => {
  clockAt(districtAt(4, '09:00'));
  // No opening hours: bookable at any half hour, through the night too.
  const venue = (
    await ok('POST', '/v1/venues', staff, {
      name: '看板测试通宵场地',
      kind: 'centre_room',
      address: '新威路 17 号',
      capacity: 30,
    })
  ).venue.id;
  const book = async (from: [number, string], to: [number, string]) =>
    (
      await ok('POST', `/v1/venues/${venue}/bookings`, booker, {
        startsAt: instant(...from),
        endsAt: instant(...to),
        purpose: '支部主题党日',
        organisation: '华联大厦联合党支部',
        attendees: 10,
      })
    ).booking.id;
  const overnight = await book([5, '22:00'], [6, '02:00']); // 2 h on D+5, 2 h on D+6
  const later = await book([6, '23:00'], [7, '01:00']); // 1 h on D+6, 1 h on D+7; cancelled
  for (const id of [overnight, overnight, later, later])
    // each approval retried: counted once
    await ok('POST', `/v1/admin/bookings/${id}/decision`, staff, { decision: 'approve' });
  const hours = async () =>
    Promise.all([5, 6, 7].map(async (n) => (await rows(n, n)).booking_hours.approved));
  expect(await hours()).toEqual([2, 3, 1]);
  expect((await rows(5, 7)).booking_hours).toEqual({ approved: 6 });

  await ok('DELETE', `/v1/bookings/${later}`, booker);
  await ok('DELETE', `/v1/bookings/${later}`, booker); // a retry: taken back once
  expect(await hours()).toEqual([2, 2, 0]);
});

it('counts duty-desk consultations once per booking, a keyed retry included', async () => {
  clockAt(districtAt(3, '09:00'));
  const shift = (
    await ok('POST', '/v1/duty', staff, {
      startsAt: instant(4, '09:00'),
      endsAt: instant(4, '11:30'),
      department: '区税务局',
      steward: '王税务',
      capacity: 5,
    })
  ).shift.id;
  const bookAs = (token: string, key: string) =>
    app.request('POST', `/v1/duty/${shift}/appointments`, {
      token,
      body: {},
      headers: { 'Idempotency-Key': key },
    });
  expect((await bookAs(booker, 'duty-1')).status).toBe(201);
  expect((await bookAs(booker, 'duty-1')).status).toBe(201); // the retry: the same appointment
  expect((await bookAs((await app.login('dh_other')).token, 'duty-2')).status).toBe(201);
  clockAt(districtAt(3, '10:00'));
  await ok('DELETE', `/v1/duty/${shift}/appointments/me`, booker);
  expect((await bookAs(booker, 'duty-3')).status).toBe(201); // booked again: a booking more
  expect((await rows(3, 4)).duty).toEqual({ appointments: 3 });
});
