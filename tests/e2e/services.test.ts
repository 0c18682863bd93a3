// Services in a real browser against the real handlers: a stranger reads the service menu (4 categories, 19 items)
// and today's policy-steward desk, signs in on 申请 and submits; staff accept and finish it in the queue; the
// requester sees 已办结 in 我的申请. The signed-in user also books a consultation on today's shift.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('services (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_services_staff' } });
    staffToken = staff.body.token;
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    // A shift on duty today (district time), still open for bookings.
    const now = Date.now();
    const nextDistrictMidnight = Math.ceil((now + 8 * 3600_000) / 86400_000) * 86400_000 - 8 * 3600_000;
    const shift = await app.api('POST', '/v1/duty', {
      token: staffToken,
      body: {
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(Math.min(now + 2 * 3600_000, nextDistrictMidnight - 1000)).toISOString(),
        department: '区税务局',
        steward: '王税务',
        topics: ['税收优惠', '发票'],
        capacity: 3,
      },
    });
    expect(shift.status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a stranger reads the menu and today’s duty desk', async () => {
    await app.open('/packages/services/pages/menu/index');
    await app.waitForText('4 类 19 项服务');
    for (const chip of ['党务（5）', '政策（5）', '商务（5）', '公益（4）']) await app.waitForText(chip);
    await app.page.screenshot({ path: '/tmp/services-menu.png' });
    await expect(app.visiblePage().locator('.rc-services-menu__item').count()).resolves.toBe(19);
    await app.visiblePage().getByText('政策管家轮值岗').first().click();
    await app.page.waitForURL(/\/packages\/services\/pages\/duty\/index/);
    await app.waitForText('今日在岗');
    const shift = app.visiblePage().locator('.rc-services-duty__shift', { hasText: '区税务局' });
    await shift.getByText('在岗政策管家：王税务').waitFor();
    await shift.getByText('余 3 个预约名额').waitFor();
    await app.page.screenshot({ path: '/tmp/services-duty.png' });
  });

  it('signs in on 申请 and submits; then books a consultation on today’s shift', async () => {
    await app.open('/packages/services/pages/menu/index');
    await app.visiblePage().getByText('税收优惠政策解读').click();
    await app.page.waitForURL(/\/packages\/services\/pages\/item\/index/);
    await app.waitForText('区税务局');
    await app.fillField('请简要说明您需要的帮助', '想了解研发费用加计扣除怎么申报');
    await app.fillField('手机号或其他联系方式', '13800138000');
    await app.button('提交申请').click();
    await app.signIn('e2e_services_user');
    await app.waitForText('查看我的申请');
    await app.page.screenshot({ path: '/tmp/services-item-sent.png' });
    const token = await app.sessionToken();
    const mine = await app.api('GET', '/v1/me/service-requests', { token });
    expect(mine.body.items.map((r: { itemId: string; status: string }) => [r.itemId, r.status])).toEqual([
      ['policy-tax', 'submitted'],
    ]);

    await app.open('/packages/services/pages/duty/index');
    const shift = app.visiblePage().locator('.rc-services-duty__shift', { hasText: '区税务局' });
    await shift.locator('taro-button-core, button').filter({ hasText: '预约咨询' }).first().click();
    await app.fillField('想咨询的问题', '小微企业发票怎么开');
    await shift.locator('taro-button-core, button').filter({ hasText: '确认预约' }).first().click();
    await shift.getByText('已预约，问题：小微企业发票怎么开').waitFor();
    await shift.getByText('余 2 个预约名额').waitFor();
    await app.page.screenshot({ path: '/tmp/services-duty-booked.png' });
  });

  it('staff accept it and finish it; they see the shift’s appointment with its question', async () => {
    await app.signInFast('e2e_services_staff');
    await app.open('/packages/services/pages/queue/index');
    const card = app.visiblePage().locator('.rc-services-queue__card', { hasText: '研发费用加计扣除' });
    await card.getByText('联系方式：13800138000', { exact: false }).waitFor();
    await card.locator('input').fill('');
    await card.locator('input').pressSequentially('已转税务专员');
    await card
      .locator('taro-button-core, button')
      .filter({ hasText: /^\s*受理\s*$/ })
      .first()
      .click();
    await expect(card.waitFor({ state: 'detached' })).resolves.toBeUndefined();
    await app
      .visiblePage()
      .locator('.rc-services-chip', { hasText: /^已受理$/ })
      .click();
    const accepted = app.visiblePage().locator('.rc-services-queue__card', { hasText: '研发费用加计扣除' });
    await accepted.getByText('已受理：已转税务专员', { exact: false }).waitFor();
    await app.page.screenshot({ path: '/tmp/services-queue.png' });
    await accepted
      .locator('taro-button-core, button')
      .filter({ hasText: /^\s*办结\s*$/ })
      .first()
      .click();
    await expect(accepted.waitFor({ state: 'detached' })).resolves.toBeUndefined();

    await app.open('/packages/services/pages/roster/index');
    const rosterShift = app.visiblePage().locator('.rc-services-roster__shift', { hasText: '王税务' });
    await rosterShift.getByText('1/3').waitFor();
    await app.page.screenshot({ path: '/tmp/services-roster.png' });
    await rosterShift.locator('taro-button-core, button').filter({ hasText: '预约名单' }).first().click();
    await app.page.waitForURL(/\/packages\/services\/pages\/appointments\/index/);
    await app.waitForText('问题：小微企业发票怎么开');
    await app.page.screenshot({ path: '/tmp/services-appointments.png' });
  });

  it('the requester sees 已办结 with the history', async () => {
    await app.signInFast('e2e_services_user');
    await app.open('/packages/services/pages/mine/index');
    const card = app.visiblePage().locator('.rc-services-mine__card', { hasText: '税收优惠政策解读' });
    await card.locator('.rc-services-status', { hasText: '已办结' }).waitFor();
    await card.getByText('已受理：已转税务专员', { exact: false }).waitFor();
    await app.page.screenshot({ path: '/tmp/services-mine.png' });
    await expect(card.locator('.rc-services-status').textContent()).resolves.toBe('已办结');
  });
});
