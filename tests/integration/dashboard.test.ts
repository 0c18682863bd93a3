// Staff dashboard: known activity across events, spaces, alliance and the wall, and every figure checked exactly —
// attendance rates, children, distinct participants, unique visitors across district midnight, merchants taking part,
// the charts' series, "who is active" (names only), the CSV, the 1.1 `totals.summary` of /v1/admin/stats, and 403s.
import { reconcileAllEvents } from '../../functions/events/reconcileService';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { countDistinct } from '../../functions/lib/distinctMetrics';
import { countOnce } from '../../functions/lib/exactCounters';
import { districtDate } from '../../functions/lib/time';
import { PRIVACY_POLICY_VERSION } from '../../shared/api/users';
import { startTestApp, type TestApp } from '../support/app';
import { approvedMerchant, postOffer } from './alliance.support';
import { createEvent } from './events.support';
import { createSpace, doorToken, resetClock, setClock } from './spaces.support';

jest.setTimeout(120_000);

const DAY_MS = 86400000;
const today = districtDate();
const dayAfter = (n: number) => districtDate(Date.now() + n * DAY_MS);
const day1 = dayAfter(1);
const day2 = dayAfter(2);
const districtAt = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);
const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

let app: TestApp;
let staff: string;
const tokens: Record<string, string> = {};

async function person(openid: string, nickname: string, identity?: string): Promise<string> {
  const { token } = await app.login(openid);
  const res = await app.request('PATCH', '/v1/me', {
    token,
    body: { nickname, ...(identity ? { identity } : {}) },
  });
  expect(res.status).toBe(200);
  tokens[openid] = token;
  return token;
}

async function ok(method: string, url: string, token: string, body?: unknown) {
  const res = await app.request(method, url, { token, body });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return res.body;
}

const dashboard = async (query: string) => {
  const res = await app.request('GET', `/v1/admin/dashboard?${query}`, { token: staff });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  app = await startTestApp();
  staff = (await app.userWithRoles('dash_staff', ['staff'])).token;
  for (const [openid, name, identity] of [
    ['m1', '张红', 'party_member'],
    ['m2', '李强', 'employee'],
    ['m3', '王芳', 'resident'],
    ['p1', '赵敏', 'parent'],
    ['p2', '钱进', 'parent'],
    ['v1', '孙立', 'party_member'],
    ['v2', '周游', undefined],
  ] as const)
    await person(openid, name, identity);

  // Events, held three days from now: a Party lesson (3 sign-ups, 2 attend) and youth education (children).
  const startsAt = new Date(districtAt(dayAfter(3), '09:00')).toISOString();
  const endsAt = new Date(districtAt(dayAfter(3), '11:00')).toISOString();
  const lesson = await createEvent(app, staff, { startsAt, endsAt });
  const youth = await createEvent(app, staff, {
    kind: 'youth_education',
    startsAt,
    endsAt,
    minAge: 6,
    maxAge: 14,
    maxParticipantsPerSignup: 3,
  });
  const signups: Record<string, string> = {};
  for (const who of ['m1', 'm2', 'm3'])
    signups[who] = (await ok('POST', `/v1/events/${lesson.id}/signups`, tokens[who], {})).signup.id;
  expect(
    (await app.request('POST', `/v1/events/${lesson.id}/signups`, { token: tokens.m1, body: {} })).status,
  ).toBe(409);
  const kids = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `孩子${i}`, age: 8 + i }));
  const youthBody = (n: number) => ({
    participants: kids(n),
    guardianPhone: '13812341234',
    guardianConsent: { agreed: true, policyVersion: PRIVACY_POLICY_VERSION },
  });
  await ok('POST', `/v1/events/${youth.id}/signups`, tokens.p1, youthBody(2));
  await ok('POST', `/v1/events/${youth.id}/signups`, tokens.p2, youthBody(3));
  await ok('POST', `/v1/events/${youth.id}/signups`, tokens.m1, youthBody(1));
  await ok('DELETE', `/v1/events/${youth.id}/signups/me`, tokens.p2);
  for (const who of ['m1', 'm2', 'm1'])
    // m1 twice: attendance is idempotent
    await ok('POST', `/v1/events/${lesson.id}/attendance`, staff, { signupId: signups[who] });
  // Sign-ups are counted from the table's stream (functions/events/signupFigures.ts), off the request path.
  await app.streamsSettled();

  // A shared space around district midnight: v1 at 23:30 on day 1 and again at 00:30 on day 2, v2 at 00:40.
  const admin = (await app.login('admin')).token;
  const space = await createSpace(app, admin, { capacity: 10 });
  const door = await doorToken(app, staff, space.id);
  const visit = async (who: string, day: string, hhmm: string) => {
    setClock(districtAt(day, hhmm));
    await ok('POST', `/v1/spaces/${space.id}/checkins`, tokens[who], { token: door });
  };
  await visit('v1', day1, '23:30');
  setClock(districtAt(day1, '23:50'));
  await ok('POST', `/v1/spaces/${space.id}/checkout`, tokens.v1);
  await visit('v1', day2, '00:30');
  await visit('v2', day2, '00:40');
  resetClock();
  // Visits are counted from the stream too (functions/spaces/visitFigures.ts).
  await app.streamsSettled();

  // Alliance: two merchants take part (three claims, one redemption), a third only posts an offer.
  const shopA = await approvedMerchant(app, 'shop_a');
  const shopB = await approvedMerchant(app, 'shop_b');
  const shopC = await approvedMerchant(app, 'shop_c');
  const offerA = await postOffer(app, shopA, { alliance: 'industry' });
  const offerB = await postOffer(app, shopB, { alliance: 'cross_industry' });
  await postOffer(app, shopC);
  const code = (await ok('POST', `/v1/offers/${offerA.id}/claims`, tokens.m1)).claim.code;
  await ok('POST', `/v1/offers/${offerA.id}/claims`, tokens.m2);
  await ok('POST', `/v1/offers/${offerB.id}/claims`, tokens.m3);
  await ok('POST', '/v1/redemptions', shopA.token, { code });
  tokens.merchant = shopA.token;
  // Claims and redemptions are counted from the stream too (functions/alliance/claimFigures.ts).
  await app.streamsSettled();

  // The wall, published at once.
  await ok('PUT', '/v1/admin/settings/wall', staff, { moderation: 'post' });
  await ok('POST', '/v1/messages', tokens.m3, { text: '欢迎回家' });
});

afterAll(async () => {
  resetClock();
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const whole = () => `from=${today}&to=${dayAfter(3)}`;

it('counts every headline figure of the range exactly', async () => {
  // Events count as held once they have started (the events reconciler: tests/integration/dashboard-held.test.ts).
  await reconcileAllEvents({ now: districtAt(dayAfter(3), '09:30') });
  const body = await dashboard(whole());
  const rows = Object.fromEntries(
    body.headline.map((r: { id: string; total: number | null; parts: { key: string; value: number }[] }) => [
      r.id,
      { total: r.total, ...Object.fromEntries(r.parts.map((p) => [p.key, p.value])) },
    ]),
  );
  expect(rows.events).toEqual({ total: 2, party_lesson: 1, youth_education: 1, activity: 0 });
  expect(rows.signups).toEqual({ total: 6, party_lesson: 3, youth_education: 3, activity: 0 });
  expect(rows.attendance).toEqual({ total: 2, party_lesson: 2, youth_education: 0, activity: 0 });
  expect(rows.children).toMatchObject({ total: 3, youth_education: 3 });
  expect(rows.checkins).toMatchObject({ total: 3, party_member: 2, unknown: 1, employee: 0 });
  expect(rows.messages).toEqual({ total: 1, published: 1 });
  expect(rows.offers).toEqual({ total: null, claimed: 3, redeemed: 1 });
  expect(rows.redemptions).toEqual({ total: 1, industry: 1, cross_industry: 0 });
  // Bookings and service requests: their rows are there, with nothing counted in this activity.
  expect(rows.bookings).toEqual({ total: null, requested: 0, approved: 0, declined: 0, cancelled: 0 });
  expect(rows.service_requests).toMatchObject({ total: null, submitted: 0, done: 0 });
  expect(rows.service_categories).toEqual({ total: 0, party: 0, policy: 0, business: 0, welfare: 0 });
  expect(rows.service_hours_to_done).toBeUndefined(); // no median without a request done
  expect(body.attendance).toEqual([
    { kind: 'party_lesson', label: '行走的党课', signups: 3, attendance: 2, rate: 0.667 },
    { kind: 'youth_education', label: '党旗下的少年', signups: 3, attendance: 0, rate: 0 },
    { kind: 'activity', label: '主题活动', signups: 0, attendance: 0, rate: null },
  ]);
  expect(body.summary).toEqual({
    participants: 5, // m1, m2, m3, p1, p2 (m1 in both events, once)
    children: 3, // 2 + 1; the cancelled household of 3 no longer counts
    uniqueVisitors: 2,
    merchantsActive: 2,
    uniqueVisitorsByIdentity: { party_member: 1, unknown: 1 },
  });
});

it('counts unique visitors per range across district midnight', async () => {
  const only = async (from: string, to: string) => (await dashboard(`from=${from}&to=${to}`)).summary;
  expect(await only(day1, day1)).toMatchObject({
    uniqueVisitors: 1,
    uniqueVisitorsByIdentity: { party_member: 1 },
  });
  expect(await only(day2, day2)).toMatchObject({
    uniqueVisitors: 2,
    uniqueVisitorsByIdentity: { party_member: 1, unknown: 1 },
  });
  expect((await only(day1, day2)).uniqueVisitors).toBe(2);
  expect((await only(dayAfter(3), dayAfter(3))).uniqueVisitors).toBe(0);
  // The day the events were signed up for counts the participants; the next days do not.
  expect((await only(today, today)).participants).toBe(5);
  expect((await only(day1, day2)).participants).toBe(0);
});

it('draws the chart series from the same aggregates', async () => {
  const { charts } = await dashboard(whole());
  const checkins = Object.fromEntries(
    charts.checkinsByDay.map((d: { date: string; byIdentity: unknown }) => [d.date, d.byIdentity]),
  );
  expect(checkins[day1]).toEqual({ party_member: 1 });
  expect(checkins[day2]).toEqual({ party_member: 1, unknown: 1 });
  expect(checkins[today]).toEqual({});
  const weekly = charts.participationByWeek.reduce(
    (sum: Record<string, number>, w: { byKind: Record<string, number> }) => {
      for (const [k, n] of Object.entries(w.byKind)) sum[k] = (sum[k] ?? 0) + n;
      return sum;
    },
    {},
  );
  expect(weekly).toEqual({ party_lesson: 5, youth_education: 3 }); // sign-ups + attendance
  expect(charts.redemptionsByAlliance).toEqual({ industry: 1, cross_industry: 0 });
  const heat = charts.occupancy as number[][];
  expect(heat[weekdayOf(day1)][23]).toBe(1);
  expect(heat[weekdayOf(day2)][0]).toBe(2);
  expect(heat.flat().reduce((a, b) => a + b, 0)).toBe(3);
});

it('ranks who is active in the month by name only, and exports no phone', async () => {
  const body = await dashboard(whole());
  const month = dayAfter(3).slice(0, 7);
  // Participations: attendance (today) and check-ins (day 1, day 2), in the month of the range's end.
  const expected = [
    { name: '孙立', n: [day1, day2].filter((d) => d.startsWith(month)).length },
    { name: '张红', n: today.startsWith(month) ? 1 : 0 },
    { name: '李强', n: today.startsWith(month) ? 1 : 0 },
    { name: '周游', n: day2.startsWith(month) ? 1 : 0 },
  ].filter((e) => e.n > 0);
  expect(body.ranking.month).toBe(month);
  expect(
    body.ranking.items
      .map((i: { name: string; participations: number }) => [i.name, i.participations])
      .sort(),
  ).toEqual(expected.map((e) => [e.name, e.n]).sort());
  expect(body.ranking.items[0]).toEqual({ name: '孙立', participations: expected[0].n });
  for (const item of body.ranking.items) expect(Object.keys(item).sort()).toEqual(['name', 'participations']);
  const csv = await app.request('GET', `/v1/admin/dashboard?${whole()}&format=csv`, { token: staff });
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.text).toContain('"活动报名","行走的党课","3","人次"');
  expect(csv.text).toContain('"签到率","行走的党课","66.7%",""');
  expect(csv.text).not.toMatch(/1\d{10}/);
});

it('adds totals.summary to /v1/admin/stats (API 1.1)', async () => {
  const res = await app.request('GET', `/v1/admin/stats?${whole()}`, { token: staff });
  expect(res.status).toBe(200);
  expect(res.body.totals.summary).toEqual({
    participants: 5,
    children: 3,
    uniqueVisitors: 2,
    merchantsActive: 2,
    uniqueVisitorsByIdentity: { party_member: 1, unknown: 1 },
  });
  expect(res.body.totals.signups).toEqual({ party_lesson: 3, youth_education: 3 });
  expect(res.body.days.find((d: { date: string }) => d.date === day2).checkins).toEqual({
    party_member: 1,
    unknown: 1,
  });
});

it('resolves the presets in district time and refuses bad ranges', async () => {
  const month = await dashboard('preset=this_month');
  expect(month.from).toBe(`${today.slice(0, 7)}-01`);
  expect(month.to.slice(0, 7)).toBe(today.slice(0, 7));
  const week = await dashboard('preset=this_week');
  expect(weekdayOf(week.from)).toBe(0);
  expect(week.from <= today && today <= week.to).toBe(true);
  const last = await dashboard('preset=last_month');
  expect(last.to < month.from).toBe(true);
  const bad = await app.request('GET', `/v1/admin/dashboard?from=${day2}&to=${day1}`, { token: staff });
  expect(bad.status).toBe(422);
  expect(bad.body.error.fields.from).toBeDefined();
  expect((await app.request('GET', '/v1/admin/dashboard?preset=someday', { token: staff })).status).toBe(422);
});

it('refuses members and merchants (403) and strangers (401)', async () => {
  for (const token of [tokens.m1, tokens.merchant]) {
    for (const url of ['/v1/admin/dashboard', '/v1/admin/stats', '/v1/admin/dashboard?format=csv']) {
      const res = await app.request('GET', url, { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  }
  expect((await app.request('GET', '/v1/admin/dashboard')).status).toBe(401);
});

it('keeps distinct people exact when a count is interrupted and retried', async () => {
  const at = districtAt(dayAfter(5), '10:00');
  armFailpoint('metrics.distinct.afterLastSeen');
  await countDistinct('participants', 'retry_person', at); // crashed between its two writes: not counted yet
  await countDistinct('participants', 'retry_person', at); // the retry completes it
  await countDistinct('participants', 'retry_person', at); // and a third time changes nothing
  await Promise.all(Array.from({ length: 10 }, () => countDistinct('participants', 'busy_person', at)));
  const body = await dashboard(`from=${dayAfter(5)}&to=${dayAfter(5)}`);
  expect(body.summary.participants).toBe(2);
});

it('lists the categories of the service menu, and after them a counted category no longer on the menu', async () => {
  const day = dayAfter(7);
  await countOnce('service_categories.retired-desk', 'sr_retired_1', districtAt(day, '10:00'));
  await countOnce('service_categories.retired-desk', 'sr_retired_1', districtAt(day, '10:00')); // once
  await countOnce('service_categories.policy', 'sr_retired_2', districtAt(day, '11:00'));
  const body = await dashboard(`from=${day}&to=${day}`);
  expect(body.headline.find((r: { id: string }) => r.id === 'service_categories')).toEqual({
    id: 'service_categories',
    label: '服务需求（按类别）',
    unit: '件',
    total: 2,
    parts: [
      { key: 'party', label: '党务', value: 0 },
      { key: 'policy', label: '政策', value: 1 },
      { key: 'business', label: '商务', value: 0 },
      { key: 'welfare', label: '公益', value: 0 },
      { key: 'retired-desk', label: 'retired-desk', value: 1 },
    ],
  });
});
