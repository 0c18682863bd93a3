// Shared space: the contract's routes and rules (creation, listing, door codes, check-in/out, errors).
import { signToken } from '../../functions/lib/signedTokens';
import { loadHandler } from '../../infra/local/gateway';
import { startTestApp, type TestApp } from '../support/app';
import {
  at,
  audit,
  checkIn,
  checkOut,
  createSpace,
  doorToken,
  resetClock,
  setClock,
  staffTokens,
  type Staff,
} from './spaces.support';

jest.setTimeout(30_000);

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

describe('creating and editing spaces', () => {
  it('lets an admin create a space, listed publicly with occupancy 0', async () => {
    const space = await createSpace(app, staff.admin, {
      name: '  环翠楼共享空间 ',
      capacity: 30,
      opensAt: '08:30',
      closesAt: '20:00',
    });
    expect(space).toMatchObject({
      name: '环翠楼共享空间',
      capacity: 30,
      occupancy: 0,
      opensAt: '08:30',
      closesAt: '20:00',
    });
    expect(space.amenities).toEqual(['饮水', '微波炉']);
    const list = await app.request('GET', '/v1/spaces');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(space.id);
    expect(list.body).toHaveProperty('nextCursor');
    const one = await app.request('GET', `/v1/spaces/${space.id}`);
    expect(one.body).toEqual({
      space: expect.objectContaining({ id: space.id, occupancy: 0 }),
      myCheckin: null,
    });
  });

  it('refuses staff (admin only) and bad input with 422 fields, writing nothing', async () => {
    const before = (await app.request('GET', '/v1/spaces?limit=100')).body.items.length;
    const denied = await app.request('POST', '/v1/spaces', {
      token: staff.staff,
      body: { name: 'x', address: 'y', capacity: 1 },
    });
    expect(denied.status).toBe(403);
    const bad = await app.request('POST', '/v1/spaces', {
      token: staff.admin,
      body: { name: '', address: '某地', capacity: 0, opensAt: '09:00' },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['capacity', 'closesAt', 'name']);
    const hours = await app.request('POST', '/v1/spaces', {
      token: staff.admin,
      body: { name: '空间', address: '某地', capacity: 5, opensAt: '18:00', closesAt: '09:00' },
    });
    expect(hours.status).toBe(422);
    expect(hours.body.error.fields.closesAt).toBeTruthy();
    const half = await app.request('POST', '/v1/spaces', {
      token: staff.admin,
      body: { name: '空间', address: '某地', capacity: 5, opensAt: '09:00' },
    });
    expect(half.status).toBe(422);
    expect((await app.request('GET', '/v1/spaces?limit=100')).body.items.length).toBe(before);
  });

  it('edits a space, but never below the places taken now', async () => {
    const space = await createSpace(app, staff.admin, { capacity: 3 });
    const door = await doorToken(app, staff.staff, space.id);
    for (const name of ['edit_a', 'edit_b'])
      expect((await checkIn(app, (await app.login(name)).token, space.id, door)).status).toBe(201);
    const tooSmall = await app.request('PATCH', `/v1/spaces/${space.id}`, {
      token: staff.admin,
      body: { capacity: 1 },
    });
    expect(tooSmall.status).toBe(409);
    expect(tooSmall.body.error.code).toBe('CAPACITY_BELOW_OCCUPANCY');
    const edited = await app.request('PATCH', `/v1/spaces/${space.id}`, {
      token: staff.admin,
      body: { capacity: 2, name: '新名字', opensAt: '07:00', closesAt: '22:00' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.space).toMatchObject({ capacity: 2, name: '新名字', occupancy: 2, opensAt: '07:00' });
    const cleared = await app.request('PATCH', `/v1/spaces/${space.id}`, {
      token: staff.admin,
      body: { opensAt: null, closesAt: null },
    });
    expect(cleared.body.space).toMatchObject({ opensAt: null, closesAt: null });
    const bad = await app.request('PATCH', `/v1/spaces/${space.id}`, {
      token: staff.admin,
      body: { capacity: 'many' },
    });
    expect(bad.status).toBe(422);
    expect(
      (await app.request('PATCH', '/v1/spaces/nope', { token: staff.admin, body: { name: '无' } })).status,
    ).toBe(404);
    expect((await audit(space.id)).capacity).toBe(2);
  });

  it('404 for an unknown space', async () => {
    const res = await app.request('GET', '/v1/spaces/NOPE');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('door codes', () => {
  it('gives staff the signed token and the H5 check-in URL; users may not', async () => {
    const space = await createSpace(app, staff.admin);
    const user = await app.login('curious');
    expect((await app.request('GET', `/v1/spaces/${space.id}/qrcode`, { token: user.token })).status).toBe(
      403,
    );
    const res = await app.request('GET', `/v1/spaces/${space.id}/qrcode`, {
      token: staff.staff,
      headers: { host: 'rc.example:3000' },
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(res.body.url).toBe(
      `http://rc.example:3000/packages/spaces/pages/checkin/index?spaceId=${space.id}&token=${encodeURIComponent(res.body.token)}`,
    );
    // Request headers that are no plain http(s) origin, or overlong ones, are passed over (no 500 from a code too
    // long to draw); the page's path and query always come from the API.
    const path = `/packages/spaces/pages/checkin/index?spaceId=${space.id}&token=`;
    for (const [headers, origin] of [
      [{ origin: `https://a.example/${'x'.repeat(3000)}`, host: 'rc.example' }, 'http://rc.example'],
      [{ origin: 'https://rc.example:8443/some/page?q=1' }, 'https://rc.example:8443'],
      [{ origin: 'javascript:alert(1)', host: 'rc.example' }, 'http://rc.example'],
      [{ origin: 'null', host: `${'h'.repeat(300)}.example` }, 'http://localhost'],
      [{}, 'http://localhost'],
    ] as const) {
      for (const format of ['json', 'svg'] as const) {
        const printed = await app.request('GET', `/v1/spaces/${space.id}/qrcode?format=${format}`, {
          token: staff.staff,
          headers,
        });
        expect(printed.status).toBe(200);
        if (format === 'json')
          expect(printed.body.url).toMatch(new RegExp(`^${origin}${path.replace(/[?]/g, '\\?')}`));
      }
    }
  });

  it('prints an SVG with the space name under the code, and a PNG', async () => {
    const space = await createSpace(app, staff.admin, { name: '党群服务中心<一层>' });
    const svg = await app.request('GET', `/v1/spaces/${space.id}/qrcode?format=svg`, { token: staff.staff });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.text).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.text).toContain('>党群服务中心&lt;一层&gt;</text>');
    // The local gateway decodes bodies as UTF-8, so the binary PNG is checked at the handler itself.
    const qrcode = await loadHandler('functions/spaces/handlers/getDoorCode.handler');
    const login = await app.request('POST', '/v1/auth/login', { body: { code: 'dev:space_staff' } });
    const png = await qrcode({
      rawPath: `/v1/spaces/${space.id}/qrcode`,
      headers: { authorization: `Bearer ${login.body.token}` },
      pathParameters: { id: space.id },
      queryStringParameters: { format: 'png' },
      requestContext: { http: { method: 'GET' } },
    } as never);
    expect(png.statusCode).toBe(200);
    expect(png.isBase64Encoded).toBe(true);
    expect(Buffer.from(png.body!, 'base64').subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const wrongFormat = await app.request('GET', `/v1/spaces/${space.id}/qrcode?format=gif`, {
      token: staff.staff,
    });
    expect(wrongFormat.status).toBe(422);
  }, 60_000);

  it('403 INVALID_QR for a forged token, another space token, another purpose, and a rotated code', async () => {
    const space = await createSpace(app, staff.admin);
    const other = await createSpace(app, staff.admin);
    const { token } = await app.login('scanner');
    const door = await doorToken(app, staff.staff, space.id);
    const forged = door.slice(0, -2) + (door.endsWith('AA') ? 'BB' : 'AA');
    const cases = [
      forged,
      await doorToken(app, staff.staff, other.id),
      signToken('ticket', { s: space.id, r: 1 }),
      'garbage',
    ];
    for (const bad of cases) {
      const res = await checkIn(app, token, space.id, bad);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('INVALID_QR');
    }
    const rotated = await app.request('POST', `/v1/spaces/${space.id}/qrcode/rotate`, { token: staff.staff });
    expect(rotated.status).toBe(200);
    expect(rotated.body.qrRevision).toBe(2);
    expect(rotated.body.token).not.toBe(door);
    expect((await checkIn(app, token, space.id, door)).body.error.code).toBe('INVALID_QR');
    expect((await checkIn(app, token, space.id, rotated.body.token)).status).toBe(201);
    expect((await audit(space.id)).counter).toBe(1);
  });
});

describe('check-in and check-out', () => {
  it('checks in (201), answers a second scan with the same check-in (200), checks out (200), and again (200, the same visit)', async () => {
    const space = await createSpace(app, staff.admin);
    const door = await doorToken(app, staff.staff, space.id);
    const { token } = await app.login('visitor');
    const first = await checkIn(app, token, space.id, door);
    expect(first.status).toBe(201);
    expect(first.body.checkin).toMatchObject({ spaceId: space.id, status: 'in' });
    expect(first.body.space.occupancy).toBe(1);
    const again = await checkIn(app, token, space.id, door);
    expect(again.status).toBe(200);
    expect(again.body.checkin.id).toBe(first.body.checkin.id);
    const detail = await app.request('GET', `/v1/spaces/${space.id}`, { token });
    expect(detail.body.myCheckin.id).toBe(first.body.checkin.id);
    expect(detail.body.space.occupancy).toBe(1);

    const out = await checkOut(app, token, space.id);
    expect(out.status).toBe(200);
    expect(out.body.checkin).toMatchObject({ id: first.body.checkin.id, status: 'out', closedBy: 'user' });
    expect(out.body.checkin.checkedOutAt).toBeTruthy();
    expect(out.body.space.occupancy).toBe(0);
    // A repeat (its first reply lost) answers the settled visit; nothing is closed twice (retries-settled.test.ts).
    const twice = await checkOut(app, token, space.id);
    expect(twice.status).toBe(200);
    expect(twice.body.checkin).toEqual(out.body.checkin);
    expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0, intents: 0 });
  });

  it('409 SPACE_FULL when full; a check-out frees the place', async () => {
    const space = await createSpace(app, staff.admin, { capacity: 2 });
    const door = await doorToken(app, staff.staff, space.id);
    const [a, b, c] = await Promise.all(
      ['full_a', 'full_b', 'full_c'].map(async (n) => (await app.login(n)).token),
    );
    expect((await checkIn(app, a, space.id, door)).status).toBe(201);
    expect((await checkIn(app, b, space.id, door)).status).toBe(201);
    const refused = await checkIn(app, c, space.id, door);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SPACE_FULL');
    expect(refused.body.error.message).toMatch(/已满/);
    expect((await checkIn(app, a, space.id, door)).status).toBe(200); // already in: not refused though full
    await checkOut(app, a, space.id);
    expect((await checkIn(app, c, space.id, door)).status).toBe(201);
    expect(await audit(space.id)).toMatchObject({ counter: 2, open: 2, intents: 0 });
  });

  it('409 SPACE_CLOSED outside opening hours (district time)', async () => {
    const space = await createSpace(app, staff.admin, { opensAt: '09:00', closesAt: '17:30' });
    const door = await doorToken(app, staff.staff, space.id);
    const { token } = await app.login('early_bird');
    setClock(at('08:59'));
    const early = await checkIn(app, token, space.id, door);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SPACE_CLOSED');
    expect((await app.request('GET', `/v1/spaces/${space.id}`)).body.space.openNow).toBe(false);
    setClock(at('17:30'));
    expect((await checkIn(app, token, space.id, door)).body.error.code).toBe('SPACE_CLOSED');
    setClock(at('09:00'));
    const ok = await checkIn(app, token, space.id, door);
    expect(ok.status).toBe(201);
    expect(ok.body.checkin.autoCheckoutAt).toBe(new Date(at('17:30')).toISOString());
    expect(await audit(space.id)).toMatchObject({ counter: 1, open: 1 });
  });

  it('needs sign-in, a token in the body (422, nothing written), and a known space (404)', async () => {
    const space = await createSpace(app, staff.admin);
    const door = await doorToken(app, staff.staff, space.id);
    expect(
      (await app.request('POST', `/v1/spaces/${space.id}/checkins`, { body: { token: door } })).status,
    ).toBe(401);
    const { token } = await app.login('sloppy');
    const missing = await app.request('POST', `/v1/spaces/${space.id}/checkins`, { token, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.token).toBeTruthy();
    expect(await audit(space.id)).toMatchObject({ counter: 0, open: 0 });
    expect((await checkIn(app, token, 'NOPE', door)).status).toBe(403); // a token for another space
    expect((await checkOut(app, token, 'NOPE')).status).toBe(404);
  });

  it('replays a check-in sent twice with the same Idempotency-Key', async () => {
    const space = await createSpace(app, staff.admin);
    const door = await doorToken(app, staff.staff, space.id);
    const { token } = await app.login('retrier');
    const send = () =>
      app.request('POST', `/v1/spaces/${space.id}/checkins`, {
        token,
        body: { token: door },
        headers: { 'Idempotency-Key': 'scan-1' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replay']).toBe('true');
    expect(second.body.checkin.id).toBe(first.body.checkin.id);
  });

  it("lists the user's visits, newest first", async () => {
    const space = await createSpace(app, staff.admin, { name: '历史空间' });
    const door = await doorToken(app, staff.staff, space.id);
    const { token } = await app.login('regular');
    setClock(at('10:00'));
    const first = await checkIn(app, token, space.id, door);
    await checkOut(app, token, space.id);
    setClock(at('11:00'));
    const second = await checkIn(app, token, space.id, door);
    const mine = await app.request('GET', '/v1/me/checkins?limit=1', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: second.body.checkin.id, status: 'in', spaceName: '历史空间' }),
    ]);
    const next = await app.request(
      'GET',
      `/v1/me/checkins?limit=1&cursor=${encodeURIComponent(mine.body.nextCursor)}`,
      { token },
    );
    expect(next.body.items).toEqual([expect.objectContaining({ id: first.body.checkin.id, status: 'out' })]);
  });
});
