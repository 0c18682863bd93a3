// A client written against ../shared/API.md alone, and nothing else: the forms the contract allows are accepted and
// answered as it says, beside the extensions (docs/api/*.md). Each case was a break found by reading the contract
// against the code (2026-11-30): ids of any form (404, not 422), a bare `GET /v1/duty`, a venue's bookings as a list
// with `nextCursor` and instants for its range, `guardianConsent` as a boolean.
import { startTestApp, type TestApp } from '../support/app';
import { createShift, districtDay } from './duty.support';
import { createEvent } from './events.support';

jest.setTimeout(60_000);

let app: TestApp;
let staff: string;
let user: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  staff = (await app.userWithRoles('contract_staff', ['staff'])).token;
  user = await app.login('contract_user');
});
afterAll(async () => {
  await app?.close();
});

describe('ids are opaque strings: one the store does not hold is 404, whatever its form', () => {
  const unknown = ['nope', 'sr', '01ARZ3NDEKTSV4RRFFQ69G5FA', 'x'.repeat(64)];
  /** Status and code of each reply, and that the route's own lookup answered (not "no such route"). */
  const outcomes = (replies: { status: number; body: { error?: { code: string; message: string } } }[]) =>
    replies.map((r) => [r.status, r.body.error?.code, r.body.error?.message === '接口不存在']);

  it.each(unknown)('wall messages: like, unlike, delete and the staff decision of %p', async (id) => {
    const replies = await Promise.all([
      app.request('PUT', `/v1/messages/${id}/like`, { token: user.token }),
      app.request('DELETE', `/v1/messages/${id}/like`, { token: user.token }),
      app.request('DELETE', `/v1/messages/${id}`, { token: user.token }),
      app.request('POST', `/v1/admin/messages/${id}/decision`, {
        token: staff,
        body: { decision: 'approve' },
      }),
    ]);
    expect(outcomes(replies)).toEqual(Array(4).fill([404, 'NOT_FOUND', false]));
  });

  it.each(unknown)('service requests: withdraw and the staff transition of %p', async (id) => {
    const replies = await Promise.all([
      app.request('DELETE', `/v1/service-requests/${id}`, { token: user.token }),
      app.request('POST', `/v1/admin/service-requests/${id}/transition`, {
        token: staff,
        body: { to: 'accepted' },
      }),
    ]);
    expect(outcomes(replies)).toEqual(Array(2).fill([404, 'NOT_FOUND', false]));
  });

  it.each(unknown)('duty shifts: book, cancel mine, the staff list and delete of %p', async (id) => {
    const replies = await Promise.all([
      app.request('POST', `/v1/duty/${id}/appointments`, { token: user.token, body: {} }),
      app.request('DELETE', `/v1/duty/${id}/appointments/me`, { token: user.token }),
      app.request('GET', `/v1/duty/${id}/appointments`, { token: staff }),
      app.request('DELETE', `/v1/duty/${id}`, { token: staff }),
    ]);
    expect(outcomes(replies)).toEqual(Array(4).fill([404, 'NOT_FOUND', false]));
  });

  it('an id over 64 characters is still refused as bad input, in Chinese', async () => {
    const res = await app.request('PUT', `/v1/messages/${'x'.repeat(65)}/like`, { token: user.token });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.id).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('GET /v1/duty?from=&to=: both optional', () => {
  it('a bare GET lists the shifts from now over the next 7 days, as a list', async () => {
    const soon = await createShift(app, staff, { department: '契约测试近' }, districtDay(2));
    const later = await createShift(app, staff, { department: '契约测试远' }, districtDay(9));
    const res = await app.request('GET', '/v1/duty');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((s: { id: string }) => s.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
    expect(res.body.nextCursor).toBeNull();
    // `from` alone: 7 days from it; `to` alone: from now.
    const from = `${districtDay(8)}T00:00:00+08:00`;
    const fromOnly = await app.request('GET', `/v1/duty?from=${encodeURIComponent(from)}`);
    expect(fromOnly.body.items.map((s: { id: string }) => s.id)).toEqual([later.id]);
    const to = `${districtDay(3)}T00:00:00+08:00`;
    const toOnly = await app.request('GET', `/v1/duty?to=${encodeURIComponent(to)}`);
    expect(toOnly.body.items.map((s: { id: string }) => s.id)).toContain(soon.id);
  });

  it('a `from` that is no instant is refused on its own field; one at the end of time still answers', async () => {
    const bad = await app.request('GET', '/v1/duty?from=garbage');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(['from']);
    const last = await app.request('GET', `/v1/duty?from=${encodeURIComponent('9999-12-30T00:00:00Z')}`);
    expect([last.status, last.body.items]).toEqual([200, []]);
  });

  it('a lone `to` not after now, or more than 31 days away, is refused in Chinese', async () => {
    for (const to of ['2020-01-01T00:00:00+08:00', `${districtDay(40)}T00:00:00+08:00`]) {
      const res = await app.request('GET', `/v1/duty?to=${encodeURIComponent(to)}`);
      expect(res.status).toBe(422);
      expect(res.body.error.fields.to).toMatch(/结束应晚于开始|一次最多查询 31 天/);
    }
  });
});

describe('GET /v1/venues/{id}/bookings?from=&to=', () => {
  it('is a list with nextCursor null, and takes instants (their district day) as well as dates', async () => {
    const venue = await app.request('POST', '/v1/venues', {
      token: staff,
      body: {
        name: '契约测试会议室',
        kind: 'centre_room',
        address: '新威路 17 号',
        capacity: 30,
        opensAt: '08:00',
        closesAt: '20:00',
      },
    });
    expect(venue.status).toBe(201);
    const id = venue.body.venue.id as string;
    const dates = await app.request(
      'GET',
      `/v1/venues/${id}/bookings?from=${districtDay(1)}&to=${districtDay(2)}`,
    );
    expect(dates.status).toBe(200);
    expect(dates.body).toMatchObject({
      from: districtDay(1),
      to: districtDay(2),
      items: [],
      nextCursor: null,
    });
    const instants = await app.request(
      'GET',
      `/v1/venues/${id}/bookings?from=${encodeURIComponent(`${districtDay(1)}T09:30:00+08:00`)}` +
        `&to=${encodeURIComponent(`${districtDay(2)}T23:30:00+08:00`)}`,
    );
    expect(instants.status).toBe(200);
    expect(instants.body).toEqual(dates.body);
    const bad = await app.request('GET', `/v1/venues/${id}/bookings?from=tomorrow`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.from).toMatch(/日期格式/);
  });
});

describe('POST /v1/events/{id}/signups with guardianConsent as a boolean', () => {
  it('other kinds ignore it, `false` too', async () => {
    const lesson = await createEvent(app, staff);
    const res = await app.request('POST', `/v1/events/${lesson.id}/signups`, {
      token: user.token,
      body: { guardianConsent: false },
    });
    expect(res.status).toBe(201);
    expect(res.body.signup.guardianConsent).toBeUndefined();
  });
});
