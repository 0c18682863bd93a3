// Issue 17, defect 5 (the other routes): check-ins (30 attempts per user per 10 min) and likes + unlikes together
// (120 per user per 10 min) answer 429 RATE_LIMITED with Retry-After once used up; other users are unaffected.
import { CHECKIN_LIMIT } from '../../functions/spaces/handlers/checkIn';
import { LIKE_LIMIT } from '../../functions/wall/handlers/likeMessage';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';
import { checkIn, checkOut, createSpace, doorToken } from './spaces.support';
import { like, publishedMessage, unlike } from './wallLikes.support';

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
