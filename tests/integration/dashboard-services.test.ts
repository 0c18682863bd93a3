// The dashboard's service-request rows (issue 15 × 13): known requests made through the API with moves across
// district days (one across district midnight), and every figure checked exactly — by status, by category, the
// median time to done with its bucket bounds; a retried move and a crash between a move and its count never count
// twice or miss, the repair run completes a count that died.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { DURATION_BOUNDS_HOURS } from '../../functions/lib/exactCounters';
import { districtDate } from '../../functions/lib/time';
import { repairRequestCounts } from '../../functions/services/requestCountRepair';
import { startTestApp, type TestApp } from '../support/app';
import { fakeDateAt } from '../support/fakeDate';

jest.setTimeout(60_000);

const DAY_MS = 86400000;
// Day D is ten days ahead, so nothing else in the store counts on these days; sessions last 7 days, so people sign
// in at D.
const D = districtDate(Date.now() + 10 * DAY_MS);
const dayPlus = (n: number) => districtDate(Date.parse(`${D}T12:00:00+08:00`) + n * DAY_MS);
const districtAt = (n: number, hhmm: string) => Date.parse(`${dayPlus(n)}T${hhmm}:00+08:00`);

/** Only the Date is faked (the timestamps the handlers write); timers and I/O run as they do. */
const clockAt = (ms: number) => jest.setSystemTime(ms);

let app: TestApp;
let staff: string;
let member: string;

beforeAll(async () => {
  fakeDateAt(districtAt(0, '09:00'));
  app = await startTestApp();
  staff = (await app.userWithRoles('dsr_staff', ['staff'])).token;
  member = (await app.login('dsr_member')).token;
});
afterAll(async () => {
  jest.useRealTimers();
  await app.close();
});
afterEach(() => disarmAllFailpoints());

async function submitAt(n: number, hhmm: string, itemId: string): Promise<string> {
  clockAt(districtAt(n, hhmm));
  const res = await app.request('POST', '/v1/service-requests', {
    token: member,
    body: { itemId, description: `需要帮助 ${itemId} ${n} ${hhmm}` },
  });
  expect(res.status).toBe(201);
  return res.body.request.id;
}

async function moveAt(n: number, hhmm: string, id: string, to: string, expected: number | 'crash' = 200) {
  clockAt(districtAt(n, hhmm));
  if (expected === 'crash') {
    // The process dies after the move's write, before its count: no reply.
    const crashed = app.request('POST', `/v1/admin/service-requests/${id}/transition`, {
      token: staff,
      body: { to },
    });
    await expect(crashed).rejects.toThrow(/injected crash/);
    return null;
  }
  const res =
    to === 'withdrawn'
      ? await app.request('DELETE', `/v1/service-requests/${id}`, { token: member })
      : await app.request('POST', `/v1/admin/service-requests/${id}/transition`, {
          token: staff,
          body: { to },
        });
  expect([to, res.status]).toEqual([to, expected]);
  return res;
}

type Row = { id: string; total: number | null; parts: { key: string; label: string; value: number }[] };
async function figures(from: number, to: number) {
  const res = await app.request('GET', `/v1/admin/dashboard?from=${dayPlus(from)}&to=${dayPlus(to)}`, {
    token: staff,
  });
  expect(res.status).toBe(200);
  const rows: Record<string, Record<string, number>> = {};
  for (const row of res.body.headline as Row[])
    rows[row.id] = Object.fromEntries(row.parts.map((p) => [p.key, p.value]));
  return { rows, labels: res.body.headline as Row[], services: res.body.serviceRequests };
}

const none = { submitted: 0, accepted: 0, done: 0, declined: 0, withdrawn: 0 };

describe('service requests on the dashboard', () => {
  beforeAll(async () => {
    // r1 policy: D 10:00 → accepted D 15:00 → done D+1 08:00 (22 h)
    const r1 = await submitAt(0, '10:00', 'policy-tax');
    await moveAt(0, '15:00', r1, 'accepted');
    // r2 party: D 23:30 → accepted D+1 00:30 (across district midnight; still day D in UTC) → done D+1 03:00 (3.5 h)
    const r2 = await submitAt(0, '23:30', 'party-transfer');
    await moveAt(1, '00:30', r2, 'accepted');
    await moveAt(1, '03:00', r2, 'done');
    await moveAt(1, '08:00', r1, 'done');
    // r3 business: declined; r4 welfare: withdrawn; r5 policy: done after exactly 72 h; r6 stays submitted.
    const r3 = await submitAt(1, '09:00', 'biz-legal');
    await moveAt(1, '10:00', r3, 'declined');
    const r4 = await submitAt(1, '11:00', 'welfare-care');
    await moveAt(1, '11:30', r4, 'withdrawn');
    const r5 = await submitAt(0, '12:00', 'policy-license');
    await moveAt(2, '09:00', r5, 'accepted');
    await moveAt(3, '12:00', r5, 'done');
    await submitAt(1, '12:00', 'policy-social');
    // Moves tried again (a second tap, a lost reply): refused, and counted nothing more.
    await moveAt(3, '12:05', r5, 'done', 409);
    await moveAt(1, '10:05', r3, 'declined', 409);
    await moveAt(1, '11:35', r4, 'withdrawn', 409);
  });

  it('counts requests by status and by category in the range, on the district day of each move', async () => {
    const all = await figures(0, 3);
    expect(all.rows.service_requests).toEqual({
      submitted: 6,
      accepted: 3,
      done: 3,
      declined: 1,
      withdrawn: 1,
    });
    expect(all.rows.service_categories).toEqual({ party: 1, policy: 3, business: 1, welfare: 1 });
    const labels = all.labels.find((r) => r.id === 'service_categories')!;
    expect(labels.parts.map((p) => p.label)).toEqual(['党务', '政策', '商务', '公益']);
    expect(labels.total).toBe(6);
    expect(all.labels.find((r) => r.id === 'service_requests')!.total).toBeNull();

    const dayD = await figures(0, 0); // r1, r2 (23:30), r5 submitted; r1 accepted
    expect(dayD.rows.service_requests).toEqual({ ...none, submitted: 3, accepted: 1 });
    expect(dayD.rows.service_categories).toEqual({ party: 1, policy: 2, business: 0, welfare: 0 });
    const dayD1 = await figures(1, 1); // r2 accepted at 00:30, r1 and r2 done, r3/r4/r6 submitted
    expect(dayD1.rows.service_requests).toEqual({
      submitted: 3,
      accepted: 1,
      done: 2,
      declined: 1,
      withdrawn: 1,
    });
  });

  it('gives the median time to done as the bounds of its bucket, merged over the range', async () => {
    expect([...DURATION_BOUNDS_HOURS]).toEqual([0, 1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720]);
    // 3.5 h, 22 h, 72 h: the median is 22 h, in [12, 24).
    const all = await figures(0, 3);
    expect(all.services).toEqual({
      done: 3,
      medianHoursToDone: { lowerHours: 12, upperHours: 24 },
      bucketBoundsHours: [...DURATION_BOUNDS_HOURS],
    });
    expect(all.rows.service_hours_to_done).toEqual({ lower: 12, upper: 24 });
    // Day D+1 alone: 3.5 h and 22 h — an even count, the median lies between the two middle buckets.
    expect((await figures(1, 1)).services.medianHoursToDone).toEqual({ lowerHours: 2, upperHours: 24 });
    // Day D+3 alone: exactly 72 h falls in [72, 120).
    expect((await figures(3, 3)).services.medianHoursToDone).toEqual({ lowerHours: 72, upperHours: 120 });
    // Nothing done on day D: no median, no row.
    const dayD = await figures(0, 0);
    expect(dayD.services).toMatchObject({ done: 0, medianHoursToDone: null });
    expect(dayD.rows.service_hours_to_done).toBeUndefined();
  });

  it('counts a move once when it crashed before its count and is retried, or when the repair run finds it', async () => {
    const day = 4; // sessions last 7 days from D
    const retried = await submitAt(day, '09:00', 'policy-tax');
    armFailpoint('services.request.afterMoved');
    await moveAt(day, '10:00', retried, 'accepted', 'crash'); // moved, not counted
    expect((await figures(day, day)).rows.service_requests).toEqual({ ...none, submitted: 1 });
    await moveAt(day, '10:01', retried, 'accepted', 409); // the retry finds it moved and completes the count
    await moveAt(day, '10:02', retried, 'accepted', 409);
    expect((await figures(day, day)).rows.service_requests).toEqual({ ...none, submitted: 1, accepted: 1 });

    const repaired = await submitAt(day, '11:00', 'biz-finance');
    await moveAt(day, '12:00', repaired, 'accepted');
    armFailpoint('services.request.afterMoved');
    await moveAt(day + 1, '09:00', repaired, 'done', 'crash'); // nobody retries
    expect((await figures(day, day + 1)).services.done).toBe(0);
    expect(await repairRequestCounts()).toBeGreaterThanOrEqual(1);
    expect(await repairRequestCounts()).toBeGreaterThanOrEqual(1); // a second run changes nothing
    const after = await figures(day, day + 1);
    expect(after.rows.service_requests).toEqual({ ...none, submitted: 2, accepted: 2, done: 1 });
    expect(after.services.medianHoursToDone).toEqual({ lowerHours: 12, upperHours: 24 }); // 22 h
    expect(after.rows.service_categories).toMatchObject({ policy: 1, business: 1 });

    // Two staff accepting at once: one move, one count.
    const raced = await submitAt(day + 2, '09:00', 'welfare-help');
    clockAt(districtAt(day + 2, '10:00'));
    const second = await app.userWithRoles('dsr_staff2', ['staff']);
    const both = await Promise.all(
      [staff, second.token].map((token) =>
        app.request('POST', `/v1/admin/service-requests/${raced}/transition`, {
          token,
          body: { to: 'accepted' },
        }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await figures(day + 2, day + 2)).rows.service_requests).toEqual({
      ...none,
      submitted: 1,
      accepted: 1,
    });
  });

  it('counts a withdrawal made by closing the account on its day, once, with no repair run', async () => {
    const day = 6; // the raced request of the test before is on this day too
    clockAt(districtAt(day, '08:00'));
    const before = (await figures(day, day)).rows.service_requests;
    const leaving = await app.login('dsr_leaving');
    const res = await app.request('POST', '/v1/service-requests', {
      token: leaving.token,
      body: { itemId: 'welfare-care', description: '需要上门帮助' },
    });
    expect(res.status).toBe(201);
    clockAt(districtAt(day, '09:00'));
    // The closing dies right after withdrawing (and counting) the request, before erasing it.
    armFailpoint('account.services.afterWithdrawn');
    await expect(app.request('DELETE', '/v1/me', { token: leaving.token })).rejects.toThrow(/injected crash/);
    const expected = { ...before, submitted: before.submitted + 1, withdrawn: before.withdrawn + 1 };
    expect((await figures(day, day)).rows.service_requests).toEqual(expected);
    // Its retry (the same token) runs the request's steps again and finishes the closing: nothing counted twice.
    expect((await app.request('DELETE', '/v1/me', { token: leaving.token })).status).toBe(204);
    expect((await figures(day, day)).rows.service_requests).toEqual(expected);
    const erased = await app.request('GET', '/v1/admin/service-requests?status=withdrawn', { token: staff });
    expect(erased.body.items.find((r: { id: string }) => r.id === res.body.request.id)).toMatchObject({
      description: '已注销用户',
    });
  });
});
