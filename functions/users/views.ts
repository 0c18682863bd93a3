// Replies of the users feature.
import type { User } from '../../shared/api/users';
import { effectiveRoles, type UserRecord } from '../lib/principal';
import { avatarUrl } from './model';

export function toPublicUser(user: UserRecord, includePrivate = false): User {
  return {
    id: user.id,
    nickname: user.nickname,
    identity: user.identity,
    roles: effectiveRoles(user),
    avatarUrl: user.avatarVersion ? avatarUrl(user.id, user.avatarVersion) : null,
    ...(includePrivate ? { phone: user.phone, realName: user.realName ?? null } : {}),
  };
}
