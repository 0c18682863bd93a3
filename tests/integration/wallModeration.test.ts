// Moderation: the setting, the queue, approve / reject with a reason, hide, who may do it, crash points.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { likeStore } from '../../functions/wall/likeStore';
import { messageStore } from '../../functions/wall/messageStore';
import { startTestApp, type TestApp } from '../support/app';

// Some tests send 40–90 requests; Jest's 5 s default is too tight on a busy machine.
jest.setTimeout(60_000);

let app: TestApp;
let staff: { token: string; userId: string };
let admin: { token: string; userId: string };

beforeAll(async () => {
  app = await startTestApp();
  staff = await app.userWithRoles('mod_staff', ['staff']);
  await app.request('PATCH', '/v1/me', { token: staff.token, body: { nickname: '服务中心小李' } });
  admin = await app.login('admin');
});
afterAll(async () => {
  disarmAllFailpoints();
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const setMode = (moderation: string, token = staff.token) =>
  app.request('PUT', '/v1/admin/settings/wall', { token, body: { moderation } });
const decide = (id: string, body: unknown, token = staff.token) =>
  app.request('POST', `/v1/admin/messages/${id}/decision`, { token, body });
const list = async (status: string) =>
  (
    await app.request('GET', `/v1/admin/messages?status=${status}&limit=100`, { token: staff.token })
  ).body.items.map((m: { id: string }) => m.id);
const wall = async () =>
  (await app.request('GET', '/v1/messages?limit=100')).body.items.map((m: { id: string }) => m.id);

let n = 0;
async function postAs(text: string, anonymous = false) {
  const user = await app.login(`mod_author_${n++}`);
  const res = await app.request('POST', '/v1/messages', { token: user.token, body: { text, anonymous } });
  expect(res.status).toBe(201);
  return { ...user, message: res.body.message };
}

describe('the moderation setting', () => {
  it('defaults to pre-moderation from the environment, and staff can change it', async () => {
    const initial = await app.request('GET', '/v1/admin/settings/wall', { token: staff.token });
    expect(initial.status).toBe(200);
    expect(initial.body.settings).toEqual({ moderation: 'pre', source: 'default', updatedAt: null });
    expect((await postAs('默认先审后发')).message.status).toBe('pending');

    const changed = await setMode('post');
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ moderation: 'post', source: 'setting' });
    expect(
      (await app.request('GET', '/v1/admin/settings/wall', { token: admin.token })).body.settings.moderation,
    ).toBe('post');
    expect((await postAs('现在先发后审')).message.status).toBe('published');
  });

  it('refuses other users (403) and bad values (422)', async () => {
    const user = await app.login('mod_plain_user');
    expect((await setMode('post', user.token)).status).toBe(403);
    expect((await app.request('GET', '/v1/admin/settings/wall', { token: user.token })).status).toBe(403);
    const bad = await setMode('sometimes');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.moderation).toBeTruthy();
  });
});

describe('the queue and decisions', () => {
  beforeAll(async () => {
    await setMode('pre');
  });

  it('lists pending messages oldest first, with the author even when anonymous', async () => {
    const first = await postAs('排队一', true);
    const second = await postAs('排队二');
    const res = await app.request('GET', '/v1/admin/messages?status=pending&limit=100', {
      token: staff.token,
    });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((m: { id: string }) => m.id);
    expect(ids.indexOf(first.message.id)).toBeLessThan(ids.indexOf(second.message.id));
    const anon = res.body.items.find((m: { id: string }) => m.id === first.message.id);
    expect(anon.anonymous).toBe(true);
    expect(anon.author).toEqual({ nickname: expect.any(String), userId: first.userId });
    expect(anon.check).toEqual({ provider: 'local', suggest: 'pass', label: null });
  });

  it('defaults the listed status to pending', async () => {
    const { message } = await postAs('默认状态');
    const res = await app.request('GET', '/v1/admin/messages?limit=100', { token: staff.token });
    expect(res.body.items.map((m: { id: string }) => m.id)).toContain(message.id);
  });

  it('approve publishes: leaves the queue, joins the wall; repeating it changes nothing', async () => {
    const { message } = await postAs('请通过');
    const res = await decide(message.id, { decision: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ id: message.id, status: 'published', reason: null });
    expect(res.body.message.moderation).toMatchObject({ action: 'approved', by: '服务中心小李' });
    expect(await list('pending')).not.toContain(message.id);
    expect(await wall()).toContain(message.id);
    expect((await decide(message.id, { decision: 'approve' })).body.message.status).toBe('published');
  });

  it('reject with a reason: the author sees the status and the reason, the wall never shows it', async () => {
    const author = await postAs('请拒绝');
    const res = await decide(author.message.id, { decision: 'reject', reason: '  与寄语墙主题无关  ' });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ status: 'rejected', reason: '与寄语墙主题无关' });
    expect(await list('pending')).not.toContain(author.message.id);
    expect(await list('rejected')).toContain(author.message.id);
    expect(await wall()).not.toContain(author.message.id);
    const mine = await app.request('GET', '/v1/me/messages', { token: author.token });
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', reason: '与寄语墙主题无关' });
  });

  it('reject without a reason gives a default reason', async () => {
    const { message } = await postAs('没理由');
    const res = await decide(message.id, { decision: 'reject' });
    expect(res.body.message.reason).toBe('内容不符合寄语墙规范');
  });

  it('reject of a published message hides it (post-moderation), and approve brings it back', async () => {
    await setMode('post');
    const author = await postAs('先发了');
    expect(await wall()).toContain(author.message.id);
    const hidden = await decide(author.message.id, { decision: 'reject', reason: '含有广告' });
    expect(hidden.body.message.moderation).toMatchObject({ action: 'hidden', reason: '含有广告' });
    expect(await wall()).not.toContain(author.message.id);
    expect(await list('published')).not.toContain(author.message.id);
    const mine = await app.request('GET', '/v1/me/messages', { token: author.token });
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', reason: '含有广告' });
    expect((await decide(author.message.id, { decision: 'approve' })).body.message.status).toBe('published');
    expect(await wall()).toContain(author.message.id);
    await setMode('pre');
  });

  it('concurrent opposite decisions end in exactly one consistent state', async () => {
    const { message } = await postAs('争议');
    const replies = await Promise.all([
      decide(message.id, { decision: 'approve' }),
      decide(message.id, { decision: 'reject', reason: '不合适' }),
      decide(message.id, { decision: 'approve' }),
    ]);
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
    const stored = await messageStore.get(message.id);
    const onWall = (await wall()).includes(message.id);
    const inQueue = (await list('pending')).includes(message.id);
    const inRejected = (await list('rejected')).includes(message.id);
    expect(inQueue).toBe(false);
    expect(onWall).toBe(stored!.status === 'published');
    expect(inRejected).toBe(stored!.status === 'rejected');
  });

  it('only staff and admins decide or list; bad input is 422; unknown id is 404', async () => {
    const { message, token } = await postAs('权限');
    expect((await decide(message.id, { decision: 'approve' }, token)).status).toBe(403);
    expect((await app.request('GET', '/v1/admin/messages', { token })).status).toBe(403);
    expect((await decide(message.id, { decision: 'maybe' })).status).toBe(422);
    expect((await decide(message.id, { decision: 'reject', reason: 'x'.repeat(101) })).status).toBe(422);
    expect((await app.request('GET', '/v1/admin/messages?status=lost', { token: staff.token })).status).toBe(
      422,
    );
    expect((await decide('01J00000000000000000000000', { decision: 'approve' })).status).toBe(404);
    expect((await decide(message.id, { decision: 'approve' }, admin.token)).status).toBe(200);
    expect((await messageStore.get(message.id))!.status).toBe('published');
  });
});

describe('crash points outside likes', () => {
  beforeAll(async () => {
    await setMode('pre');
  });

  it('a post that dies after its write leaves one whole message (only the daily figure is missed)', async () => {
    const user = await app.login('mod_post_crash');
    armFailpoint('wall.post.afterCreate');
    await expect(
      app.request('POST', '/v1/messages', { token: user.token, body: { text: '写完就崩' } }),
    ).rejects.toThrow(/injected crash/);
    const mine = (await app.request('GET', '/v1/me/messages', { token: user.token })).body.items;
    expect(mine).toHaveLength(1);
    expect(await list('pending')).toContain(mine[0].id);
  });

  it('a decision that dies after its write has fully moved the message between lists', async () => {
    const { message } = await postAs('决定后崩');
    armFailpoint('wall.decide.afterTransition');
    await expect(decide(message.id, { decision: 'approve' })).rejects.toThrow(/injected crash/);
    expect(await list('pending')).not.toContain(message.id);
    expect(await wall()).toContain(message.id);
    expect((await decide(message.id, { decision: 'approve' })).status).toBe(200);
  });

  it('a delete that dies before removing like items leaves the message gone and the orphans unreachable', async () => {
    await setMode('post');
    const author = await postAs('删了再崩');
    const liker = await app.login('mod_delete_liker');
    await app.request('PUT', `/v1/messages/${author.message.id}/like`, { token: liker.token });
    armFailpoint('wall.delete.afterMessage');
    await expect(
      app.request('DELETE', `/v1/messages/${author.message.id}`, { token: author.token }),
    ).rejects.toThrow(/injected crash/);
    expect(await wall()).not.toContain(author.message.id);
    expect(
      (await app.request('PUT', `/v1/messages/${author.message.id}/like`, { token: liker.token })).status,
    ).toBe(404);
    expect(await likeStore.countLiked(author.message.id)).toBe(1);
    // Staff deleting again finds nothing; the orphan like item is harmless (never listed, never counted).
    expect(
      (await app.request('DELETE', `/v1/messages/${author.message.id}`, { token: staff.token })).status,
    ).toBe(404);
    await setMode('pre');
  });
});
