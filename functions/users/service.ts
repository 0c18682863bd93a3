// Profiles and roles. Roles are read from the store on every request; ADMIN_OPENIDS always grants admin.
import type { Role, User, UpdateMeRequest } from '../../shared/api/users';
import { config } from '../lib/config';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { stableId } from '../lib/ids';
import { userStore, type UserRecord } from './store';

export interface CurrentUser extends UserRecord {
  /** Effective roles: stored roles plus admin from ADMIN_OPENIDS. */
  roles: Role[];
}

export function effectiveRoles(record: UserRecord): Role[] {
  const roles = new Set<Role>(record.roles);
  if (config.adminOpenids().includes(record.openid)) roles.add('admin');
  return [...roles].sort();
}

export function toPublicUser(user: UserRecord, includePrivate = false): User {
  return {
    id: user.id,
    nickname: user.nickname,
    identity: user.identity,
    roles: effectiveRoles(user),
    ...(includePrivate ? { phone: user.phone } : {}),
  };
}

export function hasRole(user: { roles: Role[] }, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}

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
      nickname: `商圈用户${id.slice(-4).toUpperCase()}`,
      identity: null,
      phone: null,
      roles: [],
      createdAt: now,
      updatedAt: now,
    });
  },

  async current(id: string): Promise<CurrentUser | null> {
    const record = await userStore.get(id);
    return record ? { ...record, roles: effectiveRoles(record) } : null;
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
