// Scanning in H5 with the camera: the merchant's 扫码核销 opens the camera in the page (Chromium's fake camera plays
// a frame with the user's claim code as a QR code), decodes it and redeems the code; 取消 closes the camera.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';
import { writeQrCameraFrame } from '../support/fakeCamera';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('camera scanning (H5)', () => {
  const camera = path.join(mkdtempSync(path.join(tmpdir(), 'rc-camera-')), 'camera.y4m');
  let app: BrowserApp;
  let code: string;
  let offerId: string;
  const login = async (openid: string) =>
    (await app.api('POST', '/v1/auth/login', { body: { code: `dev:${openid}` } })).body as {
      token: string;
      user: { id: string };
    };

  beforeAll(async () => {
    writeQrCameraFrame(camera, null);
    app = await startBrowserApp({ fakeCameraFile: camera });
    await app.context.grantPermissions(['camera'], { origin: app.baseUrl });
    const admin = await login('admin');
    const merchant = await login('e2e_scan_merchant');
    const applied = await app.api('POST', '/v1/merchants', {
      token: merchant.token,
      body: { name: '扫码测试面馆', category: '餐饮', address: '统一路 9 号', contact: '赵经理 13800000009' },
    });
    await app.api('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
      token: admin.token,
      body: { decision: 'approve' },
    });
    const offer = await app.api('POST', '/v1/offers', {
      token: merchant.token,
      body: {
        alliance: 'industry',
        title: '扫码核销测试券',
        description: '到店出示',
        quantity: 3,
        perUserLimit: 1,
        validFrom: new Date(Date.now() - 3600000).toISOString(),
        validUntil: new Date(Date.now() + 7 * 86400000).toISOString(),
      },
    });
    offerId = offer.body.offer.id;
    const user = await login('e2e_scan_user');
    const claim = await app.api('POST', `/v1/offers/${offerId}/claims`, { token: user.token });
    expect(claim.status).toBe(201);
    code = claim.body.claim.code;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens the camera in the page and 取消 closes it', async () => {
    await app.signInFast('e2e_scan_merchant');
    await app.open('/packages/merchant/pages/redeem/index');
    await app.button('扫码核销').click();
    const overlay = app.page.locator('.rc-scan');
    await overlay.waitFor();
    await app.page.getByText('将二维码放入框内，即可自动识别').waitFor();
    await app.page.screenshot({ path: '/tmp/scan-camera.png' });
    // The camera is on: a playing stream from the (fake) device.
    await app.page.waitForFunction(() => {
      const doc = (
        globalThis as unknown as { document: { querySelector(s: string): { readyState: number } | null } }
      ).document;
      return (doc.querySelector('.rc-scan video')?.readyState ?? 0) >= 2;
    });
    await overlay.locator('.rc-scan__cancel').click();
    await overlay.waitFor({ state: 'detached' });
    await expect(app.page.locator('.rc-scan').count()).resolves.toBe(0);
  });

  it('reads the claim code from the camera and redeems it', async () => {
    writeQrCameraFrame(camera, code);
    await app.button('扫码核销').click();
    await app.waitForText('核销成功');
    await expect(app.page.locator('.rc-scan').count()).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/scan-redeemed.png' });
    const offers = await app.api('GET', '/v1/merchants/me/offers', {
      token: (await login('e2e_scan_merchant')).token,
    });
    expect(offers.body.items.find((o: { id: string }) => o.id === offerId)).toMatchObject({ redeemed: 1 });
  });
});
