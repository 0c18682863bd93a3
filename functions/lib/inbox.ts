// The in-app notices of 消息 (我的 → 消息): what a feature writes, with one call, when something happens to a user's
// thing (waitlist promoted, event cancelled by staff, merchant application decided, message rejected, a service
// request or venue booking decided). Read, marked read and erased by functions/inbox/. Items, in one partition per
// user on the base table (so the list and the unread count are Queries, never a Scan and never an index):
//   claim   pk INBOX#<userId>  sk KEY#<noticeId>            { at }: the notice's time, fixed by its first writer
//   notice  pk INBOX#<userId>  sk N#<at>#<noticeId>         the notice itself, newest last in sort order
//   marker  pk INBOX#<userId>  sk READ                      { lastReadAt }: everything at or before it is read
// A notice id is deterministic in the feature (inbox.<kind>.<subject>.<transition>), so a retried or repeated
// transition writes one notice. Step order of `notify`:
//   1 claim   put IF attribute_not_exists   (taken: read the claim's `at` — an earlier attempt's, or a twin's)
//             └ crash → a claim without its notice; the writer's repair (the transition's retry, or its finisher)
//               calls notify again, which reads the claim and writes step 2 with the same time
//   2 notice  put IF attribute_not_exists   (same key for every attempt: written once)
// Writers call `notify` only after the state change it announces is durable (never before), and from a place that
// their own repair (retry or reconciler) passes again; each call site says which.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db';
import { conditional } from './dynamo';
import { failpoint } from './faults';
import { isClosed, readUserRecord } from './principal';

export type NoticeKind =
  | 'event_promoted'
  | 'event_cancelled'
  | 'merchant_approved'
  | 'merchant_rejected'
  | 'message_rejected'
  | 'message_hidden'
  | 'service_request_moved'
  | 'booking_approved'
  | 'booking_declined';

/** What a tap on the notice opens (the mini-program maps it to a page). */
export interface NoticeLink {
  to: 'event' | 'merchant' | 'wall' | 'service_requests' | 'bookings';
  /** The thing's id, where the page shows one thing (an event). */
  id?: string;
}

export interface NewNotice {
  /** Deterministic: inbox.<kind>.<subject>.<transition>. */
  id: string;
  userId: string;
  kind: NoticeKind;
  /** Chinese, short: 候补转正, 活动已取消 … */
  title: string;
  /** Chinese, one or two sentences. */
  body: string;
  link: NoticeLink;
}

export interface NoticeRecord extends NewNotice {
  /** When the notice was first written (its place in the list). */
  at: string;
}

export const INBOX_PK_PREFIX = 'INBOX#';
export const NOTICE_SK_PREFIX = 'N#';
export const inboxPk = (userId: string) => `${INBOX_PK_PREFIX}${userId}`;
export const claimKey = (userId: string, noticeId: string) => ({
  pk: inboxPk(userId),
  sk: `KEY#${noticeId}`,
});
export const noticeSk = (at: string, noticeId: string) => `${NOTICE_SK_PREFIX}${at}#${noticeId}`;
export const readMarkerKey = (userId: string) => ({ pk: inboxPk(userId), sk: 'READ' });

/** Steps 1–2 above. True when this call wrote the notice's claim (false: it was there, or the account is closed). */
export async function notify(notice: NewNotice, now = Date.now()): Promise<boolean> {
  // A closed account keeps nothing: no notice is written to it (its inbox was erased when it closed).
  const user = await readUserRecord(notice.userId);
  if (!user || isClosed(user)) return false;
  const key = claimKey(notice.userId, notice.id);
  let at = new Date(now).toISOString();
  const claimed = await conditional(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key, type: 'inbox_claim', noticeId: notice.id, at },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  if (!claimed) {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    at = (Item?.at as string | undefined) ?? at;
  }
  failpoint('inbox.notify.afterClaimed');
  const record: NoticeRecord = { ...notice, at };
  await conditional(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: inboxPk(notice.userId), sk: noticeSk(at, notice.id), type: 'inbox_notice', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return claimed;
}

/** Many notices (e.g. everyone signed up to a cancelled event), a few at a time. How many were new. */
export async function notifyAll(notices: NewNotice[], concurrency = 8): Promise<number> {
  let written = 0;
  for (let i = 0; i < notices.length; i += concurrency) {
    const done = await Promise.all(notices.slice(i, i + concurrency).map((n) => notify(n)));
    written += done.filter(Boolean).length;
  }
  return written;
}
