// 消息 (我的 → 消息): the user's in-app notices, written by the features when something happens to their things
// (functions/lib/inbox.ts), read and marked read here. docs/api/inbox.md.
import * as z from 'zod/mini';
import { isoInstant } from './common';

export const NOTICE_KINDS = [
  'event_promoted',
  'event_cancelled',
  'merchant_approved',
  'merchant_rejected',
  'message_rejected',
  'message_hidden',
  'service_request_moved',
  'booking_approved',
  'booking_declined',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What a tap opens: the event (with its id), the merchant page, the wall, my service requests, my bookings. */
export type NoticeTarget = 'event' | 'merchant' | 'wall' | 'service_requests' | 'bookings';

export interface Notice {
  id: string;
  kind: NoticeKind;
  /** Chinese, short: 候补转正, 活动已取消, 商户申请已通过 … */
  title: string;
  body: string;
  link: { to: NoticeTarget; id?: string };
  /** When it was written (ISO, UTC). */
  at: string;
  read: boolean;
}

/** Up to this many unread notices are counted exactly; more shows as 99+. */
export const UNREAD_COUNT_CAP = 100;

export interface InboxPage {
  items: Notice[];
  nextCursor: string | null;
  /** Unread notices, exact up to UNREAD_COUNT_CAP (then UNREAD_COUNT_CAP). */
  unread: number;
}

/** POST /v1/me/inbox/read: everything written at or before `upTo` (default: now) is read. */
export const markInboxReadSchema = /* @__PURE__ */ (() => z.strictObject({ upTo: z.optional(isoInstant) }))();
export type MarkInboxReadRequest = z.infer<typeof markInboxReadSchema>;

export interface MarkInboxReadReply {
  /** The read marker after the call (never moves back). */
  readUpTo: string;
  unread: number;
}
