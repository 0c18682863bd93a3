// DynamoDB access for messages and the wall setting. Conditions live here; a failed condition becomes a
// domain outcome (null / false), never an exception for the caller.
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { MessageStatus, ModerationRecord } from '../../shared/api/wall';
import { db, isConditionFailed, tableName } from '../lib/db';
import {
  FEED_PUBLISHED,
  FEED_REJECTED,
  QUEUE_PENDING,
  fromMessageItem,
  messageKey,
  orderKey,
  ownerIndex,
  settingKey,
  type MessageRecord,
  type WallSettingRecord,
} from './model';

export interface PageRequest {
  limit: number;
  startKey?: Record<string, unknown>;
}

export interface PageResult<T> {
  items: T[];
  lastKey?: Record<string, unknown>;
}

function indexAttributesFor(m: MessageRecord): Record<string, string> {
  const order = orderKey(m);
  if (m.status === 'published') return { feedPk: FEED_PUBLISHED, feedSk: order };
  if (m.status === 'rejected') return { feedPk: FEED_REJECTED, feedSk: order };
  return { queuePk: QUEUE_PENDING, queueSk: order };
}

export interface Transition {
  from: MessageStatus;
  to: 'published' | 'rejected';
  moderation: ModerationRecord;
  reason: string | null;
  now: string;
}

export const messageStore = {
  async create(m: MessageRecord): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...messageKey(m.id), type: 'wall_message', ...m, ...ownerIndex(m), ...indexAttributesFor(m) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(id: string): Promise<MessageRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: messageKey(id), ConsistentRead: true }),
    );
    return Item ? fromMessageItem(Item) : null;
  },

  /**
   * Moves a message from one status to another if it is still in `from`; null if it was not.
   * The like-intent marker on byQueue is only ever present on published messages, so it is left alone unless the
   * message leaves the pending queue.
   */
  async transition(m: MessageRecord, t: Transition): Promise<MessageRecord | null> {
    const sets = [
      '#status = :to',
      'feedPk = :feedPk',
      'feedSk = :feedSk',
      'moderation = :moderation',
      'updatedAt = :now',
    ];
    const removes: string[] = [];
    const values: Record<string, unknown> = {
      ':from': t.from,
      ':to': t.to,
      ':feedPk': t.to === 'published' ? FEED_PUBLISHED : FEED_REJECTED,
      ':feedSk': orderKey(m),
      ':moderation': t.moderation,
      ':now': t.now,
    };
    if (t.to === 'published') {
      sets.push('publishedAt = if_not_exists(publishedAt, :now)');
      removes.push('reason');
    } else {
      sets.push('reason = :reason');
      values[':reason'] = t.reason;
    }
    if (t.from === 'pending') removes.push('queuePk', 'queueSk');
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: messageKey(m.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND #status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromMessageItem(Attributes) : null;
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  /** Deletes the message; with `authorId`, only if that user wrote it. Returns the deleted message or null. */
  async delete(id: string, authorId?: string): Promise<MessageRecord | null> {
    try {
      const { Attributes } = await db().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: messageKey(id),
          ConditionExpression: authorId
            ? 'attribute_exists(pk) AND authorId = :author'
            : 'attribute_exists(pk)',
          ExpressionAttributeValues: authorId ? { ':author': authorId } : undefined,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? fromMessageItem(Attributes) : null;
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },

  /** Removes the like items of a deleted message (they are unreachable once the message is gone). */
  async deleteLikeItems(id: string): Promise<number> {
    let removed = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :like)',
          ExpressionAttributeValues: { ':pk': `MSG#${id}`, ':like': 'LIKE#' },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
          Limit: 25,
        }),
      );
      const keys = (page.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk }));
      let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
      while (pending.length > 0) {
        const res = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (res.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
      removed += keys.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return removed;
  },

  async queryIndex(
    index: 'byFeed' | 'byQueue' | 'byOwner',
    partition: string,
    page: PageRequest,
    options: { newestFirst: boolean; sortPrefix?: string },
  ): Promise<PageResult<MessageRecord>> {
    const names = {
      byFeed: ['feedPk', 'feedSk'],
      byQueue: ['queuePk', 'queueSk'],
      byOwner: ['ownerPk', 'ownerSk'],
    }[index];
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: options.sortPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: options.sortPrefix
          ? { '#pk': names[0], '#sk': names[1] }
          : { '#pk': names[0] },
        ExpressionAttributeValues: options.sortPrefix
          ? { ':pk': partition, ':prefix': options.sortPrefix }
          : { ':pk': partition },
        ScanIndexForward: !options.newestFirst,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (res.Items ?? []).map(fromMessageItem), lastKey: res.LastEvaluatedKey };
  },
};

export const settingStore = {
  async get(): Promise<WallSettingRecord | null> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: settingKey() }));
    return Item
      ? { moderation: Item.moderation, updatedAt: Item.updatedAt, updatedBy: Item.updatedBy }
      : null;
  },

  async put(setting: WallSettingRecord): Promise<void> {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...settingKey(), type: 'wall_setting', ...setting } }),
    );
  },
};
