// 我的 in a real browser: a member sets a real name (checked in Chinese before it is sent) and picks an avatar with
// the H5 file picker; the picture — a large landscape PNG — reaches the API as a small square JPEG, shows on 我的
// (also after a reload), and 恢复默认头像 brings the default back.
import { crc32, deflateSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TIMEOUT_MS, startBrowserApp, type BrowserApp } from '../support/browser';

jest.setTimeout(E2E_TIMEOUT_MS);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width×height RGB PNG: red on the left half, gold on the right, with noise so the file is large. */
function landscapePng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      const noise = (x * 7919 + y * 104729) % 61;
      const [r, g, b] = x < width / 2 ? [200, 22 + noise, 29] : [232, 182, 90 + noise];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height of a baseline or progressive JPEG, from its SOF segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc2)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no SOF segment');
}

describe('我的: real name and avatar (H5)', () => {
  let app: BrowserApp;
  let picture: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    picture = path.join(mkdtempSync(path.join(tmpdir(), 'rc-avatar-')), 'landscape.png');
    writeFileSync(picture, landscapePng(640, 400));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sets a real name and an avatar, sees them on 我的, and goes back to the default avatar', async () => {
    const user = await app.signInFast('e2e_profile_user');
    await app.open('/pages/me/index');
    await app.waitForText('个人资料');
    // No picture yet: the default avatar (the nickname's first character).
    await expect(app.visiblePage().locator('.rc-me__avatar--default').count()).resolves.toBe(1);

    // A name with digits is refused in Chinese before anything is sent.
    await app.fillField('活动签到点名', '王建国1');
    await app.button('保存资料').click();
    await app.waitForText('姓名只能包含文字、间隔号“·”和空格');
    expect((await app.api('GET', '/v1/me', { token: user.token })).body.user.realName).toBeNull();

    await app.fillField('活动签到点名', ' 王建国 ');
    await app.button('保存资料').click();
    await app.waitForText('姓名：王建国');

    // The H5 picker: a file input behind the avatar.
    await app.visiblePage().locator('input.rc-me__avatar-file').setInputFiles(picture);
    const image = app.visiblePage().locator('img.rc-me__avatar--image, .rc-me__avatar--image img').first();
    await image.waitFor({ state: 'visible' });
    await app.page.waitForFunction(
      (img) => {
        const loaded = img as unknown as { complete: boolean; naturalWidth: number };
        return loaded.complete && loaded.naturalWidth > 0;
      },
      await image.elementHandle(),
    );
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
      132,
    );
    await app.page.screenshot({ path: '/tmp/profile-me-avatar.png' });

    // What reached the API: a 132×132 JPEG within 24 KB, served at the profile's URL.
    const me = (await app.api('GET', '/v1/me', { token: user.token })).body.user;
    expect(me.realName).toBe('王建国');
    const served = await fetch(app.baseUrl + me.avatarUrl);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.length).toBeLessThanOrEqual(24 * 1024);
    expect(jpegSize(bytes)).toEqual({ width: 132, height: 132 });

    // Still there after a reload.
    await app.page.reload();
    await app.waitForText('姓名：王建国');
    await app.visiblePage().locator('.rc-me__avatar--image').first().waitFor({ state: 'visible' });

    await app.button('恢复默认头像').click();
    await app.visiblePage().locator('.rc-me__avatar--default').waitFor({ state: 'visible' });
    expect((await app.api('GET', '/v1/me', { token: user.token })).body.user.avatarUrl).toBeNull();
    await app.page.screenshot({ path: '/tmp/profile-me-default.png' });
  });
});
