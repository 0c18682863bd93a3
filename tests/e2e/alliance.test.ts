// Alliance offers in a real browser against the real handlers: an approved merchant posts an offer, a user claims it
// and sees the code as text and QR, and the merchant redeems the typed code at the till (once: the code shown again is
// refused, saying when).
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('alliance offers (H5)', () => {
  let app: BrowserApp;
  let merchantToken: string;
  let code: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_alliance_staff' } });
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    const merchant = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_merchant' } });
    merchantToken = merchant.body.token;
    const applied = await app.api('POST', '/v1/merchants', {
      token: merchantToken,
      body: {
        name: '环翠楼老字号面馆',
        category: '餐饮',
        address: '统一路 66 号',
        contact: '王经理 13800000000',
      },
    });
    await app.api('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: staff.body.token,
      body: { decision: 'approve' },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a merchant posts an offer from the form', async () => {
    await app.signInFast('e2e_merchant');
    await app.open('/packages/merchant/pages/shop/index');
    await app.waitForText('环翠楼老字号面馆');
    await app.waitForText('还没有发布优惠');
    await app.button('发布优惠').click();
    await app.page.waitForURL(/\/packages\/merchant\/pages\/offer-form\/index/);
    await app.fillField('商圈职工午餐九折', '职工午餐九折');
    await app.fillField('使用方式', '凭券堂食享九折');
    await app.fillField('发放张数', '5');
    await app.button('发布优惠').click();
    await app.page.waitForURL(/\/packages\/merchant\/pages\/shop\/index/);
    await app.visiblePage().locator('.rc-alliance-card', { hasText: '职工午餐九折' }).waitFor();
    const mine = await app.api('GET', '/v1/merchants/me/offers', { token: merchantToken });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      title: '职工午餐九折',
      status: 'active',
      alliance: 'industry',
      quantity: 5,
      perUserLimit: 1,
    });
  });

  it('a user finds it under 行业联盟, claims it, and sees the code as text and QR', async () => {
    const user = await app.signInFast('e2e_alliance_user');
    await app.open('/packages/alliance/pages/offers/index');
    await app.waitForText('联盟优惠');
    const card = app.visiblePage().locator('.rc-alliance-card', { hasText: '职工午餐九折' });
    await card.waitFor();
    await app.waitForText('剩余 5 / 5');
    await app.page.screenshot({ path: '/tmp/alliance-offers.png' });
    await card.click();
    await app.page.waitForURL(/\/packages\/alliance\/pages\/detail\/index/);
    await app.button('立即领取').click();
    const codeText = app.visiblePage().locator('.rc-alliance-claim__code');
    await codeText.waitFor();
    code = (await codeText.getAttribute('data-code'))!;
    expect(await codeText.innerText()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(await app.visiblePage().locator('.rc-alliance-qr__cell--dark').count()).toBeGreaterThan(100);
    await app.page.screenshot({ path: '/tmp/alliance-claimed.png' });
    const claims = await app.api('GET', '/v1/me/claims', { token: user.token });
    expect(claims.body.items.map((c: { code: string }) => c.code)).toEqual([code]);
  });

  it('the merchant types the code (lower case, with hyphens) and redeems it once', async () => {
    await app.signInFast('e2e_merchant');
    await app.open('/packages/merchant/pages/redeem/index');
    const typed =
      `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`.toLowerCase();
    await app.fillField('XXXX', typed);
    await app.button('核销').click();
    await app.waitForText('核销成功');
    await app.page.screenshot({ path: '/tmp/alliance-redeemed.png' });

    // The same code shown again is a new tap (a new Idempotency-Key: the first one got its final answer): refused,
    // saying when it was redeemed; still one redemption (docs/api/alliance.md).
    await app.fillField('XXXX', typed);
    const again = app.page.waitForResponse(
      (r) => r.url().endsWith('/v1/redemptions') && r.request().method() === 'POST',
    );
    await app.button('核销').click();
    expect((await again).status()).toBe(409);
    await app.waitForText('不能重复使用');
    expect(await app.visiblePage().textContent()).toMatch(/该券码已于 \d+月\d+日 \d\d:\d\d 核销/);
    await app.page.screenshot({ path: '/tmp/alliance-redeemed-again.png' });

    const offers = await app.api('GET', '/v1/merchants/me/offers', { token: merchantToken });
    expect(offers.body.items[0]).toMatchObject({ claimed: 1, redeemed: 1 });
  });

  it('the user sees the code as redeemed in 我的券码', async () => {
    await app.signInFast('e2e_alliance_user');
    await app.open('/packages/alliance/pages/codes/index');
    const card = app.visiblePage().locator('.rc-alliance-claim', { hasText: '已核销' });
    await card.waitFor();
    expect(await card.locator('.rc-alliance-claim__code').getAttribute('data-code')).toBe(code);
    // A redeemed code no longer shows a QR code to scan.
    expect(await card.locator('.rc-alliance-qr').count()).toBe(0);
  });
});
