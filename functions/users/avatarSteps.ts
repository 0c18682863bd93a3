// Setting and removing a profile picture (PUT / DELETE /v1/me/avatar). The invariant: the profile's avatarUrl serves
// exactly the picture its owner last chose, or nothing (404: the client draws its default) — never another's or an
// older one; a removed picture's bytes are gone; a closed account keeps no picture. Every write carries a stamp
// `<ISO time>#<version>` and is made only over an earlier stamp, on both items, so of two writes racing (two phones)
// the later stamp ends on both, whatever order their steps interleave in.
//   1 avatar   USER#<id> / AVATAR: the picture's bytes and version (or, to remove, a bare stamp: the bytes go)
//              └ crash → the profile still names the previous version, which its URL no longer serves (404, the
//                client's default picture): safe; the user's next PUT/DELETE writes both again, closing erases it
//   2 profile  avatarVersion (or none) + avatarStamp, refused on a closed account
//              └ refused because the account closed meanwhile (a request authenticated just before closing's
//                step 1) → the picture of step 1 is taken back (deleted if its stamp is still ours), so closing
//                leaves no picture behind even when its eraser ran before our step 1
// A later stamp already on the picture's item means a newer write won: step 2 is skipped (it could point the profile
// at a version no longer stored), and the reply is the profile as it stands.
import { createHash } from 'node:crypto';
import { NotFoundError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { avatarStore } from './avatarStore';
import type { UserRecord } from './model';
import { userStore } from './userStore';

/** A picture's version: a digest of its bytes (the same picture keeps its URL; another gets a new one). */
export const avatarVersionOf = (bytes: Uint8Array) =>
  createHash('sha256').update(bytes).digest('base64url').slice(0, 16);

const stampOf = (now: Date, version: string) => `${now.toISOString()}#${version}`;

/** The profile as it stands, when our first step lost to a later write (404 once the account is closed). */
async function currentProfile(userId: string): Promise<UserRecord> {
  const current = await userStore.get(userId);
  if (!current || current.closedAt) throw new NotFoundError('用户不存在');
  return current;
}

async function pointProfile(userId: string, version: string | null, stamp: string): Promise<UserRecord> {
  const updated = await userStore.setAvatar(userId, version, stamp);
  if (updated) return updated;
  const current = await userStore.get(userId);
  if (!current || current.closedAt) {
    await avatarStore.deleteIfStamp(userId, stamp);
    throw new NotFoundError('用户不存在');
  }
  return current; // a later write won
}

export async function setAvatar(
  userId: string,
  image: { contentType: string; bytes: Uint8Array },
  now = new Date(),
): Promise<UserRecord> {
  const version = avatarVersionOf(image.bytes);
  const stamp = stampOf(now, version);
  if (!(await avatarStore.putImage(userId, stamp, { ...image, version, updatedAt: now.toISOString() })))
    return currentProfile(userId);
  failpoint('avatar.set.afterImage');
  return pointProfile(userId, version, stamp);
}

export async function removeAvatar(userId: string, now = new Date()): Promise<UserRecord> {
  const stamp = stampOf(now, '-');
  if (!(await avatarStore.putRemoved(userId, stamp))) return currentProfile(userId);
  failpoint('avatar.remove.afterImage');
  return pointProfile(userId, null, stamp);
}
