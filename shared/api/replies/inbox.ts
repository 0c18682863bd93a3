// Reply schemas of 消息 (see ./common.ts).
import * as z from 'zod';
import { NOTICE_KINDS, type InboxPage, type MarkInboxReadReply, type Notice } from '../inbox';
import { count, instant, type Expect, type RouteReplies, type Same } from './common';

export const noticeSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    kind: z.enum(NOTICE_KINDS),
    title: z.string(),
    body: z.string(),
    link: z.object({
      to: z.enum(['event', 'merchant', 'wall', 'service_requests', 'bookings']),
      id: z.string().optional(),
    }),
    at: instant,
    read: z.boolean(),
  }))();

export const inboxPageSchema = /* @__PURE__ */ (() =>
  z.object({ items: z.array(noticeSchema), nextCursor: z.string().nullable(), unread: count }))();

export const markInboxReadReplySchema = /* @__PURE__ */ (() =>
  z.object({ readUpTo: instant, unread: count }))();

export type InboxReplyChecks = [
  Expect<Same<z.output<typeof noticeSchema>, Notice>>,
  Expect<Same<z.output<typeof inboxPageSchema>, InboxPage>>,
  Expect<Same<z.output<typeof markInboxReadReplySchema>, MarkInboxReadReply>>,
];

export const inboxReplies: RouteReplies = /* @__PURE__ */ (() => ({
  'GET /v1/me/inbox': inboxPageSchema,
  'POST /v1/me/inbox/read': markInboxReadReplySchema,
}))();
