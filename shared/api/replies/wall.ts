// Reply schemas of the message wall (see ./common.ts).
import * as z from 'zod';
import {
  MESSAGE_STATUSES,
  MODERATION_MODES,
  type LikeReply,
  type Message,
  type MessageReply,
  type WallSettings,
} from '../wall';
import { count, instant, pageOf, type Expect, type RouteReplies, type Same } from './common';

export const messageSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    text: z.string(),
    author: z.object({ nickname: z.string(), userId: z.string().optional() }).nullable(),
    status: z.enum(MESSAGE_STATUSES),
    likes: count,
    likedByMe: z.boolean(),
    createdAt: instant,
    anonymous: z.boolean(),
    mine: z.boolean(),
    reason: z.string().nullable(),
    check: z
      .object({
        provider: z.enum(['local', 'wechat']),
        suggest: z.enum(['pass', 'review']),
        label: z.string().nullable(),
      })
      .optional(),
    moderation: z
      .object({
        action: z.enum(['approved', 'rejected', 'hidden']),
        reason: z.string().nullable(),
        by: z.string(),
        at: instant,
      })
      .nullable()
      .optional(),
  }))();

export const messageReplySchema = /* @__PURE__ */ (() => z.object({ message: messageSchema }))();
export const likeReplySchema = /* @__PURE__ */ (() => z.object({ likes: count, likedByMe: z.boolean() }))();
export const wallSettingsSchema = /* @__PURE__ */ (() =>
  z.object({
    moderation: z.enum(MODERATION_MODES),
    source: z.enum(['setting', 'default']),
    updatedAt: instant.nullable(),
  }))();
const settingsReply = /* @__PURE__ */ (() => z.object({ settings: wallSettingsSchema }))();

export type WallReplyChecks = [
  Expect<Same<z.output<typeof messageSchema>, Message>>,
  Expect<Same<z.output<typeof messageReplySchema>, MessageReply>>,
  Expect<Same<z.output<typeof likeReplySchema>, LikeReply>>,
  Expect<Same<z.output<typeof wallSettingsSchema>, WallSettings>>,
];

export const wallReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'POST /v1/messages': messageReplySchema,
  'GET /v1/messages': pageOf(messageSchema),
  'GET /v1/me/messages': pageOf(messageSchema),
  'PUT /v1/messages/{id}/like': likeReplySchema,
  'DELETE /v1/messages/{id}/like': likeReplySchema,
  'GET /v1/admin/messages': pageOf(messageSchema),
  'POST /v1/admin/messages/{id}/decision': messageReplySchema,
  'GET /v1/admin/settings/wall': settingsReply,
  'PUT /v1/admin/settings/wall': settingsReply,
}))();
