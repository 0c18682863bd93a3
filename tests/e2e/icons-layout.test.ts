// Icons and layout (issue 12) at 375 px: the entries of 首页 and 我的 carry loaded icons instead of one-character
// badges; an empty list says what is missing with an icon and the next step; 首页 shows a space's occupancy once;
// 核销券码 and 发布优惠 stand at one height; a confirm dialog is in the app's red. Screenshots: /tmp/icons-*.png.
import type { Locator } from 'playwright-core';
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

const RED = 'rgb(200, 22, 29)';

/**
 * Every icon picture under the locator: how many, how many the browser drew (a broken data URI has no width), and how
 * many lie wholly inside their icon box (a picture pushed sideways is cut off by it).
 */
async function images(scope: Locator): Promise<{ count: number; loaded: number; inBox: number }> {
  return scope.evaluateAll((nodes) => {
    type Rect = { left: number; right: number; top: number; bottom: number };
    type Img = { naturalWidth: number; getBoundingClientRect(): Rect; closest(s: string): Img };
    type Element = { querySelectorAll(selector: string): ArrayLike<Img> };
    const imgs = nodes.flatMap((n) => Array.from((n as unknown as Element).querySelectorAll('img')));
    const inBox = (img: Img) => {
      const [inner, outer] = [img.getBoundingClientRect(), img.closest('.rc-icon').getBoundingClientRect()];
      return (
        inner.left >= outer.left - 0.5 &&
        inner.right <= outer.right + 0.5 &&
        inner.top >= outer.top - 0.5 &&
        inner.bottom <= outer.bottom + 0.5
      );
    };
    return {
      count: imgs.length,
      loaded: imgs.filter((i) => i.naturalWidth > 0).length,
      inBox: imgs.filter(inBox).length,
    };
  });
}

/** Badges and state icons whose whole text is one character: the glyphs icons replace. */
async function oneCharacterBadges(scope: Locator): Promise<string[]> {
  return scope
    .locator('[class*="__badge"], [class*="__icon"], [class*="card__avatar"], [class*="entry"] > *')
    .evaluateAll((nodes) =>
      nodes
        .map((n) => ((n as unknown as { innerText?: string }).innerText ?? '').trim())
        .filter((text) => Array.from(text).length === 1),
    );
}

describe('icons and layout (H5, 375 px)', () => {
  let app: BrowserApp;
  let adminToken: string;
  const login = async (openid: string) =>
    (await app.api('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } })).body as {
      token: string;
      user: { id: string };
    };

  beforeAll(async () => {
    app = await startBrowserApp({ viewport: { width: 375, height: 812 } });
    adminToken = (await login('admin')).token;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('首页: every entry has a loaded icon and no one-character badge; a space shows its occupancy once', async () => {
    const space = await app.api('POST', '/v1/spaces', {
      token: adminToken,
      body: { name: '图标测试空间', address: '新威路 17 号', capacity: 20, amenities: ['饮用水'] },
    });
    expect(space.status).toBe(201);
    await app.open('/');
    const home = app.visiblePage();
    const cards = home.locator('.rc-home__card');
    await cards.first().waitFor();
    const row = home.locator(`[data-space-id="${space.body.space.id}"]`);
    await row.waitFor();
    const count = await cards.count();
    expect(count).toBeGreaterThanOrEqual(4);
    await expect(images(home.locator('.rc-home__badge'))).resolves.toEqual({
      count,
      loaded: count,
      inBox: count,
    });
    await expect(oneCharacterBadges(home)).resolves.toEqual([]);
    // The gauge says 0 / 20 人; the row's own line says where, not the same figure again.
    await expect(row.innerText()).resolves.toContain('新威路 17 号');
    expect((await row.innerText()).match(/20 人/g)).toHaveLength(1);
    await home.locator('.rc-home__grid').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: '/tmp/icons-home.png' });
  });

  it('我的: signed out, the card has an icon; signed in, every row has a loaded icon', async () => {
    await app.open('/pages/me/index');
    const card = app.visiblePage().locator('.rc-auth-card');
    await card.waitFor();
    await expect(images(card.locator('.rc-auth-card__avatar'))).resolves.toEqual({
      count: 1,
      loaded: 1,
      inBox: 1,
    });
    // The 登录 button takes its label's width; the text beside it is not squeezed to a character a line.
    const [whole, text, signIn] = await Promise.all(
      ['', '__who', '__button'].map((part) =>
        app.visiblePage().locator(`.rc-auth-card${part}`).boundingBox(),
      ),
    );
    expect(signIn!.width).toBeLessThan(whole!.width / 3);
    expect(text!.width).toBeGreaterThan(whole!.width / 3);
    await expect(oneCharacterBadges(app.visiblePage())).resolves.toEqual([]);

    await app.signInFast('e2e_icons_member');
    await app.open('/pages/me/index');
    const rows = app.visiblePage().locator('.rc-me__entry');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(5);
    await expect(images(app.visiblePage().locator('.rc-me__entry-icon'))).resolves.toEqual({
      count,
      loaded: count,
      inBox: count,
    });
    await expect(oneCharacterBadges(app.visiblePage().locator('.rc-me__entries'))).resolves.toEqual([]);
    await app.visiblePage().locator('.rc-me__entries').scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: '/tmp/icons-me.png' });
  });

  it('an empty list shows its icon, what is missing and the next step, which goes there', async () => {
    await app.signInFast('e2e_icons_member');
    await app.open('/packages/events/pages/mine/index');
    const empty = app.visiblePage().locator('.rc-empty');
    await empty.waitFor();
    await expect(empty.innerText()).resolves.toContain('还没有报名');
    await expect(images(empty)).resolves.toEqual({ count: 1, loaded: 1, inBox: 1 });
    await app.page.screenshot({ path: '/tmp/icons-empty-signups.png' });
    await empty.locator('.nut-button', { hasText: '去看看活动' }).click();
    await app.page.waitForURL(/\/pages\/events\/index/);
  });

  it('a staff page opened by a member has the title bar with its back control, and a lock', async () => {
    await app.signInFast('e2e_icons_member');
    // Opened directly (a shared link): the back control goes to 首页.
    await app.open('/packages/events/pages/edit/index');
    const page = app.visiblePage();
    await page.locator('.rc-empty').waitFor();
    await expect(page.locator('.rc-empty').innerText()).resolves.toContain('仅限工作人员使用');
    await expect(images(page.locator('.rc-empty'))).resolves.toEqual({ count: 1, loaded: 1, inBox: 1 });
    const bar = page.locator('.rc-navbar');
    await expect(bar.locator('.rc-navbar__title').innerText()).resolves.not.toBe('');
    await app.page.screenshot({ path: '/tmp/icons-staff-only.png' });
    await bar.getByRole('button', { name: '返回' }).click();
    await app.page.waitForURL(/\/pages\/index\/index/);
    await app.visiblePage().locator('.rc-home__card').first().waitFor();
  });

  it('商户中心 without offers: 核销券码 and 发布优惠 at one height, and an empty state for the offers', async () => {
    const merchant = await login('e2e_icons_merchant');
    const applied = await app.api('POST', '/v1/merchants', {
      token: merchant.token,
      body: { name: '图标测试面馆', category: '餐饮', address: '统一路 2 号', contact: '张经理 13800000002' },
    });
    await app.api('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: adminToken,
      body: { decision: 'approve' },
    });
    await app.signInFast('e2e_icons_merchant');
    await app.open('/packages/merchant/pages/shop/index');
    const page = app.visiblePage();
    const redeem = page.locator('.rc-merchant-shop__primary');
    await redeem.waitFor();
    const post = page.locator('.rc-merchant-shop__secondary');
    const [a, b] = [await redeem.boundingBox(), await post.boundingBox()];
    expect({ top: Math.round(a!.y), height: Math.round(a!.height) }).toEqual({
      top: Math.round(b!.y),
      height: Math.round(b!.height),
    });
    const empty = page.locator('.rc-empty');
    await expect(empty.innerText()).resolves.toContain('还没有发布优惠');
    await expect(images(empty)).resolves.toEqual({ count: 1, loaded: 1, inBox: 1 });
    await app.page.screenshot({ path: '/tmp/icons-shop.png' });
  });

  it('a text area has no white box inside: the field is transparent and stays within its box', async () => {
    const menu = await app.api('GET', '/v1/services');
    const itemId = menu.body.categories[0].items[0].id as string;
    await app.open(`/packages/services/pages/item/index?id=${itemId}`);
    const box = app.visiblePage().locator('taro-textarea-core').first();
    await box.waitFor();
    type Rect = { top: number; bottom: number };
    type Node = {
      getBoundingClientRect(): Rect;
      querySelector(selector: string): Node;
    };
    type Window = { getComputedStyle(element: unknown): { backgroundColor: string; resize: string } };
    const shape = await box.evaluate((host) => {
      const field = (host as unknown as Node).querySelector('textarea');
      const style = (globalThis as unknown as Window).getComputedStyle(field);
      const outer = (host as unknown as Node).getBoundingClientRect();
      const inner = field.getBoundingClientRect();
      return {
        background: style.backgroundColor,
        resize: style.resize,
        inside: inner.bottom <= outer.bottom + 0.5 && inner.top >= outer.top - 0.5,
      };
    });
    expect(shape).toEqual({ background: 'rgba(0, 0, 0, 0)', resize: 'none', inside: true });
    await box.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: '/tmp/icons-textarea.png' });
  });

  it('the confirm dialog of cancelling a booking is in the app red', async () => {
    const venue = await app.api('POST', '/v1/venues', {
      token: adminToken,
      body: { name: '图标测试会议室', kind: 'centre_room', capacity: 30, address: '新威路 17 号' },
    });
    expect(venue.status).toBe(201);
    const member = await login('e2e_icons_member');
    const tomorrow = new Date(Date.now() + 8 * 3600000 + 86400000).toISOString().slice(0, 10);
    const booked = await app.api('POST', `/v1/venues/${venue.body.venue.id}/bookings`, {
      token: member.token,
      body: {
        startsAt: `${tomorrow}T02:00:00.000Z`,
        endsAt: `${tomorrow}T03:00:00.000Z`,
        purpose: '支部学习',
        organisation: '图标测试支部',
        attendees: 10,
      },
    });
    expect(booked.status).toBe(201);
    await app.signInFast('e2e_icons_member');
    await app.open('/packages/venues/pages/mine/index');
    await app.visiblePage().locator('taro-button-core', { hasText: '取消预约' }).click();
    const confirm = app.page.locator('.taro__modal .taro-model__confirm');
    await confirm.waitFor();
    type Window = { getComputedStyle(element: unknown): { color: string } };
    await expect(
      confirm.evaluate((n) => (globalThis as unknown as Window).getComputedStyle(n).color),
    ).resolves.toBe(RED);
    await app.page.screenshot({ path: '/tmp/icons-confirm.png' });
    await app.page.locator('.taro__modal .taro-model__cancel').click();
  });
});
