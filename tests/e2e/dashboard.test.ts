// The staff dashboard in a real browser against the real handlers: staff open it, the four F2 charts are drawn (the
// pixels of each chart's canvas are read back, not just the DOM), the range picker reloads the figures, the monthly
// report renders; a member sees the refusal and the API answers 403.
import type { Locator } from 'playwright-core';
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

const CHARTS = ['participation', 'checkins', 'redemptions', 'occupancy'];

describe('staff dashboard (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;

  const login = async (openid: string) =>
    (await app.api('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } })).body as {
      token: string;
      user: { id: string };
    };

  async function seed(): Promise<void> {
    const admin = (await login('admin')).token;
    const staff = await login('e2e_dash_staff');
    await app.api('PUT', `/v1/admin/users/${staff.user.id}/roles`, {
      token: admin,
      body: { roles: ['staff'] },
    });
    staffToken = staff.token;
    const startsAt = new Date(Date.now() + 2 * 86400000).toISOString();
    const endsAt = new Date(Date.now() + 2 * 86400000 + 3600000).toISOString();
    const event = await app.api('POST', '/v1/events', {
      token: staffToken,
      body: {
        kind: 'party_lesson',
        title: '行走的党课',
        description: '',
        location: '刘公岛',
        startsAt,
        endsAt,
        capacity: 20,
      },
    });
    const space = await app.api('POST', '/v1/spaces', {
      token: admin,
      body: { name: '共享空间', address: '新威路 17 号', capacity: 20 },
    });
    const door = (await app.api('GET', `/v1/spaces/${space.body.space.id}/qrcode`, { token: admin })).body
      .token;
    for (const [i, identity] of ['party_member', 'employee', 'resident'].entries()) {
      const member = await login(`e2e_dash_member${i}`);
      await app.api('PATCH', '/v1/me', { token: member.token, body: { nickname: `志愿者${i}`, identity } });
      const signup = await app.api('POST', `/v1/events/${event.body.event.id}/signups`, {
        token: member.token,
        body: {},
      });
      await app.api('POST', `/v1/events/${event.body.event.id}/attendance`, {
        token: staffToken,
        body: { signupId: signup.body.signup.id },
      });
      await app.api('POST', `/v1/spaces/${space.body.space.id}/checkins`, {
        token: member.token,
        body: { token: door },
      });
    }
    const shop = await login('e2e_dash_shop');
    const applied = await app.api('POST', '/v1/merchants', {
      token: shop.token,
      body: { name: '红色小店', category: '餐饮', address: '新威路 1 号', contact: '13800000000' },
    });
    await app.api('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: staffToken,
      body: { decision: 'approve' },
    });
    const offer = await app.api('POST', '/v1/offers', {
      token: shop.token,
      body: {
        title: '九折',
        description: '凭券九折',
        alliance: 'industry',
        quantity: 10,
        validFrom: new Date(Date.now() - 60000).toISOString(),
        validUntil: new Date(Date.now() + 86400000).toISOString(),
      },
    });
    const buyer = await login('e2e_dash_member0');
    const claim = await app.api('POST', `/v1/offers/${offer.body.offer.id}/claims`, { token: buyer.token });
    const redeemed = await app.api('POST', '/v1/redemptions', {
      token: shop.token,
      body: { code: claim.body.claim.code },
    });
    expect(redeemed.status).toBe(200);
  }

  /**
   * How many of a chart's canvas pixels carry colour (not white, not grey text), read back from the canvas itself
   * once the chart has replaced its "drawing" state: the bars and cells F2 drew, not the card around them.
   */
  async function colouredPixels(chart: Locator): Promise<number> {
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('.rc-dashboard-chart__drawing').waitFor({ state: 'detached' });
    return chart.locator('canvas').evaluate((canvas) => {
      const el = canvas as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
        };
      };
      const { data } = el.getContext('2d').getImageData(0, 0, el.width, el.height);
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      return coloured;
    });
  }

  beforeAll(async () => {
    app = await startBrowserApp({ viewport: { width: 375, height: 812 } }); // the narrowest phone we design for
    await seed();
    await app.streamsSettled(); // sign-ups are counted from the table's stream
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows staff the figures and draws every chart', async () => {
    await app.signInFast('e2e_dash_staff');
    await app.open('/packages/dashboard/pages/index/index');
    await app.waitForText('活动报名与签到');
    const page = app.visiblePage();
    await expect(page.locator('.rc-dashboard-figure__value').first().textContent()).resolves.toBe('3');
    await app.waitForText('100.0%'); // 3 sign-ups, 3 attended
    await app.page.screenshot({ path: '/tmp/dashboard-top.png' });
    for (const id of CHARTS) {
      const chart = page.locator(`#rc-dashboard-chart-${id}`);
      await chart.waitFor();
      // At least one heat-map cell's worth (about 1,000 canvas pixels at this viewport's pixel ratio of 2; a share
      // of the area is too coarse for a heat map with one lit cell among 168).
      const coloured = await colouredPixels(chart);
      expect({ id, drawn: coloured >= 400 }).toEqual({ id, drawn: true });
      await chart.screenshot({ path: `/tmp/dashboard-chart-${id}.png` });
    }
    // The figures are written out beside the charts too (their text alternative).
    await expect(page.locator('#rc-dashboard-chart-redemptions').textContent()).resolves.toMatch(/1 张/);
    await app.waitForText('志愿者0');
    await app.page.screenshot({ path: '/tmp/dashboard.png', fullPage: true });

    await page.getByText('上月', { exact: true }).click();
    await app.waitForText('参与活动人数');
    // Everything above happened this month: last month's charts show their empty state, not blank axes.
    await page.locator('#rc-dashboard-chart-checkins .rc-dashboard-chart__empty').waitFor();
    await expect(page.locator('#rc-dashboard-chart-occupancy canvas').count()).resolves.toBe(0);
    await page.getByText('月度报表（打印 / 导出）').click();
    await app.waitForText(/月工作报表/);
    await app.waitForText('打印');
    await app.page.screenshot({ path: '/tmp/dashboard-report.png', fullPage: true });
  });

  it('refuses a member, in the page and in the API', async () => {
    const member = await app.signInFast('e2e_dash_member1');
    await app.open('/packages/dashboard/pages/index/index');
    await app.waitForText('仅限工作人员使用');
    expect((await app.api('GET', '/v1/admin/dashboard', { token: member.token })).status).toBe(403);
  });
});
