// Replies of the users feature.
import type { User } from '../../shared/api/users';
import { effectiveRoles, type UserRecord } from '../lib/principal';

export function toPublicUser(user: UserRecord, includePrivate = false): User {
  return {
    id: user.id,
    nickname: user.nickname,
    identity: user.identity,
    roles: effectiveRoles(user),
    ...(includePrivate ? { phone: user.phone } : {}),
  };
}
