import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('health and sign-in', () => {
  it('answers health without a token', async () => {
    const res = await app.request('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('signs dev:admin in with the admin role from ADMIN_OPENIDS', async () => {
    const res = await app.request('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    expect(res.status).toBe(200);
    expect(typeof res.body.token).toBe('string');
    expect(res.body.user.roles).toEqual(['admin']);
    const me = await app.request('GET', '/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it('gives the same user for the same openid, even on concurrent first logins', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.request('POST', '/v1/auth/login', { body: { code: 'dev:racer' } }),
      ),
    );
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(replies.map((r) => r.body.user.id)).size).toBe(1);
  });

  it('refuses a malformed local code with 422 and fields', async () => {
    const res = await app.request('POST', '/v1/auth/login', { body: { code: 'wx:abc' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.code).toMatch(/dev:/);
    expect(res.body.error.requestId).toBeTruthy();
  });
});

describe('errors in the contract shape', () => {
  it('401 without a token, with a bad token', async () => {
    expect((await app.request('GET', '/v1/me')).body.error.code).toBe('UNAUTHENTICATED');
    const bad = await app.request('GET', '/v1/me', { token: 'not-a-jwt' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toMatch(/登录/);
  });

  it('400 for a body that is not JSON or not an object', async () => {
    const { token } = await app.login('writer');
    const notJson = await app.request('PATCH', '/v1/me', { token, rawBody: '{nope' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('BAD_REQUEST');
    const array = await app.request('PATCH', '/v1/me', { token, rawBody: '[1,2]' });
    expect(array.status).toBe(400);
  });

  it('413 for a body over 64 KiB', async () => {
    const { token } = await app.login('writer');
    const res = await app.request('PATCH', '/v1/me', {
      token,
      rawBody: JSON.stringify({ nickname: 'x'.repeat(70 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('422 with fields for a wrong identity, and nothing is written', async () => {
    const { token } = await app.login('writer2');
    const res = await app.request('PATCH', '/v1/me', {
      token,
      body: { identity: 'astronaut', nickname: '小王' },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['identity']);
    const me = await app.request('GET', '/v1/me', { token });
    expect(me.body.user.nickname).not.toBe('小王');
  });

  it('404 in the contract shape for an unknown route', async () => {
    const res = await app.request('GET', '/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('profile and roles', () => {
  it('updates nickname, identity and phone', async () => {
    const { token } = await app.login('member1');
    const res = await app.request('PATCH', '/v1/me', {
      token,
      body: { nickname: '  张三  ', identity: 'party_member', phone: '13812341234' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ nickname: '张三', identity: 'party_member', phone: '13812341234' });
  });

  it('roles granted by an admin take effect on the next request, and revoking works too', async () => {
    const admin = await app.login('admin');
    const user = await app.login('future_staff');
    const denied = await app.request('GET', '/v1/admin/stats', { token: user.token });
    expect(denied.status).toBe(403);
    const grant = await app.request('PUT', `/v1/admin/users/${user.userId}/roles`, {
      token: admin.token,
      body: { roles: ['staff'] },
    });
    expect(grant.status).toBe(200);
    expect(grant.body.user.roles).toEqual(['staff']);
    expect((await app.request('GET', '/v1/admin/stats', { token: user.token })).status).toBe(200);
    await app.request('PUT', `/v1/admin/users/${user.userId}/roles`, {
      token: admin.token,
      body: { roles: [] },
    });
    expect((await app.request('GET', '/v1/admin/stats', { token: user.token })).status).toBe(403);
  });

  it('only admins change roles', async () => {
    const staff = await app.userWithRoles('staff_only', ['staff']);
    const res = await app.request('PUT', `/v1/admin/users/${staff.userId}/roles`, {
      token: staff.token,
      body: { roles: ['admin'] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('404 when granting roles to an unknown user', async () => {
    const admin = await app.login('admin');
    const res = await app.request('PUT', '/v1/admin/users/u_missing/roles', {
      token: admin.token,
      body: { roles: ['staff'] },
    });
    expect(res.status).toBe(404);
  });
});

describe('bad input on queries and public routes', () => {
  it('treats a stale token on a public route as signed out', async () => {
    const res = await app.request('POST', '/v1/auth/login', {
      token: 'garbage',
      body: { code: 'dev:stale' },
    });
    expect(res.status).toBe(200);
  });

  it('rejects impossible dates and huge ranges on the dashboard with 422, quickly', async () => {
    const admin = await app.login('admin');
    const bad = await app.request('GET', '/v1/admin/stats?to=2026-13-45', { token: admin.token });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.to).toBeTruthy();
    const huge = await app.request('GET', '/v1/admin/stats?from=0001-01-01&to=9999-12-31', {
      token: admin.token,
    });
    expect(huge.status).toBe(422);
    expect(huge.body.error.fields.from).toMatch(/92/);
  });

  it('reads an empty query value as "no filter"', async () => {
    const admin = await app.login('admin');
    const res = await app.request('GET', '/v1/admin/stats?from=&to=', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(30);
  });

  it('answers a cursor taken from another list with 422, not 500', async () => {
    const staff = await app.userWithRoles('cursor_staff', ['staff']);
    const base = { kind: 'activity', description: '测试', location: '党群服务中心', capacity: 10 };
    for (let i = 0; i < 3; i++) {
      const startsAt = new Date(Date.now() + (i + 2) * 86400000).toISOString();
      const endsAt = new Date(Date.now() + (i + 2) * 86400000 + 3600000).toISOString();
      const created = await app.request('POST', '/v1/events', {
        token: staff.token,
        body: { ...base, title: `活动${i}`, startsAt, endsAt },
      });
      expect(created.status).toBe(201);
    }
    const page = await app.request('GET', '/v1/events?kind=activity&limit=1', { token: staff.token });
    expect(page.body.nextCursor).toBeTruthy();
    const foreign = await app.request(
      'GET',
      `/v1/spaces?cursor=${encodeURIComponent(page.body.nextCursor)}`,
      { token: staff.token },
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields.cursor).toBeTruthy();
  });
});
