// The message wall in a real browser against the real handlers: a user posts (pending under pre-moderation, as the
// setting says), staff approve it in the moderation queue, and it appears on the wall; then staff switch to
// post-moderation and the next message goes on the wall at once; staff hide it with a reason the author can read.
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('message wall (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_wall_staff' } });
    staffToken = staff.body.token;
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    await app.api('PATCH', '/v1/me', { token: staffToken, body: { nickname: '服务中心小李' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  const wallCard = (text: string) => app.visiblePage().locator('.rc-wall-card', { hasText: text });

  async function writeMessage(text: string): Promise<void> {
    await app.visiblePage().locator('.rc-wall__write').click();
    await app.fillField('写下你的祝福', text);
    // The live counter counts characters as the server does: the emoji is one.
    await app.waitForText(`${[...text].length}/200`);
    await app.page.screenshot({ path: '/tmp/wall-sheet.png' });
    await app.button('发布').click();
  }

  it('posts under pre-moderation: the message waits in 我的寄语 and is not on the wall', async () => {
    const settings = await app.api('GET', '/v1/admin/settings/wall', { token: staffToken });
    expect(settings.body.settings.moderation).toBe('pre');

    const user = await app.signInFast('e2e_wall_user');
    await app.api('PATCH', '/v1/me', { token: user.token, body: { nickname: '老党员王叔' } });
    await app.open('/pages/wall/index');
    await app.waitForText('欢迎回家');
    await app.waitForText('墙上还没有寄语');
    await app.page.screenshot({ path: '/tmp/wall-empty.png' });

    await writeMessage('回家的感觉真好 🏠');
    await app.page.getByText('审核通过后会出现在墙上').waitFor();
    await app.page.getByText('知道了').click();
    await expect(wallCard('回家的感觉真好').count()).resolves.toBe(0);

    await app.visiblePage().getByText('我的寄语').click();
    await app.page.waitForURL(/\/packages\/wall\/pages\/mine\/index/);
    const mine = app.visiblePage().locator('.rc-wall-card', { hasText: '回家的感觉真好' });
    await mine.locator('[data-status="pending"]', { hasText: '审核中' }).waitFor();
  });

  it('staff approve it in the queue, and it appears on the wall with a working like button', async () => {
    await app.signInFast('e2e_wall_staff');
    await app.open('/packages/wall/pages/moderation/index');
    await app.waitForText('先审后发');
    const queued = app.visiblePage().locator('.rc-wall-card', { hasText: '回家的感觉真好' });
    await queued.getByText('老党员王叔').waitFor();
    await app.page.screenshot({ path: '/tmp/wall-moderation.png' });
    await queued
      .locator('taro-button-core, button')
      .filter({ hasText: /^\s*通过\s*$/ })
      .first()
      .click();
    await expect(queued.waitFor({ state: 'detached' })).resolves.toBeUndefined();

    await app.signInFast('e2e_wall_user');
    await app.open('/pages/wall/index');
    const card = wallCard('回家的感觉真好');
    await card.getByText('老党员王叔').waitFor();
    await card.getByText('刚刚').waitFor();
    await card.locator('[aria-label="点赞"]').click();
    await card.locator('.rc-wall-card__like--on', { hasText: '1' }).waitFor();
    await app.page.screenshot({ path: '/tmp/wall-board.png' });
    const wall = await app.api('GET', '/v1/messages');
    expect(wall.body.items[0]).toMatchObject({ text: '回家的感觉真好 🏠', status: 'published', likes: 1 });
  });

  it('under post-moderation (switched by staff in the app) a message goes on the wall at once; hidden, the author sees why', async () => {
    await app.signInFast('e2e_wall_staff');
    await app.open('/packages/wall/pages/moderation/index');
    await app.visiblePage().locator('[data-mode="post"]').click();
    await app.visiblePage().locator('.rc-wall-mod__mode-option--on[data-mode="post"]').waitFor();
    expect(
      (await app.api('GET', '/v1/admin/settings/wall', { token: staffToken })).body.settings.moderation,
    ).toBe('post');

    await app.signInFast('e2e_wall_user2');
    await app.open('/pages/wall/index');
    await writeMessage('先发后审，马上上墙');
    const card = wallCard('先发后审，马上上墙');
    await card.waitFor();

    await app.signInFast('e2e_wall_staff');
    await app.open('/packages/wall/pages/moderation/index');
    await app.visiblePage().locator('.rc-wall-mod__tab', { hasText: '已上墙' }).click();
    const published = app.visiblePage().locator('.rc-wall-card', { hasText: '先发后审，马上上墙' });
    await published
      .locator('taro-button-core, button')
      .filter({ hasText: /^\s*隐藏\s*$/ })
      .first()
      .click();
    await published.locator('.rc-wall-mod__chip', { hasText: '与寄语墙主题无关' }).click();
    await published
      .locator('taro-button-core, button')
      .filter({ hasText: /^\s*确认隐藏\s*$/ })
      .first()
      .click();
    await expect(published.waitFor({ state: 'detached' })).resolves.toBeUndefined();

    await app.signInFast('e2e_wall_user2');
    await app.open('/packages/wall/pages/mine/index');
    const mine = app.visiblePage().locator('.rc-wall-card', { hasText: '先发后审，马上上墙' });
    await mine.getByText('未通过').waitFor();
    await mine.getByText('原因：与寄语墙主题无关').waitFor();
  });
});
