// A user's profile record and key. They live in functions/lib/principal.ts, because the HTTP layer reads the caller's
// record on every request and the ground floor must not import a feature; this feature's code names them from here.
export { isClosed, userFromItem, userKey, type UserRecord } from '../lib/principal';

/** The byQueue partition of closings not yet finished (accountSteps.ts). */
export const ACCOUNT_CLOSING_QUEUE = 'ACCOUNT_CLOSING';

/** The nickname a new account starts with, until its owner chooses one. */
export function defaultNickname(userId: string): string {
  return `商圈用户${userId.slice(-4).toUpperCase()}`;
}

/** The profile picture's own item, beside the profile (never read by the hot paths): pk USER#<id>, sk AVATAR. */
export const avatarKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'AVATAR' });

/** A stored profile picture; a tombstone (after DELETE /v1/me/avatar) keeps only its stamp. */
export interface AvatarRecord {
  userId: string;
  /** `<ISO time>#<version>`: the later stamp wins on both items (avatarSteps.ts). */
  stamp: string;
  image: { version: string; contentType: string; bytes: Uint8Array; updatedAt: string } | null;
}

export function avatarFromItem(item: Record<string, unknown>): AvatarRecord {
  const bytes = item.bytes as Uint8Array | undefined;
  return {
    userId: String(item.userId),
    stamp: String(item.stamp),
    image: bytes
      ? {
          version: String(item.version),
          contentType: String(item.contentType),
          bytes,
          updatedAt: String(item.updatedAt),
        }
      : null,
  };
}

/** Where a profile's picture is served; the version in the query makes each picture its own URL. */
export const avatarUrl = (userId: string, version: string) =>
  `/v1/users/${encodeURIComponent(userId)}/avatar?v=${encodeURIComponent(version)}`;
