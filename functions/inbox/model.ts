// The items of 消息, one partition per user on the base table (keys and the writer in functions/lib/inbox.ts):
//   claim   pk INBOX#<userId>  sk KEY#<noticeId>        the notice's time, fixed by its first writer
//   notice  pk INBOX#<userId>  sk N#<at>#<noticeId>     the list, newest first (Query, ScanIndexForward false)
//   marker  pk INBOX#<userId>  sk READ                  lastReadAt: the notices at or before it are read
// Sort keys order KEY# < N# < READ.
import type { Item } from '../lib/dynamo';
import type { NoticeRecord } from '../lib/inbox';

export { inboxPk, noticeSk, readMarkerKey, NOTICE_SK_PREFIX, type NoticeRecord } from '../lib/inbox';

/** The lowest sort key above every notice written at or before `lastReadAt` ('~' sorts after any id). */
export const firstUnreadSk = (lastReadAt: string | null) => (lastReadAt ? `N#${lastReadAt}#~` : 'N#');
/** Above every notice's sort key. */
export const LAST_NOTICE_SK = 'N#~';

export function noticeFromItem(item: Item): NoticeRecord {
  return {
    id: item.id as string,
    userId: item.userId as string,
    kind: item.kind as NoticeRecord['kind'],
    title: item.title as string,
    body: item.body as string,
    link: item.link as NoticeRecord['link'],
    at: item.at as string,
  };
}
