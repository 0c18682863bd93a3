// 消息: my notices and marking them read, typed by the shared schemas (shared/api/inbox.ts).
import type { InboxPage, MarkInboxReadReply, MarkInboxReadRequest } from '@shared/api/inbox';
import { api } from './client';

export const inboxApi = {
  /** A page of notices, newest first, with the unread count (limit 1 for the badge alone). */
  page: (cursor?: string | null, limit = 20) => api.get<InboxPage>('/me/inbox', { limit, cursor }),
  /** Everything written at or before `upTo` (default: now) is read. */
  markRead: (request: MarkInboxReadRequest = {}) => api.post<MarkInboxReadReply>('/me/inbox/read', request),
};
