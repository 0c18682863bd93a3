// Profile pictures: checking an upload's bytes, setting and removing one (avatarSteps.ts), serving it, and its part
// of the caller's data (export, closing).
import { AVATAR_MAX_BYTES, AVATAR_TYPES } from '../../shared/api/users';
import { NotFoundError, ValidationError } from '../lib/errors';
import { countDaily } from '../lib/metrics';
import { avatarStore } from './avatarStore';
import { removeAvatar, setAvatar } from './avatarSteps';
import type { UserRecord } from './model';

const SIGNATURES: Record<(typeof AVATAR_TYPES)[number]['contentType'], number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** The decoded picture, or 422 `fields.image`: checked again here on the bytes, whatever the schema let through. */
export function decodeAvatar(base64: string): { contentType: string; bytes: Buffer } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new ValidationError({ image: '请选择头像图片' });
  if (bytes.length > AVATAR_MAX_BYTES) throw new ValidationError({ image: '头像图片不能超过 24 KB' });
  const type = (Object.keys(SIGNATURES) as (keyof typeof SIGNATURES)[]).find((contentType) =>
    SIGNATURES[contentType].every((byte, i) => bytes[i] === byte),
  );
  if (!type) throw new ValidationError({ image: '只支持 JPG 或 PNG 图片' });
  return { contentType: type, bytes };
}

export const avatarService = {
  async set(user: UserRecord, base64: string): Promise<UserRecord> {
    const updated = await setAvatar(user.id, decodeAvatar(base64));
    await countDaily('profiles.avatar_set');
    return updated;
  },

  async remove(user: UserRecord): Promise<UserRecord> {
    const updated = await removeAvatar(user.id);
    await countDaily('profiles.avatar_removed');
    return updated;
  },

  /** The picture of this version, or 404 (none, removed, or replaced since the URL was handed out). */
  async read(userId: string, version: string): Promise<{ contentType: string; bytes: Buffer }> {
    const stored = await avatarStore.get(userId);
    if (!stored?.image || stored.image.version !== version) throw new NotFoundError('头像不存在');
    return { contentType: stored.image.contentType, bytes: Buffer.from(stored.image.bytes) };
  },

  /** GET /v1/me/export `avatar`: the picture itself, base64, with its type and time; [] when there is none. */
  async exportFor(userId: string): Promise<unknown[]> {
    const image = (await avatarStore.get(userId))?.image;
    if (!image) return [];
    const bytes = Buffer.from(image.bytes);
    return [
      {
        contentType: image.contentType,
        bytes: bytes.length,
        updatedAt: image.updatedAt,
        base64: bytes.toString('base64'),
      },
    ];
  },

  /** Closing: the item goes (the profile's pointer and name go in the profile's own erasure). */
  async closeFor(userId: string): Promise<number> {
    return (await avatarStore.erase(userId)) ? 1 : 0;
  },
};
