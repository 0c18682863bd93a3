// Browse first, sign in on an action (issue #10, WeChat 帐号登录规范), in a real browser against the real handlers:
// every public GET answers a stranger without personal data; a stranger opening `/` sees 首页 with the tab bar and
// live content, opens an event, and is asked to sign in only on 报名 — a sheet over the event, not a page; declining
// leaves them on the event, signing in completes the sign-up. 我的 and the legal pages are readable signed out.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

/** Field names that would mean a reply to a stranger carries someone's personal data. */
const PERSONAL =
  /"(openid|phone|guardianPhone|participants|userId|code)"\s*:|"likedByMe"\s*:\s*true|"mySignup"\s*:\s*\{/;

describe('browse first, sign in on an action (H5)', () => {
  let app: BrowserApp;
  let eventId: string;
  let spaceId: string;
  let offerId: string;
  let messageId: string;
  const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86400000 + h * 3600000).toISOString();
  const login = async (openid: string) =>
    (await app.api('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } })).body as {
      token: string;
      user: { id: string };
    };

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await login('admin');
    const event = await app.api('POST', '/v1/events', {
      token: admin.token,
      body: {
        kind: 'party_lesson',
        title: '行走的党课：威海卫',
        location: '环翠楼',
        startsAt: inDays(2),
        endsAt: inDays(2, 3),
        capacity: 5,
      },
    });
    eventId = event.body.event.id;
    const space = await app.api('POST', '/v1/spaces', {
      token: admin.token,
      body: { name: '新威路共享空间', address: '新威路 17 号', capacity: 8, amenities: ['饮用水'] },
    });
    spaceId = space.body.space.id;

    const merchant = await login('e2e_launch_merchant');
    const applied = await app.api('POST', '/v1/merchants', {
      token: merchant.token,
      body: { name: '环翠书店', category: '文化', address: '统一路 9 号', contact: '王店长 13800000009' },
    });
    await app.api('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: admin.token,
      body: { decision: 'approve' },
    });
    const offer = await app.api('POST', '/v1/offers', {
      token: merchant.token,
      body: {
        alliance: 'cross_industry',
        title: '党员读书九折',
        description: '凭券九折',
        quantity: 20,
        perUserLimit: 1,
        validFrom: inDays(-1),
        validUntil: inDays(30),
      },
    });
    offerId = offer.body.offer.id;

    await app.api('PUT', '/v1/admin/settings/wall', { token: admin.token, body: { moderation: 'post' } });
    const writer = await login('e2e_launch_writer');
    await app.api('PATCH', '/v1/me', {
      token: writer.token,
      body: { nickname: '社区老李', phone: '13900000001' },
    });
    const message = await app.api('POST', '/v1/messages', {
      token: writer.token,
      body: { text: '欢迎回家，红色商圈越来越好' },
    });
    messageId = message.body.message.id;
    // The writer likes their own message: a stranger must still see likedByMe false.
    await app.api('PUT', `/v1/messages/${messageId}/like`, { token: writer.token });
    for (const [name, res] of Object.entries({ event, space, offer, message }))
      expect({ name, status: res.status }).toEqual({ name, status: 201 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers every public GET without a token, with nothing personal in it', async () => {
    const routes = [
      '/v1/events',
      `/v1/events/${eventId}`,
      '/v1/spaces',
      `/v1/spaces/${spaceId}`,
      '/v1/messages',
      '/v1/offers',
      `/v1/offers/${offerId}`,
    ];
    for (const url of routes) {
      const res = await app.api('GET', url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      const text = JSON.stringify(res.body);
      expect({ url, personal: PERSONAL.exec(text)?.[0] ?? null }).toEqual({ url, personal: null });
      expect({ url, phone: text.includes('13900000001') }).toEqual({ url, phone: false });
    }
  });

  it('opens on 首页 with the tab bar and live content, and never asks to sign in', async () => {
    const requests: string[] = [];
    app.page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await app.open('/');
    const home = app.visiblePage();
    await app.waitForText('近期活动');
    await home.locator(`[data-event-id="${eventId}"]`).waitFor();
    await expect(home.locator(`[data-event-id="${eventId}"]`).textContent()).resolves.toContain(
      '行走的党课：威海卫',
    );
    const spaceRow = home.locator(`[data-space-id="${spaceId}"]`);
    await spaceRow.waitFor();
    await expect(spaceRow.textContent()).resolves.toContain('新威路共享空间');
    // Occupancy once, in the gauge (the row's own line says where the space is).
    await expect(spaceRow.locator('.rc-spaces-gauge__occupancy').textContent()).resolves.toBe('0');
    await expect(spaceRow.getByText('在场').count()).resolves.toBe(0);
    await expect(home.locator(`[data-offer-id="${offerId}"]`).textContent()).resolves.toContain(
      '党员读书九折',
    );
    await expect(home.locator(`[data-message-id="${messageId}"]`).textContent()).resolves.toContain(
      '欢迎回家，红色商圈越来越好',
    );
    for (const label of ['首页', '活动', '空间', '寄语墙', '我的'])
      await expect(app.page.locator('.weui-tabbar__label', { hasText: label }).count()).resolves.toBe(1);
    await app.page.waitForTimeout(300);
    await app.page.screenshot({ path: '/tmp/launch-home.png', fullPage: true });

    expect(new URL(app.page.url()).pathname).toMatch(/^\/(pages\/index\/index)?$/);
    await expect(app.page.locator('.rc-signin-sheet').count()).resolves.toBe(0);
    expect(requests.filter((r) => /\/v1\/auth\/|^GET \/v1\/me(\/|$)/.test(r))).toEqual([]);
    expect(await app.sessionToken()).toBe('');
  });

  it('asks to sign in only on 报名, as a sheet over the event; declining leaves the stranger on the event', async () => {
    await app.visiblePage().locator(`[data-event-id="${eventId}"]`).click();
    await app.page.waitForURL(/\/packages\/events\/pages\/detail\/index/);
    await app.waitForText('已报 0/5');
    await expect(app.page.locator('.rc-signin-sheet').count()).resolves.toBe(0);

    const posts: string[] = [];
    app.page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname));
    await app.button('报名').click();
    const sheet = app.page.locator('.rc-signin-sheet');
    await sheet.waitFor({ state: 'visible' });
    await expect(sheet.textContent()).resolves.toContain('登录后继续');
    expect(new URL(app.page.url()).pathname).toBe('/packages/events/pages/detail/index');
    await app.page.screenshot({ path: '/tmp/launch-sheet.png' });
    expect(posts).toEqual([]);

    await sheet.locator('button', { hasText: '暂不登录' }).click();
    await sheet.waitFor({ state: 'detached' });
    expect(new URL(app.page.url()).pathname).toBe('/packages/events/pages/detail/index');
    await app.waitForText('已报 0/5');
    await expect(app.button('报名').count()).resolves.toBe(1);
    expect(posts).toEqual([]);
    expect(await app.sessionToken()).toBe('');
  });

  it('signs in from the sheet and completes the sign-up it was asked for', async () => {
    // The name staff call out is asked on the form, before signing in (a new account's nickname is not offered).
    await app.fillField('联系人姓名', '陈师傅');
    await app.button('报名').click();
    await app.signIn('e2e_launch_member');
    expect(new URL(app.page.url()).pathname).toBe('/packages/events/pages/detail/index');
    await app.waitForText('您已报名');
    await app.waitForText('已报 1/5');
    await app.page.screenshot({ path: '/tmp/launch-signed-up.png' });
    const token = await app.sessionToken();
    expect(token).not.toBe('');
    const mine = await app.api('GET', '/v1/me/signups', { token });
    expect(mine.body.items.map((s: { eventId: string }) => s.eventId)).toEqual([eventId]);
  });

  it('shows 我的 to a stranger with a sign-in card and the legal pages', async () => {
    await app.page.evaluate(() =>
      (globalThis as unknown as { localStorage: { removeItem(k: string): void } }).localStorage.removeItem(
        'rc.session.token',
      ),
    );
    await app.open('/pages/me/index');
    await app.waitForText('未登录');
    await expect(app.page.locator('.rc-signin-sheet').count()).resolves.toBe(0);
    await app.visiblePage().locator('[data-legal="collection"]').click();
    await app.page.waitForURL(/\/packages\/legal\/pages\/collection\/index/);
    await app.waitForText('儿童姓名与年龄（仅青少年教育活动）');
    await app.waitForText('活动结束后 30 天自动删除（只保留名额数）；注销账号时立即删除');
    await app.page.screenshot({ path: '/tmp/launch-collection.png', fullPage: true });

    await app.open('/packages/legal/pages/privacy/index');
    await app.waitForText('无需登录即可浏览');
    await app.open('/pages/wall/index');
    await app.visiblePage().locator('.rc-wall-card', { hasText: '欢迎回家，红色商圈越来越好' }).waitFor();
    await expect(app.page.locator('.rc-signin-sheet').count()).resolves.toBe(0);
  });
});
