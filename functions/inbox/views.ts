// Replies of 消息: a stored notice as the contract's Notice (shared/api/inbox.ts), read or not by the user's marker.
import type { Notice } from '../../shared/api/inbox';
import type { NoticeRecord } from './model';

export function toNotice(record: NoticeRecord, lastReadAt: string | null): Notice {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    body: record.body,
    link: record.link.id ? { to: record.link.to, id: record.link.id } : { to: record.link.to },
    at: record.at,
    read: lastReadAt !== null && record.at <= lastReadAt,
  };
}
