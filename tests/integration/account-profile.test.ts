// The profile's real name and picture (PUT/DELETE /v1/me/avatar, GET /v1/users/{id}/avatar, PATCH /v1/me realName):
// validation in Chinese with nothing written on a refusal, replace and remove, who can read a picture, the export,
// closing, a crash between the two writes (avatarSteps.ts) and racing uploads.
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { closeAccount } from '../../functions/users/accountSteps';
import { avatarStore } from '../../functions/users/avatarStore';
import { setAvatar } from '../../functions/users/avatarSteps';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(60_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A picture's bytes: the type's signature, then `size` bytes in all (a pattern told apart by `seed`). */
function picture(signature: number[], size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size, seed);
  Buffer.from(signature).copy(bytes);
  return bytes;
}

const upload = (token: string, image: string) =>
  app.request('PUT', '/v1/me/avatar', { token, body: { image } });
const me = async (token: string) => (await app.request('GET', '/v1/me', { token })).body.user;
/** The picture route answers bytes (checked against docs/openapi.json's media types like every reply). */
async function fetchPicture(url: string, token?: string) {
  const res = await app.request('GET', url, { token });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(res.text, 'latin1') };
}

describe('real name (PATCH /v1/me realName)', () => {
  it('is trimmed, returned to its owner only, and removed with null', async () => {
    const user = await app.login('profile_name');
    const res = await app.request('PATCH', '/v1/me', { token: user.token, body: { realName: '  王建国 ' } });
    expect(res.status).toBe(200);
    expect(res.body.user.realName).toBe('王建国');
    expect((await me(user.token)).realName).toBe('王建国');
    // An admin's view of the user (roles) carries no private field.
    const admin = await app.login('admin');
    const roles = await app.request('PUT', `/v1/admin/users/${user.userId}/roles`, {
      token: admin.token,
      body: { roles: [] },
    });
    expect(roles.body.user).not.toHaveProperty('realName');
    const removed = await app.request('PATCH', '/v1/me', { token: user.token, body: { realName: null } });
    expect(removed.body.user.realName).toBeNull();
  });

  it.each([
    ['   ', '不能为空'],
    ['王'.repeat(21), '不能超过 20 个字'],
    ['王建国123', '姓名只能包含文字、间隔号“·”和空格'],
    [5, '姓名应为文字'],
  ])('%p → 422 with a Chinese reason, the profile unchanged', async (realName, reason) => {
    const user = await app.login('profile_name_bad');
    await app.request('PATCH', '/v1/me', { token: user.token, body: { realName: '李娜' } });
    const res = await app.request('PATCH', '/v1/me', { token: user.token, body: { realName } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.realName).toContain(reason);
    expect((await me(user.token)).realName).toBe('李娜');
  });

  it('accepts names in other scripts with the middle dot', async () => {
    const user = await app.login('profile_name_dot');
    const res = await app.request('PATCH', '/v1/me', {
      token: user.token,
      body: { realName: '阿卜杜拉·艾力' },
    });
    expect(res.body.user.realName).toBe('阿卜杜拉·艾力');
  });
});

describe('profile picture', () => {
  it('is uploaded, served to anyone holding its URL, replaced and removed', async () => {
    const owner = await app.login('profile_pic');
    const other = await app.login('profile_pic_other');
    expect((await me(owner.token)).avatarUrl).toBeNull();

    const first = picture(JPEG, 6000, 7);
    const put = await upload(owner.token, first.toString('base64'));
    expect(put.status).toBe(200);
    const url: string = put.body.user.avatarUrl;
    expect(url).toMatch(new RegExp(`^/v1/users/${owner.userId}/avatar\\?v=[\\w-]{16}$`));
    expect((await me(owner.token)).avatarUrl).toBe(url);

    // Public (an <Image> sends no token): anonymous and another member read the same bytes.
    const anonymous = await fetchPicture(url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers['content-type']).toBe('image/jpeg');
    expect(anonymous.headers['cache-control']).toBe('private, max-age=604800, immutable');
    expect(anonymous.bytes.equals(first)).toBe(true);
    expect((await fetchPicture(url, other.token)).bytes.equals(first)).toBe(true);
    // The id alone, or another version, fetches nothing.
    expect((await app.request('GET', `/v1/users/${owner.userId}/avatar`)).status).toBe(422);
    expect((await fetchPicture(`/v1/users/${owner.userId}/avatar?v=AAAAAAAAAAAAAAAA`)).status).toBe(404);

    // A data URL (what a canvas gives) is accepted too; a PNG keeps its type. The old URL stops answering.
    const second = picture(PNG, 3000, 9);
    const replaced = await upload(owner.token, `data:image/png;base64,${second.toString('base64')}`);
    const newUrl: string = replaced.body.user.avatarUrl;
    expect(newUrl).not.toBe(url);
    expect((await fetchPicture(url)).status).toBe(404);
    const served = await fetchPicture(newUrl);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.bytes.equals(second)).toBe(true);

    const removed = await app.request('DELETE', '/v1/me/avatar', { token: owner.token });
    expect(removed.status).toBe(200);
    expect(removed.body.user.avatarUrl).toBeNull();
    expect((await fetchPicture(newUrl)).status).toBe(404);
    expect((await avatarStore.get(owner.userId))?.image).toBeNull(); // the bytes are gone
    // Removing again is the same answer.
    expect(
      (await app.request('DELETE', '/v1/me/avatar', { token: owner.token })).body.user.avatarUrl,
    ).toBeNull();
  });

  it.each([
    ['larger than 24 KB decoded', picture(JPEG, 24 * 1024 + 1).toString('base64'), '头像图片不能超过 24 KB'],
    ['a text file', Buffer.from('hello, 这不是图片').toString('base64'), '只支持 JPG 或 PNG 图片'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64'), '只支持 JPG 或 PNG 图片'],
    ['not base64', '/9j/这不是base64', '图片数据无效'],
    ['empty', '', '请选择头像图片'],
    ['a number', 42, '请选择头像图片'],
  ])('%s → 422 in Chinese, nothing written', async (_what, image, reason) => {
    const user = await app.login('profile_pic_bad');
    const kept = (await upload(user.token, picture(JPEG, 500, 3).toString('base64'))).body.user.avatarUrl;
    const before = await avatarStore.get(user.userId);
    const res = await app.request('PUT', '/v1/me/avatar', { token: user.token, body: { image } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.image).toBe(reason);
    expect((await me(user.token)).avatarUrl).toBe(kept);
    expect((await avatarStore.get(user.userId))?.stamp).toBe(before?.stamp);
  });

  it('a body past 64 KiB → 413 in Chinese, nothing written', async () => {
    const user = await app.login('profile_pic_huge');
    const res = await upload(user.token, picture(JPEG, 60 * 1024).toString('base64'));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe('请求内容过大（上限 64 KiB）');
    expect(await avatarStore.get(user.userId)).toBeNull();
    expect((await me(user.token)).avatarUrl).toBeNull();
  });

  it('the export holds the name and the picture (base64); closing erases both', async () => {
    const user = await app.login('profile_close');
    await app.request('PATCH', '/v1/me', { token: user.token, body: { realName: '赵敏' } });
    const image = picture(JPEG, 2048, 5);
    const url = (await upload(user.token, image.toString('base64'))).body.user.avatarUrl;

    const exported = (await app.request('GET', '/v1/me/export', { token: user.token })).body;
    expect(exported.profile).toMatchObject({ realName: '赵敏', avatarUrl: url });
    expect(exported.avatar).toEqual([
      {
        contentType: 'image/jpeg',
        bytes: 2048,
        updatedAt: expect.any(String),
        base64: image.toString('base64'),
      },
    ]);

    expect((await app.request('DELETE', '/v1/me', { token: user.token })).status).toBe(204);
    expect((await fetchPicture(url)).status).toBe(404);
    expect(await avatarStore.get(user.userId)).toBeNull();
    const again = await app.login('profile_close'); // a new, empty account
    expect(await me(again.token)).toMatchObject({ realName: null, avatarUrl: null });
  });

  it('an upload that reaches its writes after the account closed leaves no picture behind', async () => {
    const user = await app.login('profile_close_race');
    await closeAccount(user.userId);
    await expect(
      setAvatar(user.userId, { contentType: 'image/jpeg', bytes: picture(JPEG, 900) }),
    ).rejects.toThrow('用户不存在');
    expect(await avatarStore.get(user.userId)).toBeNull();
  });

  it('a crash between the picture and the profile leaves the old URL answering 404; a retry repairs it', async () => {
    const user = await app.login('profile_crash');
    const oldUrl = (await upload(user.token, picture(JPEG, 800, 1).toString('base64'))).body.user.avatarUrl;
    const next = picture(JPEG, 800, 2).toString('base64');
    armFailpoint('avatar.set.afterImage');
    await expect(upload(user.token, next)).rejects.toThrow('injected crash');
    // Safe: the profile still names the old picture, which is no longer served (the client draws its default).
    expect((await me(user.token)).avatarUrl).toBe(oldUrl);
    expect((await fetchPicture(oldUrl)).status).toBe(404);
    const retried = await upload(user.token, next);
    expect((await fetchPicture(retried.body.user.avatarUrl)).status).toBe(200);

    armFailpoint('avatar.remove.afterImage');
    await expect(app.request('DELETE', '/v1/me/avatar', { token: user.token })).rejects.toThrow(
      'injected crash',
    );
    expect((await avatarStore.get(user.userId))?.image).toBeNull(); // the bytes went first
    expect(
      (await app.request('DELETE', '/v1/me/avatar', { token: user.token })).body.user.avatarUrl,
    ).toBeNull();
  });

  it('racing uploads from two phones end on one picture, the one the profile names', async () => {
    const user = await app.login('profile_race');
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        upload(user.token, picture(i % 2 ? PNG : JPEG, 400, i + 10).toString('base64')),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const url: string = (await me(user.token)).avatarUrl;
    const stored = await avatarStore.get(user.userId);
    expect(url.endsWith(`v=${stored?.image?.version}`)).toBe(true);
    expect((await fetchPicture(url)).status).toBe(200);
  });
});
