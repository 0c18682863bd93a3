// Event sign-up in a real browser against the real handlers: a member opens the 活动 tab, signs up for a walking
// Party lesson with the name staff call out (联系人姓名, required, remembered for next time), sees the ticket QR in
// 我的报名, and cancels; a parent enrolls a child in a youth event; staff see the parent's name in the roll-call and
// mark attendance with the ticket text (the H5 fallback for scanning).
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('events (H5)', () => {
  let app: BrowserApp;
  let staffToken: string;
  let lessonId: string;
  const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86400000 + h * 3600000).toISOString();

  beforeAll(async () => {
    app = await startBrowserApp();
    const admin = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:admin' } });
    const staff = await app.api('POST', '/v1/auth/login', { body: { code: 'dev:e2e_events_staff' } });
    staffToken = staff.body.token;
    await app.api('PUT', `/v1/admin/users/${staff.body.user.id}/roles`, {
      token: admin.body.token,
      body: { roles: ['staff'] },
    });
    const lesson = await app.api('POST', '/v1/events', {
      token: staffToken,
      body: {
        kind: 'party_lesson',
        title: '行走的党课：刘公岛',
        location: '刘公岛',
        startsAt: inDays(3),
        endsAt: inDays(3, 6),
        capacity: 2,
      },
    });
    lessonId = lesson.body.event.id;
    await app.api('POST', '/v1/events', {
      token: staffToken,
      body: {
        kind: 'youth_education',
        title: '党旗下的少年：故事会',
        location: '服务中心',
        startsAt: inDays(4),
        endsAt: inDays(4, 2),
        capacity: 10,
        minAge: 6,
        maxAge: 12,
        maxParticipantsPerSignup: 3,
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('signs up for a walking Party lesson, sees the ticket, and cancels', async () => {
    await app.signIn('e2e_member');
    await app.tab('活动');
    const card = app.visiblePage().locator('.rc-events-card', { hasText: '行走的党课：刘公岛' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('余 2 个名额');
    await app.page.screenshot({ path: '/tmp/events-list.png' });
    await card.click();
    await app.page.waitForURL(/\/packages\/events\/pages\/detail\/index/);
    await app.waitForText('已报 0/2');
    // 联系人姓名 (the name staff call out): a new account's automatic nickname is not offered, and it is required.
    await expect(app.field('联系人姓名').inputValue()).resolves.toBe('');
    await app.button('报名').click();
    await app.waitForText('请填写联系人姓名，方便工作人员点名');
    await app.page.screenshot({ path: '/tmp/events-contact-required.png' });
    await expect((await app.api('GET', `/v1/events/${lessonId}`)).body.event.seatsTaken).toBe(0);
    await app.fillField('联系人姓名', '王小红');
    await app.button('报名').click();
    await app.waitForText('您已报名');
    await app.waitForText('点名时叫：王小红');
    await app.waitForText('已报 1/2');
    await expect(app.button('已报名').count()).resolves.toBe(1);
    await app.page.screenshot({ path: '/tmp/events-detail.png' });

    await app.button('查看电子票').click();
    await app.page.waitForURL(/\/packages\/events\/pages\/mine\/index/);
    const mine = app.visiblePage().locator('.rc-events-mine__card', { hasText: '行走的党课：刘公岛' });
    await mine.getByText('已报名').waitFor();
    await mine.locator('taro-button-core', { hasText: '电子票' }).click();
    await mine.locator('.rc-events-qr__run--dark').first().waitFor();
    await app.waitForText('请向工作人员出示此二维码签到');
    await app.page.screenshot({ path: '/tmp/events-ticket.png' });

    app.page.once('dialog', (d) => void d.accept());
    await mine.locator('taro-button-core', { hasText: '取消报名' }).click();
    // Taro's H5 modal is a DOM dialog: confirm it.
    const confirm = app.page.locator('.taro__modal .taro-modal__foot div', { hasText: '取消报名' });
    if (await confirm.count()) await confirm.click();
    await mine.getByText('已取消').waitFor();
    const after = await app.api('GET', `/v1/events/${lessonId}`);
    expect(after.body.event.seatsTaken).toBe(0);
    // The name used was remembered on the profile: the next sign-up form starts with it.
    await app.open(`/packages/events/pages/detail/index?id=${lessonId}`);
    await app.waitForText('已报 0/2');
    await expect(app.field('联系人姓名').inputValue()).resolves.toBe('王小红');
  });

  it('searches the list and shows the month view with the event on its day', async () => {
    await app.open('/pages/events/index');
    const page = app.visiblePage();
    await page.locator('.rc-events-card').first().waitFor();
    const search = page.locator('.rc-events__search-input input');
    await search.fill('故事会');
    await search.press('Enter');
    // The search's reply replaces the list: the lesson leaves it, the story hour stays.
    const lesson = page.locator('.rc-events-card', { hasText: '行走的党课：刘公岛' });
    await lesson.waitFor({ state: 'detached' });
    await page.locator('.rc-events-card', { hasText: '党旗下的少年：故事会' }).waitFor();
    await expect(lesson.count()).resolves.toBe(0);
    await search.fill('没有这个活动');
    await search.press('Enter');
    await app.waitForText('没有找到“没有这个活动”相关的活动');
    await page.locator('.rc-events__search-clear').click();
    await page.locator('.rc-events-card', { hasText: '行走的党课：刘公岛' }).waitFor();

    // 月历: the lesson's district day carries a dot; tapping it shows that day's events only.
    const lessonDay = new Date(Date.parse(inDays(3)) + 8 * 3600000).toISOString().slice(0, 10);
    await page.getByText('月历', { exact: true }).click();
    const month = page.locator('.rc-month');
    await month.waitFor();
    if ((await month.locator(`[data-day="${lessonDay}"]`).count()) === 0)
      await month.locator('.rc-month__nav').last().click(); // the lesson falls in next month
    // The month's events load after the grid is drawn: wait for the day's dot.
    const cell = month.locator(`[data-day="${lessonDay}"][data-has-events="yes"]`);
    await cell.waitFor();
    await cell.click();
    await page.locator('.rc-events-card', { hasText: '行走的党课：刘公岛' }).waitFor();
    await expect(page.locator('.rc-events-card', { hasText: '党旗下的少年：故事会' }).count()).resolves.toBe(
      0,
    );
    await app.page.screenshot({ path: '/tmp/events-month.png' });
    await page.getByText('列表', { exact: true }).click();
  });

  it('adds an event to the phone calendar as an .ics file and shares its link (H5)', async () => {
    await app.open(`/packages/events/pages/detail/index?id=${lessonId}`);
    await app.waitForText('行走的党课：刘公岛');
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.button('加入日历').click()]);
    expect(download.suggestedFilename()).toBe('行走的党课：刘公岛.ics');
    const ics = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', reject);
      }, reject);
    });
    expect(ics).toContain('SUMMARY:行走的党课：刘公岛');
    expect(ics).toContain(`UID:${lessonId}@redcircle`);
    // No share sheet in desktop Chromium: the link is copied (the toast sits outside the page).
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
    await app.button('分享给好友').click();
    await app.page.getByText('链接已复制').first().waitFor();
    const copied = await app.page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(copied).toContain(`/packages/events/pages/detail/index?id=${lessonId}`);
    await app.page.screenshot({ path: '/tmp/events-share.png' });
  });

  it('a parent enrolls a child in a youth event (age checked), and staff mark attendance with the ticket text', async () => {
    const parent = await app.signInFast('e2e_parent');
    await app.open('/pages/events/index');
    await app.visiblePage().locator('.rc-events__tab', { hasText: '党旗下的少年' }).click();
    const card = app.visiblePage().locator('.rc-events-card', { hasText: '故事会' });
    await card.click();
    await app.page.waitForURL(/\/packages\/events\/pages\/detail\/index/);
    await app.fillField('联系人姓名', '李妈妈');
    await app.fillField('孩子1姓名', '小明');
    await app.fillField('年龄', '15');
    await app.fillField('监护人手机号', '13800001234');
    // The guardian's consent starts unticked and is required (1.1): nothing is sent without it.
    await app.button('报名').click();
    await app.waitForText('请阅读并勾选同意监护人授权');
    await app.visiblePage().locator('.rc-events-consent__box').click();
    await app.page.screenshot({ path: '/tmp/events-consent.png' });
    await app.button('报名').click();
    await app.waitForText('年龄需在 6–12 岁之间');
    await app.fillField('年龄', '8');
    await app.button('报名').click();
    await app.waitForText('您已报名（1 个名额）');

    const mine = await app.api('GET', '/v1/me/signups', { token: parent.token });
    const ticket = mine.body.items[0].ticket as string;
    await app.signInFast('e2e_events_staff');
    await app.open(`/packages/events/pages/attendees/index?id=${mine.body.items[0].eventId}`);
    await app.waitForText('尚未签到（1 人）');
    // Staff see the name given at sign-up (and the child's), not the automatic nickname.
    await app
      .visiblePage()
      .locator('.rc-events-attendees__missing-row', { hasText: '李妈妈（小明）' })
      .waitFor();
    await app.visiblePage().locator('.rc-events-attendees__row', { hasText: '李妈妈（小明）' }).waitFor();
    await expect(
      app
        .visiblePage()
        .getByText(/商圈用户/)
        .count(),
    ).resolves.toBe(0);
    await app.page.screenshot({ path: '/tmp/events-rollcall.png' });
    const counts = app.visiblePage().locator('[data-testid="attendee-counts"]');
    await expect(counts.innerText()).resolves.toMatch(/已签到 0\s*未签到 1/);
    await app.fillField('电子票', ticket);
    // The ticket's own button (each attendee row also has one labelled 签到, and 扫码签到 opens the camera).
    await app
      .visiblePage()
      .locator('.rc-events-attendees__scan taro-button-core', { hasText: '凭票签到' })
      .click();
    await app.page.getByText('李妈妈 已签到').first().waitFor();
    await counts.getByText('已签到 1').waitFor();
    await expect(counts.innerText()).resolves.toMatch(/已签到 1\s*未签到 0/);
    await app.page.screenshot({ path: '/tmp/events-attendees.png' });
    const after = await app.api('GET', '/v1/me/signups', { token: parent.token });
    expect(after.body.items[0]).toMatchObject({
      status: 'confirmed',
      contactName: '李妈妈',
      participants: [{ name: '小明', age: 8 }],
      attendedAt: expect.any(String),
    });
  });
});
