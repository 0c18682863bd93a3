import * as z from 'zod';
import { humanText, phoneSchema } from './common';

export const IDENTITIES = ['party_member', 'employee', 'outdoor_worker', 'resident', 'parent'] as const;
export type Identity = (typeof IDENTITIES)[number];
export const ROLES = ['admin', 'staff', 'merchant'] as const;
export type Role = (typeof ROLES)[number];

export const IDENTITY_LABELS: Record<Identity, string> = {
  party_member: '党员',
  employee: '企业职工',
  outdoor_worker: '环卫及户外劳动者',
  resident: '居民',
  parent: '家长',
};

export interface User {
  id: string;
  nickname: string;
  identity: Identity | null;
  roles: Role[];
  /** Only ever returned to the user themself. */
  phone?: string | null;
}

export const loginRequestSchema = /* @__PURE__ */ (() => z.object({ code: z.string().min(1).max(256) }))();
export type LoginRequest = z.infer<typeof loginRequestSchema>;
export interface LoginReply {
  token: string;
  user: User;
}

export const updateMeSchema = /* @__PURE__ */ (() =>
  z
    .object({
      nickname: humanText(1, 20).optional(),
      identity: z.enum(IDENTITIES).optional(),
      phone: phoneSchema.optional(),
    })
    .strict())();
export type UpdateMeRequest = z.input<typeof updateMeSchema>;

export const setRolesSchema = /* @__PURE__ */ (() =>
  z.object({ roles: z.array(z.enum(ROLES)).max(3) }).strict())();
export type SetRolesRequest = z.infer<typeof setRolesSchema>;

export interface UserReply {
  user: User;
}

/**
 * The version of the privacy policy (and its children's-information rules) a guardian agrees to on a youth sign-up.
 * A sign-up carrying another version is refused (422), so consent is always to the text now in force.
 */
export const PRIVACY_POLICY_VERSION = '2026-11-30';

/** The nickname a closed account's records show where one is still needed (signups kept for seat counts). */
export const CLOSED_ACCOUNT_NICKNAME = '已注销用户';

/** GET /v1/me/export: everything stored about the caller, one section per feature (see docs/api/users.md). */
export interface MyDataExport {
  exportedAt: string;
  profile: User & { phone: string | null; createdAt: string; updatedAt: string };
  /** Section name → that feature's records of the caller (signups, checkins, messages, claims, and later ones). */
  [section: string]: unknown;
}
