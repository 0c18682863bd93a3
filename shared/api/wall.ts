// Message wall (寄语墙): request schemas and reply types, shared by the handlers and the mini-program.
// The contract is the "Message wall" section of API.md; additions are documented in docs/api/wall.md.
import * as z from 'zod/mini';
import { humanText, idPathParams, multilineText, pageQuerySchema } from './common';

export const MESSAGE_TEXT_MAX = 200;
export const MESSAGE_STATUSES = ['pending', 'published', 'rejected'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];
export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  pending: '审核中',
  published: '已上墙',
  rejected: '未通过',
};
export const MODERATION_MODE_LABELS: Record<ModerationMode, string> = {
  pre: '先审后发',
  post: '先发后审',
};

/** Characters as a person counts them (code points): an emoji or a Chinese character is one. */
export function countCharacters(text: string): number {
  return [...text.trim()].length;
}

export const postMessageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    text: multilineText(1, MESSAGE_TEXT_MAX),
    anonymous: z._default(z.boolean(), false),
  }))();
export type PostMessageRequest = z.input<typeof postMessageSchema>;

/** Ids are opaque strings (API.md): one the store does not hold answers 404 from the lookup, whatever its form. */
export const messageIdParamsSchema = idPathParams;

export const wallPageQuerySchema = pageQuerySchema;

export const adminMessagesQuerySchema = /* @__PURE__ */ (() =>
  z.extend(pageQuerySchema, {
    status: z._default(z.enum(MESSAGE_STATUSES), 'pending'),
  }))();
export type AdminMessagesQuery = z.input<typeof adminMessagesQuerySchema>;

export const decisionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    decision: z.enum(DECISIONS),
    reason: z.optional(humanText(1, 100)),
  }))();
export type DecisionRequest = z.input<typeof decisionSchema>;

export const wallSettingsSchema = /* @__PURE__ */ (() =>
  z.strictObject({ moderation: z.enum(MODERATION_MODES) }))();
export type WallSettingsRequest = z.input<typeof wallSettingsSchema>;

export interface MessageAuthor {
  nickname: string;
  /** Only in staff replies. */
  userId?: string;
}

/** Staff-only record of the last moderation decision. */
export interface ModerationRecord {
  action: 'approved' | 'rejected' | 'hidden';
  reason: string | null;
  by: string;
  at: string;
}

export interface Message {
  id: string;
  text: string;
  /** null when posted anonymously, except for the author themself and for staff. */
  author: MessageAuthor | null;
  status: MessageStatus;
  likes: number;
  likedByMe: boolean;
  createdAt: string;
  /** Additions (docs/api/wall.md). */
  anonymous: boolean;
  mine: boolean;
  /** Why it was rejected or hidden: shown to the author and staff only, otherwise null. */
  reason: string | null;
  /** Staff replies only: the content check's verdict and the last decision. */
  check?: { provider: 'local' | 'wechat'; suggest: 'pass' | 'review'; label: string | null };
  moderation?: ModerationRecord | null;
}

export interface MessageReply {
  message: Message;
}

export interface LikeReply {
  likes: number;
  likedByMe: boolean;
}

export interface WallSettings {
  moderation: ModerationMode;
  /** `setting` when staff chose it, `default` when it comes from the environment (WALL_MODERATION). */
  source: 'setting' | 'default';
  updatedAt: string | null;
}
