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

export const loginRequestSchema = z.object({ code: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;
export interface LoginReply {
  token: string;
  user: User;
}

export const updateMeSchema = z
  .object({
    nickname: humanText(1, 20).optional(),
    identity: z.enum(IDENTITIES).optional(),
    phone: phoneSchema.optional(),
  })
  .strict();
export type UpdateMeRequest = z.input<typeof updateMeSchema>;

export const setRolesSchema = z.object({ roles: z.array(z.enum(ROLES)).max(3) }).strict();
export type SetRolesRequest = z.infer<typeof setRolesSchema>;

export interface UserReply {
  user: User;
}
