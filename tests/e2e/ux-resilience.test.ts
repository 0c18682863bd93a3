// Review findings on the mini-program, in a real browser: a page waiting for the user shows why and 重试 when the user
// could not be loaded (it loaded for ever); a space opened from the list is shown to a stranger (it forced sign-in);
// signing in on the 报名 tap goes on with the profile's name (it asked for the name again); 我的报名 loads past its
// first page (it stopped at 20); the till page tells a non-merchant at once (a 403 after typing a code).
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('resilience and sign-in (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;
  const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86400000 + h * 3600000).toISOString();
  const login = async (openid: string) =>
    (await app.api('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } })).body as {
      token: string;
      user: { id: string };
    };
  const createEvent = async (title: string, days: number) =>
    (
      await app.api('POST', '/v1/events', {
        token: staffToken,
        body: {
          kind: 'party_lesson',
          title,
          location: '服务中心',
          startsAt: inDays(days),
          endsAt: inDays(days, 2),
          capacity: 5,
        },
      })
    ).body.event.id as string;

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await login('admin');
    const staff = await login('e2e_res_staff');
    staffToken = staff.token;
    await app.api('PUT', `/v1/admin/users/${staff.user.id}/roles`, {
      token: admin.token,
      body: { roles: ['staff'] },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a signed-in page whose user could not be loaded shows the error with 重试, which recovers', async () => {
    await app.signInFast('e2e_res_offline');
    await app.page.route('**/v1/me', (route) => route.abort('internetdisconnected'));
    try {
      await app.open('/packages/events/pages/mine/index');
      const state = app.visiblePage().locator('.rc-error');
      await state.waitFor();
      await expect(state.innerText()).resolves.toContain('网络连接失败');
      await app.page.screenshot({ path: '/tmp/res-auth-error.png' });
    } finally {
      await app.page.unroute('**/v1/me');
    }
    app.consoleErrors.length = 0; // the cut network, on purpose
    await app.button('重试').click();
    await app.waitForText('还没有报名');
  });

  it('a space opened from the list is shown to a stranger, without asking to sign in', async () => {
    const admin = await login('admin');
    await app.api('POST', '/v1/spaces', {
      token: admin.token,
      body: { name: '陌生人可看的驿站', address: '统一路 2 号', capacity: 8, amenities: ['饮水'] },
    });
    await app.page.evaluate(() =>
      (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear(),
    );
    await app.open('/pages/spaces/index');
    await app.visiblePage().getByText('陌生人可看的驿站').click();
    await app.page.waitForURL(/\/packages\/spaces\/pages\/checkin\/index/);
    await app.waitForText('到达空间后，扫描门口的二维码即可签到入场');
    await expect(app.page.getByText('暂不登录').count()).resolves.toBe(0);
    await expect(app.sessionToken()).resolves.toBe('');
    await app.page.waitForTimeout(500); // the page's slide-in, for the screenshot
    await app.page.screenshot({ path: '/tmp/res-space-stranger.png' });
  });

  it('signing in on the 报名 tap goes on with the name in the profile', async () => {
    const member = await login('e2e_res_named');
    await app.api('PATCH', '/v1/me', { token: member.token, body: { realName: '王建国' } });
    const eventId = await createEvent('登录即报名的党课', 3);
    await app.page.evaluate(() =>
      (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear(),
    );
    await app.open(`/packages/events/pages/detail/index?id=${eventId}`);
    await app.button('报名').click();
    await app.signIn('e2e_res_named');
    await app.waitForText('点名时叫：王建国');
    await expect(app.page.getByText('请填写联系人姓名').count()).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/res-signin-signup.png' });
  });

  it('the till page tells someone who is not a merchant, before a code is typed', async () => {
    await app.signInFast('e2e_res_not_merchant');
    await app.open('/packages/merchant/pages/redeem/index');
    await app.waitForText('仅限联盟商户使用（入驻审核通过后可核销）');
    await expect(app.field('XXXX-XXXX').count()).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/res-redeem-not-merchant.png' });
  });

  it('我的报名 loads every sign-up, page after page', async () => {
    const member = await app.signInFast('e2e_res_many');
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await createEvent(`连续党课第${i + 1}讲`, 5 + i));
    for (const id of ids)
      await app.api('POST', `/v1/events/${id}/signups`, {
        token: member.token,
        body: { contactName: '李四' },
      });
    await app.open('/packages/events/pages/mine/index');
    const cards = app.visiblePage().locator('.rc-events-mine__card');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(20);
    await app.page.mouse.wheel(0, 20_000);
    await app.visiblePage().getByText('连续党课第1讲').waitFor();
    await expect(cards.count()).resolves.toBe(23);
  });
});
