// Who may call a route: the session token → the caller (read afresh on every request; a closed account is refused)
// → the route's access rule.
import type { Role } from '../../../shared/api/users';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { hasRole, isClosed, loadCurrentUser, type CurrentUser } from '../principal';
import { verifySessionToken } from '../tokens';

/** `public`, any signed-in `user`, or a role; `staff` routes also admit admins. */
export type Access = 'public' | 'user' | Role;

export async function authenticate(
  headers: Record<string, string>,
  required: boolean,
): Promise<CurrentUser | null> {
  const header = headers['authorization'];
  if (!header) {
    if (required) throw new UnauthenticatedError();
    return null;
  }
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError('登录凭证格式错误');
  let userId: string;
  try {
    userId = await verifySessionToken(match[1].trim());
  } catch (err) {
    // On a public route (e.g. login) a stale token just means "signed out".
    if (!required) return null;
    throw err;
  }
  const user = await loadCurrentUser(userId);
  if (!user) {
    if (!required) return null;
    throw new UnauthenticatedError('账号不存在，请重新登录');
  }
  // A closed account's tokens, all of them issued before it closed (a closed id is never signed in to again), are
  // refused; the record read above is the one every request reads, so this costs nothing more.
  if (isClosed(user)) {
    if (!required) return null;
    throw new UnauthenticatedError('账号已注销，请重新登录');
  }
  return user;
}

export function authorize(user: CurrentUser | null, access: Access): void {
  if (access === 'public' || access === 'user') return;
  if (!user) throw new UnauthenticatedError();
  const allowed: Role[] = access === 'staff' ? ['staff', 'admin'] : [access];
  if (!hasRole(user, ...allowed)) throw new ForbiddenError();
}
