import * as z from 'zod/mini';
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
  /**
   * The name staff can call out (roll-call), beside the nickname; only ever returned to the user themself.
   * Null until set.
   */
  realName?: string | null;
  /**
   * The profile picture, origin-relative (`/v1/users/{id}/avatar?v=<version>`; the mini-program puts its API origin in
   * front), or null (the client draws its default). The version changes with the picture.
   */
  avatarUrl: string | null;
}

export const loginRequestSchema = /* @__PURE__ */ (() =>
  z.object({ code: z.string().check(z.minLength(1), z.maxLength(256)) }))();
export type LoginRequest = z.infer<typeof loginRequestSchema>;
export interface LoginReply {
  token: string;
  user: User;
}

/** A person's real name as staff would call it out: trimmed, 1–20 characters, letters (any script), · and spaces. */
export const realNameSchema = /* @__PURE__ */ (() =>
  z.pipe(z.string({ message: '姓名应为文字' }), humanText(1, 20)).check(
    z.refine((name) => /^[\p{L}\p{M}·・.' -]*$/u.test(name), {
      message: '姓名只能包含文字、间隔号“·”和空格',
    }),
  ))();

export const updateMeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    nickname: z.optional(humanText(1, 20)),
    identity: z.optional(z.enum(IDENTITIES)),
    phone: z.optional(phoneSchema),
    /** null removes it. */
    realName: z.optional(z.nullable(realNameSchema)),
  }))();
export type UpdateMeRequest = z.input<typeof updateMeSchema>;

export const setRolesSchema = /* @__PURE__ */ (() =>
  z.strictObject({ roles: z.array(z.enum(ROLES)).check(z.maxLength(3)) }))();
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

/** A profile picture is at most this many bytes (decoded): the client sends a small square (132×132 JPEG). */
export const AVATAR_MAX_BYTES = 24 * 1024;

/** The image types accepted, by the first bytes their base64 text starts with (JPEG FF D8 FF, PNG's signature). */
export const AVATAR_TYPES = [
  { contentType: 'image/jpeg', base64Prefix: '/9j/' },
  { contentType: 'image/png', base64Prefix: 'iVBORw0KGgo' },
] as const;

/** Bytes a base64 text decodes to (padding counted out). */
export const base64DecodedBytes = (b64: string) =>
  Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/**
 * PUT /v1/me/avatar `{image}`: base64 of a JPEG or PNG (a `data:image/…;base64,` prefix is accepted and dropped),
 * ≤ AVATAR_MAX_BYTES decoded. The server decodes it and checks its bytes again.
 */
export const avatarUploadSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    image: z
      .pipe(
        z
          .string({ message: '请选择头像图片' })
          .check(z.maxLength(AVATAR_MAX_BYTES * 2, '头像图片不能超过 24 KB')),
        z.transform((s: string) => s.replace(/^data:image\/[a-z]+;base64,/, '').replace(/\s+/g, '')),
      )
      .check(
        z.refine((s) => s.length > 0, '请选择头像图片'),
        z.refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && s.length % 4 === 0, '图片数据无效'),
        z.refine((s) => base64DecodedBytes(s) <= AVATAR_MAX_BYTES, '头像图片不能超过 24 KB'),
        z.refine((s) => AVATAR_TYPES.some((t) => s.startsWith(t.base64Prefix)), '只支持 JPG 或 PNG 图片'),
      ),
  }))();
export type AvatarUploadRequest = z.input<typeof avatarUploadSchema>;

/** GET /v1/users/{id}/avatar?v=<version>: the version is the one in the profile's avatarUrl. */
export const avatarQuerySchema = /* @__PURE__ */ (() =>
  z.object({ v: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, '版本号无效')) }))();
