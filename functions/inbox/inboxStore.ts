// DynamoDB access for 消息: every read is a Query or a Get of the user's own partition on the base table, strongly
// consistent (a notice written a moment ago is in the list and the count at once); notices are written by
// functions/lib/inbox.ts only.
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditionalReturning, queryAll, queryPage, type Key, type Page } from '../lib/dynamo';
import {
  LAST_NOTICE_SK,
  NOTICE_SK_PREFIX,
  firstUnreadSk,
  inboxPk,
  noticeFromItem,
  readMarkerKey,
  type NoticeRecord,
} from './model';

const notices = (userId: string) => ({
  keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
  values: { ':pk': inboxPk(userId), ':prefix': NOTICE_SK_PREFIX },
  consistent: true,
});

export const inboxStore = {
  /** One page of the user's notices, newest first. */
  page(userId: string, limit: number, cursor?: string): Promise<Page<NoticeRecord>> {
    return queryPage({ ...notices(userId), newestFirst: true, limit, cursor }, noticeFromItem);
  },

  /** Every notice of the user, newest first (the personal-data export). */
  all(userId: string): Promise<NoticeRecord[]> {
    return queryAll({ ...notices(userId), newestFirst: true }, noticeFromItem);
  },

  /** The read marker: notices written at or before it are read; null before the first mark. */
  async lastReadAt(userId: string): Promise<string | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: readMarkerKey(userId), ConsistentRead: true }),
    );
    return (Item?.lastReadAt as string | undefined) ?? null;
  },

  /**
   * The unread notices (those above the marker), counted up to `cap`: one Query of the unread range alone with
   * Select COUNT — it reads only unread notices, and at most `cap` of them, however many notices the user has.
   */
  async unreadCount(userId: string, lastReadAt: string | null, cap: number): Promise<number> {
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': inboxPk(userId),
          ':from': firstUnreadSk(lastReadAt),
          ':to': LAST_NOTICE_SK,
        },
        ConsistentRead: true,
        Select: 'COUNT',
        Limit: cap,
      }),
    );
    return Math.min(reply.Count ?? 0, cap);
  },

  /** Moves the marker forward to `upTo` (never back): the marker after the call. */
  async markRead(userId: string, upTo: string): Promise<string> {
    const moved = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: readMarkerKey(userId),
        UpdateExpression: 'SET lastReadAt = :upTo, #type = :type',
        ConditionExpression: 'attribute_not_exists(lastReadAt) OR lastReadAt < :upTo',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':upTo': upTo, ':type': 'inbox_read' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (moved) return moved.lastReadAt as string;
    return (await this.lastReadAt(userId)) ?? upTo;
  },

  /** The keys of everything in the user's partition: claims, notices, the marker (account closing). */
  allKeys(userId: string): Promise<Key[]> {
    return queryAll(
      {
        keyCondition: 'pk = :pk',
        values: { ':pk': inboxPk(userId) },
        consistent: true,
        projection: 'pk, sk',
      },
      (item) => ({ pk: item.pk as string, sk: item.sk as string }),
    );
  },

  async remove(key: Key): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
  },
};
