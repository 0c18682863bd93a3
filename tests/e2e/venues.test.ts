// Venue booking in a real browser against the real handlers: a stranger opens 阵地预约 from 首页, browses the
// venues by kind and a room's week, picks an hour, is asked to sign in on 预约 and the booking goes on; staff approve
// it on 预约审核; the booker sees 已通过 in 我的预约. Screenshots: /tmp/venues-*.png.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

const ROOM = '二楼室内会议室';
/** The district date `days` from today (UTC+8). */
const districtDay = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

describe('venues (H5)', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_venues_staff' } });
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    for (const venue of [
      { name: ROOM, kind: 'centre_room', capacity: 30, opensAt: '08:30', closesAt: '21:00' },
      { name: '威高广场学习阵地', kind: 'learning_site', capacity: 20 },
      { name: '幸福公园户外阵地', kind: 'outdoor_site', capacity: 200 },
    ]) {
      const res = await app.api('POST', '/v1/venues', {
        token: staff.body.token,
        body: { address: '环翠楼街道新威路 17 号', facilities: ['投影', '白板'], ...venue },
      });
      if (res.status !== 201) throw new Error(`venue: ${res.status}`);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a stranger browses, signs in on 预约 and books; staff approve; the booker sees 已通过', async () => {
    await app.open('/');
    await app.visiblePage().locator('.rc-home__card[data-feature="venues"]').click();
    await app.page.waitForURL(/\/packages\/venues\/pages\/list\/index/);
    const room = app.visiblePage().locator('.rc-venues-list__card', { hasText: ROOM });
    await room.waitFor();
    await expect(room.textContent()).resolves.toContain('容纳 30 人 · 08:30–21:00');
    await app.visiblePage().locator('.rc-venues-list__tab', { hasText: '户外活动阵地' }).click();
    await app.waitForText('幸福公园户外阵地');
    await expect(app.visiblePage().locator('.rc-venues-list__card').first().textContent()).resolves.toContain(
      '仅展示',
    );
    await app.page.screenshot({ path: '/tmp/venues-list.png' });
    await app.visiblePage().locator('.rc-venues-list__tab', { hasText: '中心场地' }).click();
    await room.click();
    await app.page.waitForURL(/\/packages\/venues\/pages\/detail\/index/);
    await app.waitForText('设施：投影、白板');

    // Tomorrow 10:00 and 10:30: one hour.
    const day = districtDay(1);
    await app.visiblePage().locator(`[data-slot="${day} 10:00"]`).click();
    await app.visiblePage().locator(`[data-slot="${day} 10:30"]`).click();
    await app.waitForText(/已选：.*10:00.*11:00/);
    await app.fillField('支部主题党日', '支部主题党日：重温入党誓词');
    await app.fillField('党组织名称', '华联大厦联合党支部');
    await app.fillField('最多 30 人', '18');
    await app.page.screenshot({ path: '/tmp/venues-detail.png' });
    await app.button('预约').click();
    // A stranger is asked to sign in, and the booking goes on after it.
    await app.signIn('e2e_venue_booker');
    await app.visiblePage().locator(`[data-slot="${day} 10:00"][data-state="pending"]`).waitFor();
    await app.visiblePage().locator(`[data-slot="${day} 10:30"][data-state="pending"]`).waitFor();
    await app.visiblePage().locator('.rc-venues-week').screenshot({ path: '/tmp/venues-week.png' });

    await app.signInFast('e2e_venues_staff');
    await app.open('/packages/venues/pages/review/index');
    const pending = app.visiblePage().locator('.rc-venues-booking', { hasText: '华联大厦联合党支部' });
    await pending.waitFor();
    await app.page.screenshot({ path: '/tmp/venues-review.png' });
    await pending
      .locator('taro-button-core, button', { hasText: /^\s*通过\s*$/ })
      .first()
      .click();
    await pending.getByText('已通过').waitFor();

    await app.signInFast('e2e_venue_booker');
    await app.open('/packages/venues/pages/mine/index');
    const mine = app.visiblePage().locator('.rc-venues-booking', { hasText: ROOM });
    await mine.getByText('已通过').waitFor();
    await expect(mine.textContent()).resolves.toContain('支部主题党日：重温入党誓词');
    await app.page.screenshot({ path: '/tmp/venues-mine.png' });
  });
});
