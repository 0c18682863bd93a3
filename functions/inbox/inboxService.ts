// 消息: the user's notices, newest first, with the exact unread count; marking read moves one marker forward.
import { UNREAD_COUNT_CAP, type InboxPage } from '../../shared/api/inbox';
import { inboxStore } from './inboxStore';
import { toNotice } from './views';

export const inboxService = {
  /** A page of notices (each `read` or not by the marker) and the unread count of the whole inbox. */
  async page(userId: string, limit: number, cursor?: string): Promise<InboxPage> {
    const lastReadAt = await inboxStore.lastReadAt(userId);
    const [page, unread] = await Promise.all([
      inboxStore.page(userId, limit, cursor),
      inboxStore.unreadCount(userId, lastReadAt, UNREAD_COUNT_CAP),
    ]);
    return {
      items: page.items.map((n) => toNotice(n, lastReadAt)),
      nextCursor: page.nextCursor,
      unread,
    };
  },

  /**
   * Everything written at or before `upTo` (default and at most: now) is read. Idempotent, and never moves the
   * marker back, so an older `upTo` (a page open in another tab) changes nothing.
   */
  async markRead(userId: string, upTo?: string): Promise<{ readUpTo: string; unread: number }> {
    const now = new Date().toISOString();
    const wanted = upTo ? new Date(Math.min(Date.parse(upTo), Date.parse(now))).toISOString() : now;
    const readUpTo = await inboxStore.markRead(userId, wanted);
    return { readUpTo, unread: await inboxStore.unreadCount(userId, readUpTo, UNREAD_COUNT_CAP) };
  },
};
