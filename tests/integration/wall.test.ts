// Message wall: posting rules, content check, moderation modes, anonymity, own messages, deletion, pagination.
import { startTestApp, type TestApp } from '../support/app';

// Some tests send 40–90 requests; Jest's 5 s default is too tight on a busy machine.
jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };

beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('wall_staff', ['staff']);
});
afterAll(async () => {
  await app.close();
});

async function setMode(moderation: 'pre' | 'post'): Promise<void> {
  const res = await app.request('PUT', '/v1/admin/settings/wall', {
    token: staff.token,
    body: { moderation },
  });
  expect(res.status).toBe(200);
}

async function post(token: string, body: unknown) {
  return app.request('POST', '/v1/messages', { token, body });
}

async function wallIds(token?: string): Promise<string[]> {
  const res = await app.request('GET', '/v1/messages?limit=100', { token });
  expect(res.status).toBe(200);
  return res.body.items.map((m: { id: string }) => m.id);
}

describe('posting', () => {
  it('publishes at once under post-moderation, with the contract shape', async () => {
    await setMode('post');
    const { token } = await app.login('wall_poster1');
    await app.request('PATCH', '/v1/me', { token, body: { nickname: '老党员王叔' } });
    const res = await post(token, { text: '  欢迎回家！红色商圈越来越好 🎉  ' });
    expect(res.status).toBe(201);
    const m = res.body.message;
    expect(m).toMatchObject({
      text: '欢迎回家！红色商圈越来越好 🎉',
      author: { nickname: '老党员王叔' },
      status: 'published',
      likes: 0,
      likedByMe: false,
      anonymous: false,
      mine: true,
      reason: null,
    });
    expect(typeof m.id).toBe('string');
    expect(Number.isNaN(Date.parse(m.createdAt))).toBe(false);
    expect(m.check).toBeUndefined();
    expect(await wallIds()).toContain(m.id);
  });

  it('keeps new messages pending under pre-moderation: not on the wall until approved', async () => {
    await setMode('pre');
    const { token } = await app.login('wall_poster2');
    const res = await post(token, { text: '回家的感觉真好' });
    expect(res.status).toBe(201);
    expect(res.body.message.status).toBe('pending');
    expect(await wallIds()).not.toContain(res.body.message.id);
    const approve = await app.request('POST', `/v1/admin/messages/${res.body.message.id}/decision`, {
      token: staff.token,
      body: { decision: 'approve' },
    });
    expect(approve.status).toBe(200);
    expect(approve.body.message.status).toBe('published');
    expect(await wallIds()).toContain(res.body.message.id);
  });

  it('counts characters, not bytes: 200 Chinese characters or emoji pass, 201 fail', async () => {
    await setMode('post');
    const { token } = await app.login('wall_counter');
    expect((await post(token, { text: '家'.repeat(200) })).status).toBe(201);
    expect((await post(token, { text: '😀'.repeat(200) })).status).toBe(201);
    const tooLong = await post(token, { text: '家'.repeat(201) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    expect(tooLong.body.error.fields.text).toMatch(/200/);
  });

  it('refuses empty, blank, missing and mistyped fields with 422 and writes nothing', async () => {
    const { token } = await app.login('wall_bad_input');
    for (const body of [
      { text: '' },
      { text: '   \n ' },
      {},
      { text: 42 },
      { text: '好', anonymous: 'yes' },
      { text: '好', extra: 1 },
    ]) {
      const res = await post(token, body);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields).length).toBeGreaterThan(0);
    }
    const mine = await app.request('GET', '/v1/me/messages', { token });
    expect(mine.body.items).toEqual([]);
  });

  it('requires sign-in to post', async () => {
    const res = await app.request('POST', '/v1/messages', { body: { text: '你好' } });
    expect(res.status).toBe(401);
  });

  it('limits each user to 5 messages an hour: the 6th gets 429 with Retry-After', async () => {
    await setMode('post');
    const { token } = await app.login('wall_chatty');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post(token, { text: `第${i}条寄语` })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(5);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    expect(limited[0].body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.request('GET', '/v1/me/messages', { token })).body.items).toHaveLength(5);
    // Another user is not affected.
    const other = await app.login('wall_quiet');
    expect((await post(other.token, { text: '我也来说一句' })).status).toBe(201);
  });
});

describe('content check (local word list)', () => {
  const blocked: [string, string][] = [
    ['plain', '你这个傻逼'],
    ['spaces between characters', '你 这个 傻 逼'],
    ['symbols and zero-width characters between characters', '傻.逼/傻\u200B逼'],
    ['full-width letters', 'ｆｕｃｋ you'],
    ['upper case with symbols', 'F*U*C*K'],
    ['full-width and spaces mixed', 'Ｆ ｕ Ｃ ｋ'],
    ['politically sensitive term with punctuation', '法-轮-功好'],
  ];
  it.each(blocked)(
    'rejects a blocked word written %s with 422 CONTENT_REJECTED and stores nothing',
    async (_label, text) => {
      const { token } = await app.login(`wall_rude_${blocked.findIndex((b) => b[1] === text)}`);
      const res = await post(token, { text });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('CONTENT_REJECTED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await app.request('GET', '/v1/me/messages', { token })).body.items).toEqual([]);
    },
  );

  it('does not flag words that only look close (红色情怀 contains no blocked phrase)', async () => {
    await setMode('post');
    const { token } = await app.login('wall_innocent');
    const res = await post(token, { text: '传承红色情怀，舞台独唱《歌唱祖国》' });
    expect(res.status).toBe(201);
    expect(res.body.message.status).toBe('published');
  });

  it('sends a "review" term to the queue even under post-moderation, and tells staff why', async () => {
    await setMode('post');
    const { token } = await app.login('wall_advert');
    const res = await post(token, { text: '需要的加 微 信 了解' });
    expect(res.status).toBe(201);
    expect(res.body.message.status).toBe('pending');
    const queue = await app.request('GET', '/v1/admin/messages?status=pending&limit=100', {
      token: staff.token,
    });
    const queued = queue.body.items.find((m: { id: string }) => m.id === res.body.message.id);
    expect(queued.check).toEqual({ provider: 'local', suggest: 'review', label: 'advertising' });
  });
});

describe('anonymity', () => {
  it('hides the author from other users, never from the author or staff', async () => {
    await setMode('post');
    const author = await app.login('wall_shy');
    await app.request('PATCH', '/v1/me', { token: author.token, body: { nickname: '小红' } });
    const res = await post(author.token, { text: '不留名的祝福', anonymous: true });
    expect(res.status).toBe(201);
    const id = res.body.message.id;
    expect(res.body.message.author).toEqual({ nickname: '小红' });

    const find = async (token?: string) =>
      (await app.request('GET', '/v1/messages?limit=100', { token })).body.items.find(
        (m: { id: string }) => m.id === id,
      );
    const stranger = await app.login('wall_stranger');
    expect((await find(stranger.token)).author).toBeNull();
    expect((await find()).author).toBeNull();
    expect(JSON.stringify(await find(stranger.token))).not.toContain(author.userId);
    expect((await find(staff.token)).author).toEqual({ nickname: '小红', userId: author.userId });
    const staffList = await app.request('GET', '/v1/admin/messages?status=published&limit=100', {
      token: staff.token,
    });
    expect(staffList.body.items.find((m: { id: string }) => m.id === id).author.userId).toBe(author.userId);
  });
});

describe('my messages', () => {
  it('lists the author’s messages in every status, newest first, with the rejection reason', async () => {
    await setMode('pre');
    const { token } = await app.login('wall_mine');
    const first = (await post(token, { text: '第一条' })).body.message;
    const second = (await post(token, { text: '第二条' })).body.message;
    await app.request('POST', `/v1/admin/messages/${first.id}/decision`, {
      token: staff.token,
      body: { decision: 'reject', reason: '与主题无关' },
    });
    const mine = await app.request('GET', '/v1/me/messages', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((m: { id: string }) => m.id)).toEqual([second.id, first.id]);
    expect(mine.body.items[1]).toMatchObject({ status: 'rejected', reason: '与主题无关' });
    expect(mine.body.items[0]).toMatchObject({ status: 'pending', reason: null });
    // Nobody else sees the reason or the message.
    const other = await app.login('wall_nosy');
    expect((await app.request('GET', '/v1/me/messages', { token: other.token })).body.items).toEqual([]);
  });
});

describe('deleting', () => {
  it('lets the author delete their own message (204), then it is gone everywhere', async () => {
    await setMode('post');
    const { token } = await app.login('wall_deleter');
    const id = (await post(token, { text: '写错了，删掉' })).body.message.id;
    const liker = await app.login('wall_del_liker');
    expect((await app.request('PUT', `/v1/messages/${id}/like`, { token: liker.token })).status).toBe(200);
    const res = await app.request('DELETE', `/v1/messages/${id}`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await wallIds()).not.toContain(id);
    expect((await app.request('GET', '/v1/me/messages', { token })).body.items).toEqual([]);
    expect((await app.request('DELETE', `/v1/messages/${id}`, { token })).status).toBe(404);
    expect((await app.request('PUT', `/v1/messages/${id}/like`, { token: liker.token })).status).toBe(404);
  });

  it('refuses other users (403 on a published message, 404 on one they cannot see), lets staff delete any', async () => {
    await setMode('post');
    const author = await app.login('wall_del_author');
    const published = (await post(author.token, { text: '公开的寄语' })).body.message.id;
    await setMode('pre');
    const pending = (await post(author.token, { text: '待审的寄语' })).body.message.id;
    const other = await app.login('wall_del_other');
    const forbidden = await app.request('DELETE', `/v1/messages/${published}`, { token: other.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await app.request('DELETE', `/v1/messages/${pending}`, { token: other.token })).status).toBe(404);
    expect(await wallIds()).toContain(published);
    expect((await app.request('DELETE', `/v1/messages/${published}`, { token: staff.token })).status).toBe(
      204,
    );
    expect((await app.request('DELETE', `/v1/messages/${pending}`, { token: staff.token })).status).toBe(204);
    expect((await app.request('GET', '/v1/me/messages', { token: author.token })).body.items).toEqual([]);
  });

  it('404 for an id of any other form (ids are opaque, API.md); 422 only past 64 characters', async () => {
    const { token } = await app.login('wall_del_bad');
    const res = await app.request('DELETE', '/v1/messages/not-an-id', { token });
    expect(res.status).toBe(404);
    const long = await app.request('DELETE', `/v1/messages/${'x'.repeat(65)}`, { token });
    expect(long.status).toBe(422);
    expect(long.body.error.fields.id).toBeTruthy();
  });
});

describe('the wall list', () => {
  it('pages newest first with a cursor, without repeats or gaps', async () => {
    await setMode('post');
    const posted: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { token } = await app.login(`wall_pager_${i}`);
      posted.push((await post(token, { text: `寄语 ${i}` })).body.message.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/messages?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await app.request('GET', url);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.items.map((m: { id: string }) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const ours = seen.filter((id) => posted.includes(id));
    expect(ours).toEqual([...posted].reverse());
    const createdAts = seen.map((id) => id);
    expect(createdAts).toEqual([...createdAts].sort().reverse());
  });

  it('refuses a forged or foreign cursor with 422', async () => {
    const forged = await app.request('GET', '/v1/messages?cursor=abc.def');
    expect(forged.status).toBe(422);
    const { token } = await app.login('wall_cursor');
    await setMode('post');
    await post(token, { text: '一' });
    await post(token, { text: '二' });
    const mine = await app.request('GET', '/v1/me/messages?limit=1', { token });
    expect(mine.body.nextCursor).toBeTruthy();
    const foreign = await app.request(
      'GET',
      `/v1/messages?cursor=${encodeURIComponent(mine.body.nextCursor)}`,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields.cursor).toBeTruthy();
  });

  it('422 for a limit out of range', async () => {
    expect((await app.request('GET', '/v1/messages?limit=0')).status).toBe(422);
    expect((await app.request('GET', '/v1/messages?limit=101')).status).toBe(422);
  });
});

describe('daily metrics', () => {
  // The dashboard groups metrics by their prefix (`messages.created` → totals.messages.created).
  const metric = (totals: Record<string, Record<string, number> | undefined>, key: string) =>
    totals.messages?.[key] ?? 0;

  it('counts created and published messages for the dashboard', async () => {
    const before = (await app.request('GET', '/v1/admin/stats', { token: staff.token })).body.totals;
    await setMode('post');
    const { token } = await app.login('wall_metric');
    await post(token, { text: '数一数' });
    const after = (await app.request('GET', '/v1/admin/stats', { token: staff.token })).body.totals;
    expect(metric(after, 'created')).toBe(metric(before, 'created') + 1);
    expect(metric(after, 'published')).toBe(metric(before, 'published') + 1);
  });
});
