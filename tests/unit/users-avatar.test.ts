// The server's own check of a decoded picture (functions/users/avatarService.ts decodeAvatar), whatever the request
// schema let through: its size after decoding and its first bytes.
import { AVATAR_MAX_BYTES, avatarUploadSchema, base64DecodedBytes } from '../../shared/api/users';
import { decodeAvatar } from '../../functions/users/avatarService';

const withSignature = (signature: number[], size: number) => {
  const bytes = Buffer.alloc(size, 0x41);
  Buffer.from(signature).copy(bytes);
  return bytes.toString('base64');
};

it('takes a JPEG and a PNG by their first bytes', () => {
  expect(decodeAvatar(withSignature([0xff, 0xd8, 0xff], 100)).contentType).toBe('image/jpeg');
  expect(decodeAvatar(withSignature([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 100)).contentType).toBe(
    'image/png',
  );
});

it.each([
  [
    'too big after decoding',
    withSignature([0xff, 0xd8, 0xff], AVATAR_MAX_BYTES + 1),
    '头像图片不能超过 24 KB',
  ],
  [
    'a PNG signature cut short',
    withSignature([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00], 100),
    '只支持 JPG 或 PNG 图片',
  ],
  ['nothing', '', '请选择头像图片'],
])('refuses %s with 422 fields.image', (_what, base64, reason) => {
  expect(() => decodeAvatar(base64)).toThrow(
    expect.objectContaining({ status: 422, extra: { fields: { image: reason } } }),
  );
});

it('counts decoded bytes exactly, padding included', () => {
  for (const size of [1, 2, 3, 4, 24 * 1024])
    expect(base64DecodedBytes(Buffer.alloc(size).toString('base64'))).toBe(size);
});

it('refuses in the schema what the server would refuse, in Chinese', () => {
  const big = withSignature([0xff, 0xd8, 0xff], AVATAR_MAX_BYTES + 1);
  const result = avatarUploadSchema.safeParse({ image: big });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0].message).toBe('头像图片不能超过 24 KB');
  expect(
    avatarUploadSchema.parse({ image: `data:image/jpeg;base64,${withSignature([0xff, 0xd8, 0xff], 30)}` })
      .image,
  ).toMatch(/^\/9j\//);
});
