// 设置 in a real browser: a signed-in user opens 我的 → 设置, exports their data (the counts per section), then closes
// the account: the confirmation says what is erased and what stays; after 确认注销 the app is signed out on 首页,
// the old token is refused, and the seat the user held went back to the event.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('设置: export and close the account (H5)', () => {
  let app: BrowserApp;
  let eventId: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_account_staff' } });
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    const created = await app.api('POST', '/v1/events', {
      token: staff.body.token,
      body: {
        kind: 'party_lesson',
        title: '刘公岛行走的党课',
        location: '刘公岛',
        startsAt: new Date(Date.now() + 3 * 86400000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 86400000 + 4 * 3600000).toISOString(),
        capacity: 5,
      },
    });
    eventId = created.body.event.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('exports my data, then closes the account after a confirmation that says what is erased and what stays', async () => {
    const user = await app.signInFast('e2e_account_user');
    await app.api('PATCH', '/v1/me', { token: user.token, body: { nickname: '老党员王叔' } });
    expect(
      (await app.api('POST', `/v1/events/${eventId}/signups`, { token: user.token, body: {} })).status,
    ).toBe(201);

    await app.open('/pages/me/index');
    await app.waitForText('老党员王叔');
    await app.visiblePage().locator('[data-feature="account-settings"]').click();
    await app.page.waitForURL(/\/packages\/account\/pages\/settings\/index/);
    await app.button('导出我的数据').click();
    await app.waitForText('活动报名：1 条');
    await app.waitForText('寄语：0 条');
    await app.waitForText(/"nickname": "老党员王叔"/);
    await app.page.screenshot({ path: '/tmp/account-export.png' });

    await app.button('注销账号').click();
    await app.waitForText('注销后立即生效，不可恢复');
    await app.waitForText('报名中孩子的姓名、年龄和监护人手机号');
    await app.waitForText('寄语墙上的寄语（不再显示作者）');
    await app.page.screenshot({ path: '/tmp/account-close-confirm.png' });
    // Changing one's mind closes nothing.
    await app.button('再想想').click();
    expect((await app.api('GET', '/v1/me', { token: user.token })).status).toBe(200);

    await app.button('注销账号').click();
    await app.button('确认注销').click();
    // Signed out and back on 首页, still browsing: no sign-in sheet.
    await app.page.waitForURL(/\/pages\/index\/index/);
    await app.visiblePage().waitFor();
    await expect(app.page.locator('.rc-signin-sheet').count()).resolves.toBe(0);
    expect(await app.sessionToken()).toBe('');
    await app.page.screenshot({ path: '/tmp/account-closed.png' });

    const me = await app.api('GET', '/v1/me', { token: user.token });
    expect(me.status).toBe(401);
    const event = await app.api('GET', `/v1/events/${eventId}`);
    expect(event.body.event.seatsTaken).toBe(0);
    // The same account signs in to a new, empty one.
    const again = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_account_user' } });
    expect(again.body.user.id).not.toBe(user.userId);
    expect(again.body.user.nickname).not.toBe('老党员王叔');
  });
});
