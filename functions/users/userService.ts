// Profiles and roles. Roles are read from the store on every request (functions/lib/principal.ts); ADMIN_OPENIDS
// always grants admin.
import type { Role, UpdateMeRequest } from '../../shared/api/users';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { stableId } from '../lib/ids';
import { loadCurrentUser, type CurrentUser } from '../lib/principal';
import { defaultNickname, type UserRecord } from './model';
import { userStore } from './userStore';

export const userService = {
  idForOpenid(openid: string): string {
    return stableId('u', `wx-openid:${openid}`);
  },

  async signIn(openid: string): Promise<UserRecord> {
    const id = this.idForOpenid(openid);
    const now = new Date().toISOString();
    return userStore.createIfMissing({
      id,
      openid,
      nickname: defaultNickname(id),
      identity: null,
      phone: null,
      roles: [],
      createdAt: now,
      updatedAt: now,
    });
  },

  async current(id: string): Promise<CurrentUser | null> {
    return loadCurrentUser(id);
  },

  async get(id: string): Promise<UserRecord | null> {
    return userStore.get(id);
  },

  async updateProfile(id: string, changes: UpdateMeRequest): Promise<UserRecord> {
    const updated = await userStore.update(id, changes as Parameters<typeof userStore.update>[1]);
    if (!updated) throw new NotFoundError('用户不存在');
    return updated;
  },

  async setRoles(id: string, roles: Role[]): Promise<UserRecord> {
    const updated = await userStore.update(id, { roles: [...new Set(roles)].sort() });
    if (!updated) throw new NotFoundError('用户不存在');
    return updated;
  },

  /** Adds one role (e.g. merchant on approval) without touching the others. */
  async grantRole(id: string, role: Role): Promise<UserRecord> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const user = await userStore.get(id);
      if (!user) throw new NotFoundError('用户不存在');
      if (user.roles.includes(role)) return user;
      const updated = await userStore.update(id, { roles: [...user.roles, role].sort() }, user.updatedAt);
      if (updated) return updated;
    }
    throw new UnavailableError();
  },
};
