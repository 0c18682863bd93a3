// 消息 in a real browser (phone viewport) against the real handlers: a waitlisted member is promoted when the holder
// of the last seat cancels; 我的 shows 消息 with a red badge; the 消息 page shows 候补转正 with the event's title and a
// district time, marks it read (the badge is gone back on 我的), and a tap opens the event. A member with no notices
// sees the designed empty state.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('消息 (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;
  let eventId: string;
  const title = '刘公岛行走的党课（消息测试）';

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_inbox_staff' } });
    staffToken = staff.body.token;
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86400000 + h * 3600000).toISOString();
    const created = await app.api('POST', '/v1/events', {
      token: staffToken,
      body: {
        kind: 'party_lesson',
        title,
        description: '参观甲午战争博物馆',
        location: '刘公岛',
        startsAt: inDays(3),
        endsAt: inDays(3, 4),
        capacity: 1,
      },
    });
    expect(created.status).toBe(201);
    eventId = created.body.event.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a promoted member sees the badge on 我的, the notice on 消息, and it opens the event', async () => {
    const holder = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_inbox_holder' } });
    const waiter = await app.signInFast('e2e_inbox_waiter');
    const signUp = (token: string) => app.api('POST', `/v1/events/${eventId}/signups`, { token, body: {} });
    expect((await signUp(holder.body.token)).body.signup.status).toBe('confirmed');
    expect((await signUp(waiter.token)).body.signup.status).toBe('waitlisted');
    const cancelled = await app.api('DELETE', `/v1/events/${eventId}/signups/me`, {
      token: holder.body.token,
    });
    expect(cancelled.status).toBe(200);

    await app.open('/pages/me/index');
    const entry = app.visiblePage().locator('[data-feature="inbox"]');
    await entry.locator('.rc-inbox-entry__badge', { hasText: '1' }).waitFor();
    await app.page.screenshot({ path: '/tmp/inbox-me.png' });

    await entry.click();
    await app.page.waitForURL(/\/packages\/inbox\/pages\/index\/index/);
    const notice = app.visiblePage().locator('[data-kind="event_promoted"]');
    await notice.getByText('候补转正').waitFor();
    await notice.getByText(`您候补的「${title}」已转为正式报名，请按时参加。`).waitFor();
    // The time in district time (UTC+8), e.g. 12月1日 09:05.
    await expect(notice.locator('.rc-inbox__time').innerText()).resolves.toMatch(
      /^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
    );
    await app.page.screenshot({ path: '/tmp/inbox-list.png' });
    // Opening the page marked it read.
    const unread = async () => (await app.api('GET', '/v1/me/inbox', { token: waiter.token })).body.unread;
    for (let i = 0; i < 50 && (await unread()) !== 0; i++) await app.page.waitForTimeout(100);
    expect(await unread()).toBe(0);

    await notice.click();
    await app.page.waitForURL(new RegExp(`/packages/events/pages/detail/index\\?id=${eventId}`));
    await app.waitForText(title);

    await app.open('/pages/me/index');
    await app.visiblePage().locator('[data-feature="inbox"]').getByText('消息').waitFor();
    await expect(app.visiblePage().locator('.rc-inbox-entry__badge').count()).resolves.toBe(0);
  });

  it('a member with no notices sees the empty state; a failed load shows the Chinese error and 重试', async () => {
    await app.signInFast('e2e_inbox_newcomer');
    await app.open('/pages/me/index');
    const entry = app.visiblePage().locator('[data-feature="inbox"]');
    await entry.getByText('消息').waitFor();
    app.storeDown();
    try {
      await entry.click();
      await app.page.waitForURL(/\/packages\/inbox\/pages\/index\/index/);
      await app.waitForText('服务繁忙，请稍后重试');
      await app.page.screenshot({ path: '/tmp/inbox-error.png' });
    } finally {
      app.storeUp();
    }
    await app.button('重试').click();
    await app.waitForText('暂无消息');
    await expect(app.visiblePage().locator('.rc-inbox__item').count()).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/inbox-empty.png' });
  });
});
