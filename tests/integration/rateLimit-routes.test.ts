// Issue 17, defect 5 (the other routes): check-ins (30 attempts per user per 10 min), likes + unlikes together
// (120 per user per 10 min), and venue bookings, duty appointments and service requests (20 attempts per user per
// 24 h) answer 429 RATE_LIMITED with Retry-After once used up; other users are unaffected.
import { districtDate } from '../../functions/lib/time';
import { APPOINTMENT_LIMIT } from '../../functions/services/duty/handlers/bookShift';
import { SERVICE_REQUEST_LIMIT } from '../../functions/services/handlers/createRequest';
import { CHECKIN_LIMIT } from '../../functions/spaces/handlers/checkIn';
import { BOOKING_LIMIT } from '../../functions/venues/handlers/createBooking';
import { LIKE_LIMIT } from '../../functions/wall/handlers/likeMessage';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';
import { checkIn, checkOut, createSpace, doorToken } from './spaces.support';
import { like, publishedMessage, unlike } from './wallLikes.support';
import { failNextStoreCommand } from './alliance.support';
import { book, createShift } from './duty.support';

jest.setTimeout(60_000);

let app: TestApp;
let admin: { token: string; userId: string };
let staff: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
  staff = await app.userWithRoles('limits_staff', ['staff']);
  await app.request('PUT', '/v1/admin/settings/wall', { token: staff.token, body: { moderation: 'post' } });
});
afterAll(async () => {
  await app.close();
});

function expectLimited(res: ApiResponse, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.body.error).toEqual({
    code: 'RATE_LIMITED',
    message: expect.stringMatching(/[\u4e00-\u9fff]/),
    requestId: expect.any(String),
  });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

it(`check-ins: ${CHECKIN_LIMIT.limit} per user per 10 minutes, forged door codes included`, async () => {
  expect(CHECKIN_LIMIT).toMatchObject({ limit: 30, windowSeconds: 600 });
  const space = await createSpace(app, admin.token, { capacity: 5 });
  const door = await doorToken(app, staff.token, space.id);
  const { token } = await app.login('limits_visitor');
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await checkIn(app, token, space.id, 'forged')).status);
  for (let i = 0; i < 10; i++) {
    statuses.push((await checkIn(app, token, space.id, door)).status);
    await checkOut(app, token, space.id);
  }
  const burst = await Promise.all(Array.from({ length: 15 }, () => checkIn(app, token, space.id, door)));
  statuses.push(...burst.map((r) => r.status));
  expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  expectLimited(
    burst.find((r) => r.status === 429)!,
    600,
  );
  expect((await checkIn(app, (await app.login('limits_other')).token, space.id, door)).status).toBe(201);
  // The limited attempts changed nothing: one visitor of ours is in, plus the other user.
  expect((await app.request('GET', `/v1/spaces/${space.id}`)).body.space.occupancy).toBe(2);
});

it(`likes and unlikes: ${LIKE_LIMIT.limit} per user per 10 minutes together`, async () => {
  expect(LIKE_LIMIT).toMatchObject({ limit: 120, windowSeconds: 600 });
  const id = await publishedMessage(app);
  const { token } = await app.login('limits_liker');
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const batch = Array.from({ length: 10 }, (_, j) => (j % 2 ? unlike : like)(app, id, token));
    statuses.push(...(await Promise.all(batch)).map((r) => r.status));
  }
  expect(statuses).toEqual(Array(120).fill(200));
  // The batches leave the first user's like either way; the refused calls change nothing, another user is free.
  const other = await app.login('limits_other_liker');
  const before = (await unlike(app, id, other.token)).body.likes as number;
  expectLimited(await like(app, id, token), 600);
  expectLimited(await unlike(app, id, token), 600);
  expect((await like(app, id, other.token)).body).toEqual({ likes: before + 1, likedByMe: true });
});

describe('what holds shared time or a staff queue: 20 attempts per user per 24 hours', () => {
  /** `limit` attempts by one user (refusals count too), then 429; idempotent replays and other users are free. */
  async function expectDailyLimit(
    limit: { limit: number; windowSeconds: number },
    attempt: (token: string, key: string) => Promise<ApiResponse>,
    name: string,
    /** The route's first store write (made to fail once). */
    storeWrite: (input: string) => boolean,
  ) {
    expect(limit).toMatchObject({ limit: 20, windowSeconds: 86400 });
    const { token } = await app.login(`limits_${name}`);
    // The first request answers 503 (the store throttles its write): its retry, same key, keeps its slot.
    await failNextStoreCommand(storeWrite);
    expect((await attempt(token, `${name}-0`)).status).toBe(503);
    const first = await attempt(token, `${name}-0`);
    expect(first.status).toBe(201);
    const statuses = [first.status];
    for (let i = 1; i < limit.limit; i++) statuses.push((await attempt(token, `${name}-${i}`)).status);
    expect(statuses).not.toContain(429);
    expectLimited(await attempt(token, `${name}-over`), limit.windowSeconds);
    // A retry of a finished request (same key) is its stored reply, not a new attempt.
    expect((await attempt(token, `${name}-0`)).body).toEqual(first.body);
    const other = await app.login(`limits_${name}_other`);
    expect((await attempt(other.token, `${name}-other`)).status).not.toBe(429);
  }

  it(`venue bookings: ${BOOKING_LIMIT.limit} a day`, async () => {
    const venue = await app.request('POST', '/v1/venues', {
      token: admin.token,
      body: { name: '限流会议室', kind: 'centre_room', address: '新威路 17 号', capacity: 30 },
    });
    expect(venue.status).toBe(201);
    const day = districtDate(Date.now() + 3 * 86400_000);
    // The same time each attempt: the first holds it, the others are refused (409) and still count.
    const body = {
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T10:00:00+08:00`,
      purpose: '支部主题党日',
      organisation: '华联大厦联合党支部',
      attendees: 10,
    };
    await expectDailyLimit(
      BOOKING_LIMIT,
      (token, key) =>
        app.request('POST', `/v1/venues/${venue.body.venue.id}/bookings`, {
          token,
          body,
          headers: { 'idempotency-key': key },
        }),
      'booker',
      (input) => input.includes('"BOOKING#') && input.includes('"Item"'),
    );
  });

  it(`duty appointments: ${APPOINTMENT_LIMIT.limit} a day`, async () => {
    const shift = await createShift(app, staff.token, { capacity: 50 });
    await expectDailyLimit(
      APPOINTMENT_LIMIT,
      (token, key) => book(app, shift.id, token, undefined, key),
      'duty',
      (input) => input.includes('"SHIFT#') && input.includes('UpdateExpression'),
    );
  });

  it(`service requests: ${SERVICE_REQUEST_LIMIT.limit} a day`, async () => {
    await expectDailyLimit(
      SERVICE_REQUEST_LIMIT,
      (token, key) =>
        app.request('POST', '/v1/service-requests', {
          token,
          body: {
            itemId: 'policy-tax',
            description: `想咨询研发费用加计扣除 ${key}`,
            contact: '13800000000',
          },
          headers: { 'idempotency-key': key },
        }),
      'requests',
      (input) => input.includes('"SREQ#') && input.includes('"Item"'),
    );
  });
});
