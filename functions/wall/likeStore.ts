// DynamoDB access for likes: the like items, and the counter with its in-flight intents on the message item.
import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../lib/db';
import { FEED_PUBLISHED, QUEUE_LIKE_INTENTS, likeKey, messageKey, type LikeIntent } from './model';

export interface LikeRecord {
  userId: string;
  liked: boolean;
  /** The intent id of the operation that last changed this item. */
  opId: string | null;
}

type UpdateInput = Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>;

/** A conditional update: the new item (or {} when no values are asked for), or null when the condition failed. */
async function update(input: UpdateInput): Promise<Record<string, unknown> | null> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({ ReturnValues: 'ALL_NEW', ...input, TableName: tableName() }),
    );
    return Attributes ?? {};
  } catch (err) {
    if (isConditionFailed(err)) return null;
    throw err;
  }
}

export const likeStore = {
  async get(messageId: string, userId: string): Promise<LikeRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: likeKey(messageId, userId), ConsistentRead: true }),
    );
    return Item
      ? { userId, liked: Item.liked === true, opId: (Item.opId as string | undefined) ?? null }
      : null;
  },

  /** Which of these messages `userId` likes now (one BatchGet per 100 messages). */
  async likedAmong(messageIds: string[], userId: string): Promise<Set<string>> {
    const liked = new Set<string>();
    for (let i = 0; i < messageIds.length; i += 100) {
      let keys: Record<string, unknown>[] = messageIds.slice(i, i + 100).map((id) => likeKey(id, userId));
      for (let round = 0; keys.length > 0 && round < 5; round++) {
        const res = await db().send(
          new BatchGetCommand({
            RequestItems: { [tableName()]: { Keys: keys, ProjectionExpression: 'pk, liked' } },
          }),
        );
        for (const item of res.Responses?.[tableName()] ?? []) {
          if (item.liked === true) liked.add((item.pk as string).slice('MSG#'.length));
        }
        keys = (res.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return liked;
  },

  /**
   * Step 1: take this user's intent slot on a published message (at most one operation per user in flight), and
   * change the counter by `delta` in the same write. False if the message is not published or the slot is taken.
   */
  async takeIntent(messageId: string, userId: string, intent: LikeIntent, delta: 0 | -1): Promise<boolean> {
    const counter = delta === 0 ? '' : ', likes = likes + :delta, likesVersion = likesVersion + :one';
    const done = await update({
      Key: messageKey(messageId),
      UpdateExpression: `SET likeIntents.#user = :intent, queuePk = :marker, queueSk = :id${counter}`,
      ConditionExpression: 'feedPk = :published AND attribute_not_exists(likeIntents.#user)',
      ExpressionAttributeNames: { '#user': userId },
      ExpressionAttributeValues: {
        ':intent': intent,
        ':marker': QUEUE_LIKE_INTENTS,
        ':id': messageId,
        ':published': FEED_PUBLISHED,
        ...(delta === 0 ? {} : { ':delta': delta, ':one': 1 }),
      },
      ReturnValues: 'NONE',
    });
    return done !== null;
  },

  /** Step 2: the like item says whether the user likes the message, stamped with the intent that changed it. */
  async setLiked(messageId: string, userId: string, liked: boolean, opId: string): Promise<boolean> {
    const done = await update({
      Key: likeKey(messageId, userId),
      UpdateExpression: 'SET liked = :liked, opId = :op, userId = :user, #type = :type, updatedAt = :now',
      ConditionExpression: liked ? 'attribute_not_exists(sk) OR liked = :false' : 'liked = :true',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':liked': liked,
        ':op': opId,
        ':user': userId,
        ':type': 'wall_like',
        ':now': new Date().toISOString(),
        ...(liked ? { ':false': false } : { ':true': true }),
      },
      ReturnValues: 'NONE',
    });
    return done !== null;
  },

  /**
   * Step 3: apply `delta` to the counter and release the intent, in one write, exactly once (conditioned on the
   * intent). The byQueue marker goes with the last intent. Returns the new count, or null if already settled.
   */
  async settleIntent(
    messageId: string,
    userId: string,
    intentId: string,
    delta: -1 | 0 | 1,
  ): Promise<number | null> {
    const counter = delta === 0 ? '' : 'SET likes = likes + :delta, likesVersion = likesVersion + :one ';
    const counterValues = delta === 0 ? {} : { ':delta': delta, ':one': 1 };
    const names = { '#user': userId };
    const last = await update({
      Key: messageKey(messageId),
      UpdateExpression: `${counter}REMOVE likeIntents.#user, queuePk, queueSk`,
      ConditionExpression: 'likeIntents.#user.id = :intent AND size(likeIntents) = :one',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':intent': intentId, ':one': 1, ...counterValues },
    });
    if (last) return last.likes as number;
    const notLast = await update({
      Key: messageKey(messageId),
      UpdateExpression: `${counter}REMOVE likeIntents.#user`,
      ConditionExpression: 'likeIntents.#user.id = :intent',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':intent': intentId, ...counterValues },
    });
    return notLast ? (notLast.likes as number) : null;
  },

  /** Messages with like operations in flight (or a marker left behind), for the sweeper. */
  async messagesWithIntents(
    startKey?: Record<string, unknown>,
  ): Promise<{ ids: string[]; lastKey?: Record<string, unknown> }> {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :marker',
        ExpressionAttributeValues: { ':marker': QUEUE_LIKE_INTENTS },
        ProjectionExpression: 'id',
        ExclusiveStartKey: startKey,
        Limit: 100,
      }),
    );
    return { ids: (res.Items ?? []).map((i) => i.id as string), lastKey: res.LastEvaluatedKey };
  },

  /** Drops the sweeper's marker once no intent is left. */
  async clearMarkerIfIdle(messageId: string): Promise<boolean> {
    const done = await update({
      Key: messageKey(messageId),
      UpdateExpression: 'REMOVE queuePk, queueSk',
      ConditionExpression:
        'queuePk = :marker AND (attribute_not_exists(likeIntents) OR size(likeIntents) = :zero)',
      ExpressionAttributeValues: { ':marker': QUEUE_LIKE_INTENTS, ':zero': 0 },
      ReturnValues: 'NONE',
    });
    return done !== null;
  },

  async countLiked(messageId: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const res = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :like)',
          FilterExpression: 'liked = :true',
          ExpressionAttributeValues: { ':pk': `MSG#${messageId}`, ':like': 'LIKE#', ':true': true },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += res.Count ?? 0;
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return count;
  },

  /** Recount repair: sets the counter only if it did not move and no operation was in flight since it was read. */
  async setCount(messageId: string, likes: number, expectedVersion: number): Promise<boolean> {
    const done = await update({
      Key: messageKey(messageId),
      UpdateExpression: 'SET likes = :likes, likesVersion = likesVersion + :one',
      ConditionExpression: 'likesVersion = :version AND size(likeIntents) = :zero',
      ExpressionAttributeValues: { ':likes': likes, ':version': expectedVersion, ':one': 1, ':zero': 0 },
      ReturnValues: 'NONE',
    });
    return done !== null;
  },
};
