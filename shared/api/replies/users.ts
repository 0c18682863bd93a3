// Reply schemas of users and sign-in (see ./common.ts).
import * as z from 'zod';
import { IDENTITIES, ROLES, type LoginReply, type MyDataExport, type User, type UserReply } from '../users';
import { claimSchema, merchantSchema } from './alliance';
import { instant, type Expect, type RouteReplies, type Same } from './common';
import { signupViewSchema } from './events';
import { noticeSchema } from './inbox';
import { dutyAppointmentSchema, serviceRequestSchema } from './services';
import { checkinSchema } from './spaces';
import { bookingSchema } from './venues';
import { messageSchema } from './wall';

export const userSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    nickname: z.string(),
    identity: z.enum(IDENTITIES).nullable(),
    roles: z.array(z.enum(ROLES)),
    phone: z.string().nullable().optional(),
    realName: z.string().nullable().optional(),
    /** Origin-relative (`/v1/users/{id}/avatar?v=…`), or null. */
    avatarUrl: z
      .string()
      .regex(/^\/v1\/users\//)
      .nullable(),
  }))();

export const userReplySchema = /* @__PURE__ */ (() => z.object({ user: userSchema }))();
export const loginReplySchema = /* @__PURE__ */ (() => z.object({ token: z.string(), user: userSchema }))();

/**
 * The profile, then one section per feature (functions/users/accountData.ts): each a list of that feature's records
 * of the caller, in the shape its own replies have. A section not named here is a list of anything.
 */
export const myDataExportSchema = /* @__PURE__ */ (() =>
  z
    .object({
      exportedAt: instant,
      profile: userSchema.extend({ phone: z.string().nullable(), createdAt: instant, updatedAt: instant }),
      signups: z.array(signupViewSchema.extend({ guardianPhone: z.string().optional() })),
      checkins: z.array(checkinSchema),
      messages: z.array(messageSchema),
      claims: z.array(claimSchema),
      merchantApplications: z.array(merchantSchema),
      bookings: z.array(bookingSchema),
      serviceRequests: z.array(serviceRequestSchema),
      appointments: z.array(dutyAppointmentSchema),
      inbox: z.array(noticeSchema),
    })
    .catchall(z.array(z.unknown())))();

export type UserReplyChecks = [
  Expect<Same<z.output<typeof userSchema>, User>>,
  Expect<Same<z.output<typeof userReplySchema>, UserReply>>,
  Expect<Same<z.output<typeof loginReplySchema>, LoginReply>>,
];
// MyDataExport is open (`[section: string]: unknown`); its schema says each section is a list.
export type ExportAssignable = Expect<
  z.output<typeof myDataExportSchema> extends MyDataExport ? true : false
>;

export const usersReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'POST /v1/auth/login': loginReplySchema,
  'GET /v1/me': userReplySchema,
  'PATCH /v1/me': userReplySchema,
  'PUT /v1/admin/users/{userId}/roles': userReplySchema,
  'GET /v1/me/export': myDataExportSchema,
  'PUT /v1/me/avatar': userReplySchema,
  'DELETE /v1/me/avatar': userReplySchema,
}))();
