// Who is calling: the signed-in user's profile record and effective roles, read from the base table on every
// request (ConsistentRead, so a role granted or revoked applies from the next request). The users feature owns
// editing profiles; this ground-floor module owns only the record's shape and key, so the HTTP layer can
// authenticate without depending on a feature.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity, Role } from '../../shared/api/users';
import { config } from './config';
import { db, tableName } from './db';

export interface UserRecord {
  id: string;
  openid: string;
  nickname: string;
  identity: Identity | null;
  phone: string | null;
  roles: Role[];
  createdAt: string;
  updatedAt: string;
  /**
   * When the account was closed (DELETE /v1/me). From then on every token of this id is refused (http/auth.ts reads
   * this record on every request anyway: no extra read), and signing in again starts a new account (users/signIn).
   */
  closedAt?: string | null;
  /** The name staff call out (PATCH /v1/me realName); absent until set. */
  realName?: string;
  /** The profile picture's version (functions/users/avatarSteps.ts): absent when there is none. */
  avatarVersion?: string;
}

export interface CurrentUser extends UserRecord {
  /** Effective roles: stored roles plus admin from ADMIN_OPENIDS. */
  roles: Role[];
}

/** One item per user: pk USER#<id>, sk PROFILE. */
export const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' });

export function userFromItem(item: Record<string, unknown>): UserRecord {
  return {
    id: item.id as string,
    openid: item.openid as string,
    nickname: item.nickname as string,
    identity: (item.identity as Identity | undefined) ?? null,
    phone: (item.phone as string | undefined) ?? null,
    roles: (item.roles as Role[] | undefined) ?? [],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    ...(item.closedAt ? { closedAt: item.closedAt as string } : {}),
    ...(item.realName ? { realName: item.realName as string } : {}),
    ...(item.avatarVersion ? { avatarVersion: item.avatarVersion as string } : {}),
  };
}

/** True once the account was closed: its tokens are refused and its openid signs in to a new account. */
export function isClosed(record: Pick<UserRecord, 'closedAt'>): boolean {
  return !!record.closedAt;
}

export function effectiveRoles(record: UserRecord): Role[] {
  const roles = new Set<Role>(record.roles);
  if (config.adminOpenids().includes(record.openid)) roles.add('admin');
  return [...roles].sort();
}

export function hasRole(user: { roles: Role[] }, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}

export async function readUserRecord(id: string): Promise<UserRecord | null> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: userKey(id), ConsistentRead: true }),
  );
  return Item ? userFromItem(Item) : null;
}

/** The caller behind a verified session token, or null when the account no longer exists. */
export async function loadCurrentUser(id: string): Promise<CurrentUser | null> {
  const record = await readUserRecord(id);
  return record ? { ...record, roles: effectiveRoles(record) } : null;
}
