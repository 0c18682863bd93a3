// Profiles and roles. Roles are read from the store on every request (functions/lib/principal.ts); ADMIN_OPENIDS
// always grants admin.
import type { Role, UpdateMeRequest } from '../../shared/api/users';
import { NotFoundError, UnauthenticatedError, UnavailableError } from '../lib/errors';
import { stableId } from '../lib/ids';
import { loadCurrentUser, type CurrentUser } from '../lib/principal';
import { defaultNickname, isClosed, type UserRecord } from './model';
import { nicknameCheck } from './nicknameCheck';
import { userStore } from './userStore';

const MAX_ACCOUNTS_PER_OPENID = 50;

export const userService = {
  /**
   * The account id of an openid: the first account's, or after `closed` (a closed account of this openid) the next
   * one's. Derived, so every sign-in of one openid walks the same chain and lands on the same open account.
   */
  idForOpenid(openid: string, closed?: string): string {
    return stableId('u', closed ? `wx-openid:${openid}#after:${closed}` : `wx-openid:${openid}`);
  },

  /**
   * The open account of this WeChat user, created on first sign-in. A closed account is passed by: signing in
   * again after closing starts a new, empty account (the chain of ids above; one more read per closed account).
   */
  async signIn(openid: string): Promise<UserRecord> {
    let id = this.idForOpenid(openid);
    for (let hop = 0; hop < MAX_ACCOUNTS_PER_OPENID; hop++) {
      const now = new Date().toISOString();
      const user = await userStore.createIfMissing({
        id,
        openid,
        nickname: defaultNickname(id),
        identity: null,
        phone: null,
        roles: [],
        createdAt: now,
        updatedAt: now,
      });
      if (!isClosed(user)) return user;
      id = this.idForOpenid(openid, id);
    }
    throw new UnavailableError(new Error('too many closed accounts for one openid'));
  },

  async current(id: string): Promise<CurrentUser | null> {
    return loadCurrentUser(id);
  },

  async get(id: string): Promise<UserRecord | null> {
    return userStore.get(id);
  },

  /** The caller's own edit (PATCH /v1/me): a new nickname passes the content check first (422 CONTENT_REJECTED). */
  async updateOwnProfile(user: UserRecord, changes: UpdateMeRequest): Promise<UserRecord> {
    if (changes.nickname !== undefined && changes.nickname !== user.nickname)
      await nicknameCheck.assertAcceptable(changes.nickname, user.openid);
    return this.updateProfile(user.id, changes);
  },

  /** A profile edit as given (seeds and the caller's checked edit). */
  async updateProfile(id: string, changes: UpdateMeRequest): Promise<UserRecord> {
    const updated = await userStore.update(id, changes as Parameters<typeof userStore.update>[1]);
    if (updated) return updated;
    // Refused: the account closed while this edit was under way (its tokens are refused from then on, as here).
    if ((await userStore.get(id))?.closedAt) throw new UnauthenticatedError('账号已注销，请重新登录');
    throw new NotFoundError('用户不存在');
  },

  async setRoles(id: string, roles: Role[]): Promise<UserRecord> {
    const updated = await userStore.update(id, { roles: [...new Set(roles)].sort() });
    if (updated) return updated;
    if ((await userStore.get(id))?.closedAt) throw new NotFoundError('该用户已注销账号');
    throw new NotFoundError('用户不存在');
  },

  /**
   * Adds one role (e.g. merchant on approval) without touching the others. A closed account gets none: it is
   * answered as it is (nobody can sign in to it, and its profile is never written again).
   */
  async grantRole(id: string, role: Role): Promise<UserRecord> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const user = await userStore.get(id);
      if (!user) throw new NotFoundError('用户不存在');
      if (user.roles.includes(role) || isClosed(user)) return user;
      const updated = await userStore.update(id, { roles: [...user.roles, role].sort() }, user.updatedAt);
      if (updated) return updated;
    }
    throw new UnavailableError();
  },
};
