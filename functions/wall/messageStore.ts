// DynamoDB access for messages. Conditions live here; a failed condition becomes a domain outcome (null / false),
// never an exception for the caller.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../shared/api/common';
import type { MessageStatus, ModerationRecord } from '../../shared/api/wall';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryPage } from '../lib/dynamo';
import {
  FEED_PUBLISHED,
  FEED_REJECTED,
  QUEUE_PENDING,
  fromMessageItem,
  messageKey,
  orderKey,
  toMessageItem,
  type MessageRecord,
} from './model';

export interface Transition {
  from: MessageStatus;
  to: 'published' | 'rejected';
  moderation: ModerationRecord;
  reason: string | null;
  now: string;
}

export const messageStore = {
  async create(m: MessageRecord): Promise<void> {
    const created = await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: toMessageItem(m),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (!created) throw new Error(`message ${m.id} already exists`);
  },

  async get(id: string): Promise<MessageRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: messageKey(id), ConsistentRead: true }),
    );
    return Item ? fromMessageItem(Item) : null;
  },

  /**
   * The messages of one status: pending is the moderation queue, oldest first (first come, first reviewed);
   * published (the wall) and rejected are newest first.
   */
  async listByStatus(status: MessageStatus, page: PageQuery): Promise<Page<MessageRecord>> {
    if (status === 'pending')
      return queryPage(
        {
          index: 'byQueue',
          keyCondition: 'queuePk = :queue',
          values: { ':queue': QUEUE_PENDING },
          limit: page.limit,
          cursor: page.cursor,
        },
        fromMessageItem,
      );
    const feed = status === 'published' ? FEED_PUBLISHED : FEED_REJECTED;
    return queryPage(
      {
        index: 'byFeed',
        keyCondition: 'feedPk = :feed',
        values: { ':feed': feed },
        newestFirst: true,
        limit: page.limit,
        cursor: page.cursor,
      },
      fromMessageItem,
    );
  },

  /** One author's messages in every status, newest first. */
  async listByAuthor(authorId: string, page: PageQuery): Promise<Page<MessageRecord>> {
    const owner = `USER#${authorId}`;
    return queryPage(
      {
        index: 'byOwner',
        keyCondition: 'ownerPk = :owner AND begins_with(ownerSk, :messages)',
        values: { ':owner': owner, ':messages': 'MSG#' },
        newestFirst: true,
        // The author's partition also holds other features' lists: a cursor of theirs is not one of these.
        scope: `byOwner|MSG|${owner}`,
        limit: page.limit,
        cursor: page.cursor,
      },
      fromMessageItem,
    );
  },

  /**
   * The author's account was closed: the message stays (text, status, likes) with no author — nickname and author id
   * removed, and off the author's list (byOwner), so a repeat finds it no more. False when it no longer exists.
   */
  eraseAuthor(id: string, authorId: string, now: string): Promise<boolean> {
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: messageKey(id),
        UpdateExpression:
          'SET authorNickname = :none, updatedAt = :now, authorErasedAt = :now REMOVE authorId, ownerPk, ownerSk',
        ConditionExpression: 'authorId = :author',
        ExpressionAttributeValues: { ':none': '', ':now': now, ':author': authorId },
      }),
    );
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
    const updated = await conditionalReturning(
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
    return updated ? fromMessageItem(updated) : null;
  },

  /** Deletes the message; with `authorId`, only if that user wrote it. Returns the deleted message or null. */
  async delete(id: string, authorId?: string): Promise<MessageRecord | null> {
    const deleted = await conditionalReturning(
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
    return deleted ? fromMessageItem(deleted) : null;
  },
};
