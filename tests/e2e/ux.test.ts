// The UX pass (issue 12) in a real browser at phone size: Chinese form messages, one Idempotency-Key per action,
// disabled buttons that stay silent, the offer page remembering my claim, the waitlisted state, explained errors,
// closed spaces, and the H5 title bar with its back control.
import type { Request } from 'playwright-core';
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

const LATIN = /[A-Za-z]/;
const HAN = /[\u4e00-\u9fff]/;

describe('UX pass (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;
  let offerId: string;
  let fullEventId: string;
  let signedEventId: string;
  let closedSpaceId: string;
  let closedDoorToken: string;
  const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86400000 + h * 3600000).toISOString();
  const login = async (openid: string) =>
    (await app.api('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } })).body as {
      token: string;
      user: { id: string };
    };

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await login('admin');
    const staff = await login('e2e_ux_staff');
    staffToken = staff.token;
    await app.api('PUT', `/v1/admin/users/${staff.user.id}/roles`, {
      token: admin.token,
      body: { roles: ['staff'] },
    });

    // An approved merchant with one offer.
    const merchant = await login('e2e_ux_merchant');
    const applied = await app.api('POST', '/v1/merchants', {
      token: merchant.token,
      body: { name: '威海老面馆', category: '餐饮', address: '统一路 1 号', contact: '李经理 13800000001' },
    });
    await app.api('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: staffToken,
      body: { decision: 'approve' },
    });
    const offer = await app.api('POST', '/v1/offers', {
      token: merchant.token,
      body: {
        alliance: 'industry',
        title: '面馆八折券',
        description: '堂食八折',
        quantity: 10,
        perUserLimit: 1,
        validFrom: inDays(-1),
        validUntil: inDays(30),
      },
    });
    expect(offer.status).toBe(201);
    offerId = offer.body.offer.id;

    // One seat, already taken: the next sign-up joins the waiting list.
    const full = await app.api('POST', '/v1/events', {
      token: staffToken,
      body: {
        kind: 'party_lesson',
        title: '候补测试党课',
        location: '刘公岛',
        startsAt: inDays(3),
        endsAt: inDays(3, 4),
        capacity: 1,
        waitlist: true,
      },
    });
    fullEventId = full.body.event.id;
    const filler = await login('e2e_ux_filler');
    await app.api('POST', `/v1/events/${fullEventId}/signups`, { token: filler.token, body: {} });

    // An event the user has already signed up for (the button reads 已报名, disabled).
    const signed = await app.api('POST', '/v1/events', {
      token: staffToken,
      body: {
        kind: 'activity',
        title: '已报名测试活动',
        location: '服务中心',
        startsAt: inDays(5),
        endsAt: inDays(5, 2),
        capacity: 20,
      },
    });
    signedEventId = signed.body.event.id;
    const user = await login('e2e_ux_user');
    await app.api('POST', `/v1/events/${signedEventId}/signups`, { token: user.token, body: {} });

    // A space whose hours do not include now (district time, UTC+8).
    const districtHour = new Date(Date.now() + 8 * 3600000).getUTCHours();
    const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const hours =
      districtHour < 20
        ? { opensAt: pad(districtHour + 2), closesAt: pad(districtHour + 3) }
        : { opensAt: '01:00', closesAt: '02:00' };
    const space = await app.api('POST', '/v1/spaces', {
      token: admin.token,
      body: { name: '闭馆测试空间', address: '新威路 1 号', capacity: 5, amenities: [], ...hours },
    });
    expect(space.status).toBe(201);
    closedSpaceId = space.body.space.id;
    closedDoorToken = (await app.api('GET', `/v1/spaces/${closedSpaceId}/qrcode`, { token: admin.token }))
      .body.token;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows a bad value in a form in Chinese, with no Latin letters (zod zh-CN at start-up)', async () => {
    await app.signInFast('e2e_ux_merchant');
    await app.open('/packages/merchant/pages/offer-form/index');
    await app.fillField('商圈职工午餐九折', '面馆午市券');
    await app.fillField('使用方式', '凭券堂食');
    await app.fillField('发放张数', '200000');
    await app.button('发布优惠').click();
    const error = app.visiblePage().locator('.rc-merchant-form__error').first();
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(HAN);
    expect(text).not.toMatch(LATIN);
    await app.page.screenshot({ path: '/tmp/ux-form-error.png' });
  });

  it('retries a claim after 409 REQUEST_IN_PROGRESS with the same Idempotency-Key', async () => {
    await app.signInFast('e2e_ux_user');
    const keys: string[] = [];
    let first = true;
    await app.page.route('**/v1/offers/*/claims', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (!first) return route.continue();
      first = false;
      return route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'REQUEST_IN_PROGRESS',
            message: '相同的请求正在处理中，请稍后重试',
            requestId: 'r-1',
          },
        }),
      });
    });
    try {
      await app.open(`/packages/alliance/pages/detail/index?id=${offerId}`);
      await app.button('立即领取').click();
      await app.waitForText('相同的请求正在处理中，请稍后重试');
      await app.button('立即领取').click();
      await app.visiblePage().locator('.rc-alliance-claim__code').waitFor();
    } finally {
      await app.page.unroute('**/v1/offers/*/claims');
    }
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe('');
    expect(keys[1]).toBe(keys[0]);
  });

  it('the offer page remembers my claim after a reload: 已领取 with the code', async () => {
    await app.open(`/packages/alliance/pages/detail/index?id=${offerId}`);
    await app.page.reload();
    await app.visiblePage().locator('.rc-alliance-claim__code').waitFor();
    await expect(app.button('已领取').count()).resolves.toBe(1);
    await expect(app.button('立即领取').count()).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/ux-offer-claimed.png' });
  });

  it('a disabled button does not send a request (已报名)', async () => {
    await app.signInFast('e2e_ux_user');
    const posts: Request[] = [];
    const listener = (r: Request) => {
      if (r.method() === 'POST' && r.url().includes('/signups')) posts.push(r);
    };
    app.page.on('request', listener);
    try {
      await app.open(`/packages/events/pages/detail/index?id=${signedEventId}`);
      const button = app.button('已报名');
      await button.waitFor();
      await button.click({ force: true });
      await button.click({ force: true });
      await app.page.waitForTimeout(1000);
    } finally {
      app.page.off('request', listener);
    }
    expect(posts).toHaveLength(0);
  });

  it('a waitlisted sign-up shows 候补 with its place and what happens next, in its own colour', async () => {
    await app.signInFast('e2e_ux_parent');
    await app.open(`/packages/events/pages/detail/index?id=${fullEventId}`);
    await app.fillField('联系人姓名', '张家长');
    await app.button('候补').click();
    const notice = app.visiblePage().locator('.rc-events-detail__waitlisted');
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toContain('候补第 1 位');
    await expect(notice.innerText()).resolves.toContain('有空位时按顺序自动递补，并通知您');
    await expect(app.button('已报名').count()).resolves.toBe(0);
    await expect(app.visiblePage().locator('.rc-events-detail__mine').count()).resolves.toBe(0);
    const colour = await notice.evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
        ).getComputedStyle(el).backgroundColor,
    );
    expect(colour).not.toBe('rgb(235, 251, 238)'); // the green 已报名 banner
    expect(colour).not.toBe('rgba(0, 0, 0, 0)');
    await app.page.screenshot({ path: '/tmp/ux-waitlisted.png' });

    // An estimated place reads 约第 N 位.
    await app.page.route(`**/v1/events/${fullEventId}`, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.mySignup.waitlistPositionApproximate = true;
      await route.fulfill({ response, json: body });
    });
    try {
      await app.page.reload();
      await app.waitForText('约第 1 位');
    } finally {
      await app.page.unroute(`**/v1/events/${fullEventId}`);
    }
  });

  it('explains a 404 without codes, offers no 重试, and tucks the request id into 错误编号', async () => {
    await app.open('/packages/events/pages/detail/index?id=no-such-event');
    const state = app.visiblePage().locator('.rc-error');
    await state.waitFor();
    const text = await state.innerText();
    expect(text).toMatch(HAN);
    expect(text).not.toContain('NOT_FOUND');
    await expect(state.locator('.rc-error__request-id').innerText()).resolves.toMatch(/^错误编号 \S+/);
    await expect(state.getByText('重试').count()).resolves.toBe(0);
    await expect(state.locator('.rc-error__action').innerText()).resolves.toMatch(/^(返回上一页|回到首页)$/);
    await app.page.screenshot({ path: '/tmp/ux-404.png' });
  });

  it('explains a network failure and offers 重试, which recovers', async () => {
    await app.page.route('**/v1/events?**', (route) => route.abort('internetdisconnected'));
    try {
      await app.open('/pages/events/index');
      const state = app.visiblePage().locator('.rc-error');
      await state.waitFor();
      const text = await state.innerText();
      expect(text).toContain('网络连接失败');
      expect(text).not.toContain('NETWORK_ERROR');
      await app.page.screenshot({ path: '/tmp/ux-network.png' });
    } finally {
      await app.page.unroute('**/v1/events?**');
    }
    await app.button('重试').click();
    await app.visiblePage().locator('.rc-events-card').first().waitFor();
  });

  it('a closed space is not 空位充足 in green, and its refused check-in offers no 再试一次', async () => {
    await app.signInFast('e2e_ux_user');
    await app.open('/pages/spaces/index');
    const card = app.visiblePage().locator('.rc-spaces__item', { hasText: '闭馆测试空间' });
    await card.waitFor();
    const level = card.locator('.rc-spaces-gauge__level');
    await expect(level.innerText()).resolves.toMatch(/^(已闭馆|未开放) · 开放时间 \d\d:\d\d–\d\d:\d\d$/);
    await expect(card.locator('.rc-spaces-gauge').getAttribute('data-level')).resolves.toBe('closed');

    await app.open(
      `/packages/spaces/pages/checkin/index?spaceId=${closedSpaceId}&token=${encodeURIComponent(closedDoorToken)}`,
    );
    await app.waitForText('空间当前不在开放时间内');
    await expect(app.visiblePage().getByText('空位充足').count()).resolves.toBe(0);
    await expect(app.button('再试一次').count()).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/ux-closed-checkin.png' });
  });

  it('an H5 sub-page has a title bar whose back control goes back', async () => {
    await app.open('/pages/events/index');
    await app.visiblePage().locator('.rc-events-card', { hasText: '已报名测试活动' }).click();
    await app.page.waitForURL(/\/packages\/events\/pages\/detail\/index/);
    const bar = app.visiblePage().locator('.rc-navbar');
    await bar.waitFor();
    await expect(bar.locator('.rc-navbar__title').innerText()).resolves.not.toBe('');
    await app.page.screenshot({ path: '/tmp/ux-navbar.png' });
    await bar.getByRole('button', { name: '返回' }).click();
    await app.page.waitForURL(/\/pages\/events\/index/);
    await app.visiblePage().locator('.rc-events-card').first().waitFor();
  });

  it('the event form takes its times from date and time pickers, prefilled tomorrow 09:00–11:00', async () => {
    await app.signInFast('e2e_ux_staff');
    await app.open('/packages/events/pages/edit/index');
    const page = app.visiblePage();
    await page.locator('.rc-datetime').first().waitFor();
    // No time is typed by hand: no free-text field asks for YYYY-MM-DD HH:MM.
    await expect(page.locator('input[placeholder*="YYYY"]').count()).resolves.toBe(0);
    const tomorrow = new Date(Date.now() + 8 * 3600000 + 86400000).toISOString().slice(0, 10);
    const days = await page.locator('.rc-datetime__picker--day .rc-datetime__box').allInnerTexts();
    const times = await page.locator('.rc-datetime__picker--time .rc-datetime__box').allInnerTexts();
    expect(days.slice(0, 2)).toEqual([tomorrow, tomorrow]);
    expect(times.slice(0, 2)).toEqual(['09:00', '11:00']);
    await page.screenshot({ path: '/tmp/ux-event-form-pickers.png' });
    await app.fillField('如：行走的党课·刘公岛', '选择器测试党课');
    await app.fillField('活动地点', '党群服务中心');
    await app.button('发布活动').click();
    await app.page.waitForURL(/\/packages\/events\/pages\/detail\/index/);
    await app.waitForText('选择器测试党课');
    await app.waitForText('09:00–11:00');
  });

  it('the harness records console errors, so the suite fails on any', async () => {
    await app.page.evaluate(() => console.error('probe from the page'));
    await app.page.waitForTimeout(300);
    expect(app.consoleErrors).toHaveLength(1);
    expect(app.consoleErrors[0]).toContain('probe from the page');
    app.consoleErrors.length = 0;
  });
});
