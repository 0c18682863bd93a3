// Staff statistics per space and day (visits, unique visitors, peak occupancy, by identity), the 30-day series,
// and the dashboard's daily check-in metric.
import { startTestApp, type TestApp } from '../support/app';
import {
  DISTRICT_DAY,
  at,
  checkIn,
  checkOut,
  createSpace,
  doorToken,
  resetClock,
  setClock,
  staffTokens,
  users,
  type Staff,
} from './spaces.support';

jest.setTimeout(120_000);

let app: TestApp;
let staff: Staff;
beforeAll(async () => {
  app = await startTestApp();
  staff = await staffTokens(app);
});
afterAll(async () => {
  resetClock();
  await app.close();
});
afterEach(() => resetClock());

async function userWithIdentity(openid: string, identity?: string): Promise<string> {
  const { token } = await app.login(openid);
  if (identity) await app.request('PATCH', '/v1/me', { token, body: { identity } });
  return token;
}

it('counts visits, unique visitors, the peak and identities of a day', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 10 });
  const door = await doorToken(app, staff.staff, space.id);
  const member = await userWithIdentity('stats_member', 'party_member');
  const worker = await userWithIdentity('stats_worker', 'outdoor_worker');
  const anonymous = await userWithIdentity('stats_anon');
  setClock(at('09:00'));
  await checkIn(app, member, space.id, door);
  await checkIn(app, worker, space.id, door);
  await checkIn(app, anonymous, space.id, door); // three in at once: the peak
  await checkOut(app, member, space.id);
  await checkOut(app, worker, space.id);
  setClock(at('15:00'));
  await checkIn(app, member, space.id, door); // second visit, same visitor
  await checkIn(app, member, space.id, door); // a repeated scan is not a visit

  await app.streamsSettled(); // visits are counted from the stream (visitFigures.ts)
  const res = await app.request('GET', `/v1/spaces/${space.id}/stats?date=${DISTRICT_DAY}`, {
    token: staff.staff,
  });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    date: DISTRICT_DAY,
    visits: 4,
    uniqueVisitors: 3,
    peakOccupancy: 3,
    byIdentity: { party_member: 2, outdoor_worker: 1, unknown: 1 },
  });
  const today = await app.request('GET', `/v1/spaces/${space.id}/stats`, { token: staff.staff });
  expect(today.body.date).toBe(DISTRICT_DAY); // the feature's clock is still on that day
  setClock(at('10:00', '2026-12-02'));
  const nextDay = await app.request('GET', `/v1/spaces/${space.id}/stats`, { token: staff.staff });
  expect(nextDay.body).toEqual({
    date: '2026-12-02',
    visits: 0,
    uniqueVisitors: 0,
    peakOccupancy: 0,
    byIdentity: {},
  });
});

it('keeps the highest peak when many check in at once', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 40 });
  const door = await doorToken(app, staff.staff, space.id);
  const tokens = await users(app, 'peak', 30);
  setClock(at('11:00'));
  await Promise.all(tokens.map((t) => checkIn(app, t, space.id, door)));
  await app.streamsSettled(); // visits are counted from the stream (visitFigures.ts)
  const res = await app.request('GET', `/v1/spaces/${space.id}/stats?date=${DISTRICT_DAY}`, {
    token: staff.staff,
  });
  expect(res.body).toMatchObject({ visits: 30, uniqueVisitors: 30, peakOccupancy: 30 });
});

it('gives a 30-day series, oldest first, with empty days as zeros', async () => {
  const space = await createSpace(app, staff.admin, { capacity: 5 });
  const door = await doorToken(app, staff.staff, space.id);
  const token = await userWithIdentity('series_user', 'employee');
  setClock(at('10:00', '2026-11-28'));
  await checkIn(app, token, space.id, door);
  await checkOut(app, token, space.id);
  setClock(at('10:00', '2026-12-01'));
  await checkIn(app, token, space.id, door);
  await app.streamsSettled(); // visits are counted from the stream (visitFigures.ts)
  const res = await app.request('GET', `/v1/spaces/${space.id}/stats/daily`, { token: staff.staff });
  expect(res.status).toBe(200);
  expect(res.body.from).toBe('2026-11-02');
  expect(res.body.to).toBe('2026-12-01');
  expect(res.body.days).toHaveLength(30);
  expect(res.body.days[0].date).toBe('2026-11-02');
  expect(res.body.days[26]).toEqual({
    date: '2026-11-28',
    visits: 1,
    uniqueVisitors: 1,
    peakOccupancy: 1,
    byIdentity: { employee: 1 },
  });
  expect(res.body.days[27]).toEqual({
    date: '2026-11-29',
    visits: 0,
    uniqueVisitors: 0,
    peakOccupancy: 0,
    byIdentity: {},
  });
  expect(res.body.days[29]).toMatchObject({ date: '2026-12-01', visits: 1 });
  const week = await app.request('GET', `/v1/spaces/${space.id}/stats/daily?days=7&to=2026-11-30`, {
    token: staff.staff,
  });
  expect(week.body.days.map((d: { date: string }) => d.date)).toEqual([
    '2026-11-24',
    '2026-11-25',
    '2026-11-26',
    '2026-11-27',
    '2026-11-28',
    '2026-11-29',
    '2026-11-30',
  ]);
});

it('is for staff only, validates its query, and 404s for an unknown space', async () => {
  const space = await createSpace(app, staff.admin);
  const { token } = await app.login('nosy');
  expect((await app.request('GET', `/v1/spaces/${space.id}/stats`, { token })).status).toBe(403);
  expect((await app.request('GET', `/v1/spaces/${space.id}/stats/daily`, { token })).status).toBe(403);
  const bad = await app.request('GET', `/v1/spaces/${space.id}/stats?date=01-12-2026`, {
    token: staff.staff,
  });
  expect(bad.status).toBe(422);
  expect(bad.body.error.fields.date).toBeTruthy();
  expect(
    (await app.request('GET', `/v1/spaces/${space.id}/stats/daily?days=500`, { token: staff.staff })).status,
  ).toBe(422);
  expect((await app.request('GET', '/v1/spaces/NOPE/stats', { token: staff.staff })).status).toBe(404);
});

it('refuses days outside 2000–2100 (year 0000 would start a series in year −1), with the range in Chinese', async () => {
  const space = await createSpace(app, staff.admin);
  const get = (query: string) =>
    app.request('GET', `/v1/spaces/${space.id}/${query}`, { token: staff.staff });
  for (const [query, field] of [
    ['stats/daily?to=0000-01-01', 'to'],
    ['stats/daily?days=1&to=1999-12-31', 'to'],
    ['stats/daily?to=2101-01-01', 'to'],
    ['stats?date=0000-01-01', 'date'],
  ]) {
    const res = await get(query);
    expect([res.status, res.body.error]).toEqual([
      422,
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: '请求参数有误',
        fields: { [field]: '日期应在 2000-01-01 至 2100-12-31 之间' },
      }),
    ]);
  }
  // The edges are days like any other.
  const first = await get('stats/daily?days=1&to=2000-01-01');
  expect([first.status, first.body.from, first.body.to]).toEqual([200, '2000-01-01', '2000-01-01']);
  expect((await get('stats?date=2100-12-31')).body.date).toBe('2100-12-31');
});

it('feeds the dashboard: check-ins by identity per day', async () => {
  await app.streamsSettled(); // visits are counted from the stream (visitFigures.ts)
  const res = await app.request('GET', `/v1/admin/stats?from=${DISTRICT_DAY}&to=${DISTRICT_DAY}`, {
    token: staff.staff,
  });
  expect(res.status).toBe(200);
  const checkins = res.body.days[0].checkins;
  expect(checkins.party_member).toBe(2);
  expect(checkins.outdoor_worker).toBe(1);
  expect(checkins.unknown).toBeGreaterThanOrEqual(31);
});
