// The mini-program shell in a real browser against the real handlers: 首页 first, sign-in through the dev screen,
// 我的 with roles and a profile edit that survives a reload, and an API failure shown as a Chinese error state.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('mini-program shell (H5)', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens on 首页 for a signed-out visitor (no sign-in screen), then signs in and comes home', async () => {
    await app.open('/');
    await app.waitForText('红色商圈 · 环翠楼街道党群服务中心');
    expect(new URL(app.page.url()).pathname).not.toMatch(/\/pages\/login\/index/);

    await app.signIn('admin');

    expect(new URL(app.page.url()).pathname).toBe('/pages/index/index');
    await app.waitForText('红色商圈 · 环翠楼街道党群服务中心');
    await app.waitForText(/欢迎回家/);
    const home = app.visiblePage();
    for (const title of ['活动', '共享空间', '寄语墙'])
      await expect(home.locator('.rc-home__card-title', { hasText: title }).count()).resolves.toBe(1);
    await app.page.screenshot({ path: '/tmp/shell-home.png' });
  });

  it('opens a feature tab from its home card', async () => {
    await app.visiblePage().locator('[data-feature="wall"]').click();
    await app.page.waitForURL(/\/pages\/wall\/index/);
    // The wall feature owns that page's content; the shell only checks the tab bar followed.
    await app.page.locator('.weui-tabbar__item.weui-bar__item_on', { hasText: '寄语墙' }).waitFor();
    await app.tab('首页');
    await app.page.waitForURL(/\/pages\/index\/index/);
    expect(await app.visiblePage().locator('.rc-home__card').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows the admin on 我的 and saves a profile edit that survives a reload', async () => {
    const me = await app.api('GET', '/v1/me', { token: await app.sessionToken() });
    expect(me.status).toBe(200);
    expect(me.body.user.roles).toContain('admin');

    await app.tab('我的');
    await app.page.waitForURL(/\/pages\/me\/index/);
    await app.waitForText(me.body.user.nickname);
    await app.waitForText('管理员');

    // Checked in the browser with the same schema the API uses, before any request.
    await app.fillField('11 位手机号', '123');
    await app.button('保存资料').click();
    await app.waitForText('请输入 11 位手机号');

    await app.fillField('11 位手机号', '13800138000');
    await app.fillField('请输入昵称', '环翠楼管理员');
    await app.visiblePage().locator('.rc-me__chip', { hasText: '党员' }).click();
    const saved = app.page.waitForResponse(
      (r) => r.url().endsWith('/v1/me') && r.request().method() === 'PATCH',
    );
    await app.button('保存资料').click();
    expect((await saved).status()).toBe(200);

    await app.page.reload();
    await app.waitForText('环翠楼管理员');
    await app.page.screenshot({ path: '/tmp/shell-me.png' });
    await expect(app.visiblePage().locator('.rc-me__identity').textContent()).resolves.toBe('党员');
    await expect(app.field('11 位手机号').inputValue()).resolves.toBe('13800138000');
    const after = await app.api('GET', '/v1/me', { token: await app.sessionToken() });
    expect(after.body.user).toMatchObject({ nickname: '环翠楼管理员', identity: 'party_member' });
  });

  it('shows an API failure as a Chinese error state, and recovers on retry', async () => {
    app.storeDown();
    try {
      await app.page.reload();
      await app.waitForText('服务繁忙，请稍后重试');
      await app.page.screenshot({ path: '/tmp/shell-error.png' });
      await app.waitForText(/^错误编号 \S+/);
      expect(await app.visiblePage().innerText()).not.toContain('UNAVAILABLE');
    } finally {
      app.storeUp();
    }
    await app.button('重试').click();
    await expect(app.waitForText('环翠楼管理员')).resolves.toBeTruthy();
  });

  it('on a rejected token (401) asks to sign in again over the page the user was on', async () => {
    await app.page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('rc.session.token', JSON.stringify({ data: 'expired.token.value' })),
    );
    await app.open('/pages/me/index');
    await app.page.locator('.rc-signin-sheet').waitFor({ state: 'visible' });
    expect(new URL(app.page.url()).pathname).toBe('/pages/me/index');
    expect(await app.sessionToken()).toBe('');
    await app.signIn('admin');
    expect(new URL(app.page.url()).pathname).toBe('/pages/me/index');
    await app.waitForText('环翠楼管理员');
  });

  it('signs out back to 首页, still browsing', async () => {
    await app.button('退出登录').click();
    await app.page.waitForURL(/\/pages\/index\/index/);
    await app.waitForText('近期活动');
    expect(await app.sessionToken()).toBe('');
  });
});
