// DynamoDB access for likes: the like items, and the counter with its in-flight intents on the message item.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import {
  batchDelete,
  batchGet,
  conditional,
  conditionalReturning,
  queryAll,
  queryCount,
} from '../lib/dynamo';
import {
  FEED_PUBLISHED,
  QUEUE_LIKE_INTENTS,
  fromLikeItem,
  likeKey,
  messageIdOfPk,
  messageKey,
  type LikeIntent,
  type LikeRecord,
} from './model';

type UpdateInput = Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>;

const updateCommand = (input: UpdateInput) => new UpdateCommand({ ...input, TableName: tableName() });

/** The like items of one message (`liked`, or every one ever written). */
const likeItemsOf = (messageId: string, onlyLiked: boolean) => ({
  keyCondition: 'pk = :pk AND begins_with(sk, :like)',
  filter: onlyLiked ? 'liked = :true' : undefined,
  values: { ':pk': messageKey(messageId).pk, ':like': 'LIKE#', ...(onlyLiked ? { ':true': true } : {}) },
  projection: 'pk, sk',
});

export const likeStore = {
  async get(messageId: string, userId: string): Promise<LikeRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: likeKey(messageId, userId), ConsistentRead: true }),
    );
    return Item ? fromLikeItem(userId, Item) : null;
  },

  /** Which of these messages `userId` likes now. */
  async likedAmong(messageIds: string[], userId: string): Promise<Set<string>> {
    const items = await batchGet(
      messageIds.map((id) => likeKey(id, userId)),
      { projection: 'pk, liked' },
    );
    return new Set(
      items.filter((item) => item.liked === true).map((item) => messageIdOfPk(item.pk as string)),
    );
  },

  /**
   * Step 1: take this user's intent slot on a published message (at most one operation per user in flight), and
   * change the counter by `delta` in the same write. False if the message is not published or the slot is taken.
   */
  async takeIntent(messageId: string, userId: string, intent: LikeIntent, delta: 0 | -1): Promise<boolean> {
    const counter = delta === 0 ? '' : ', likes = likes + :delta, likesVersion = likesVersion + :one';
    return conditional(
      updateCommand({
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
      }),
    );
  },

  /** Step 2: the like item says whether the user likes the message, stamped with the intent that changed it. */
  async setLiked(messageId: string, userId: string, liked: boolean, opId: string): Promise<boolean> {
    return conditional(
      updateCommand({
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
      }),
    );
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
    const last = await conditionalReturning(
      updateCommand({
        Key: messageKey(messageId),
        UpdateExpression: `${counter}REMOVE likeIntents.#user, queuePk, queueSk`,
        ConditionExpression: 'likeIntents.#user.id = :intent AND size(likeIntents) = :one',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':intent': intentId, ':one': 1, ...counterValues },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (last) return last.likes as number;
    const notLast = await conditionalReturning(
      updateCommand({
        Key: messageKey(messageId),
        UpdateExpression: `${counter}REMOVE likeIntents.#user`,
        ConditionExpression: 'likeIntents.#user.id = :intent',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':intent': intentId, ...counterValues },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return notLast ? (notLast.likes as number) : null;
  },

  /** Messages with like operations in flight (or a marker left behind), for the sweeper. */
  async messagesWithIntents(): Promise<{ ids: string[] }> {
    const ids = await queryAll(
      {
        index: 'byQueue',
        keyCondition: 'queuePk = :marker',
        values: { ':marker': QUEUE_LIKE_INTENTS },
        projection: 'id',
      },
      (item) => item.id as string,
    );
    return { ids };
  },

  /** Drops the sweeper's marker once no intent is left. */
  async clearMarkerIfIdle(messageId: string): Promise<boolean> {
    return conditional(
      updateCommand({
        Key: messageKey(messageId),
        UpdateExpression: 'REMOVE queuePk, queueSk',
        ConditionExpression:
          'queuePk = :marker AND (attribute_not_exists(likeIntents) OR size(likeIntents) = :zero)',
        ExpressionAttributeValues: { ':marker': QUEUE_LIKE_INTENTS, ':zero': 0 },
      }),
    );
  },

  async countLiked(messageId: string): Promise<number> {
    const { projection: _unused, ...range } = likeItemsOf(messageId, true);
    return queryCount(range);
  },

  /** Recount repair: sets the counter only if it did not move and no operation was in flight since it was read. */
  async setCount(messageId: string, likes: number, expectedVersion: number): Promise<boolean> {
    return conditional(
      updateCommand({
        Key: messageKey(messageId),
        UpdateExpression: 'SET likes = :likes, likesVersion = likesVersion + :one',
        ConditionExpression: 'likesVersion = :version AND size(likeIntents) = :zero',
        ExpressionAttributeValues: { ':likes': likes, ':version': expectedVersion, ':one': 1, ':zero': 0 },
      }),
    );
  },

  /** Removes the like items of a deleted message (they are unreachable once the message is gone). */
  async deleteAllOf(messageId: string): Promise<number> {
    const keys = await queryAll(likeItemsOf(messageId, false), (item) => ({
      pk: item.pk as string,
      sk: item.sk as string,
    }));
    await batchDelete(keys);
    return keys.length;
  },
};
