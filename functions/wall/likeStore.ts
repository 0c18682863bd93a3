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

/** The like items of one message (`liked`, or every one ever written), from the table with ConsistentRead. */
const likeItemsOf = (messageId: string, onlyLiked: boolean) => ({
  consistent: true,
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

  /**
   * Step 2: the like item says whether the user likes the message, stamped with the intent that changed it. Written
   * only if the item still carries the `opId` it had when the intent was taken (`intent.prev`), so it happens at most
   * once per intent and never over a later operation of the same user.
   */
  async setLiked(messageId: string, userId: string, intent: LikeIntent): Promise<boolean> {
    const liked = intent.op === 'like';
    const values: Record<string, unknown> = {
      ':liked': liked,
      ':op': intent.id,
      ':user': userId,
      ':type': 'wall_like',
      ':now': new Date().toISOString(),
    };
    let condition: string;
    if (intent.prev === undefined) {
      // An intent from before `prev` existed: the state it expects.
      condition = liked ? 'attribute_not_exists(sk) OR liked = :false' : 'liked = :true';
      values[liked ? ':false' : ':true'] = !liked;
    } else if (intent.prev === null) condition = 'attribute_not_exists(opId)';
    else {
      condition = 'opId = :prev';
      values[':prev'] = intent.prev;
    }
    return conditional(
      updateCommand({
        Key: likeKey(messageId, userId),
        UpdateExpression: 'SET liked = :liked, opId = :op, userId = :user, #type = :type, updatedAt = :now',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: values,
      }),
    );
  },

  /**
   * Step 3: apply `delta` to the counter and release the intent, in one write, exactly once (conditioned on the
   * intent). The byQueue marker goes with the last intent; when another settle raced this one (each saw the other's
   * intent), the write that emptied the map reports `markerLeft` and its caller drops the marker (step 4).
   * Null if the intent was already settled.
   */
  async settleIntent(
    messageId: string,
    userId: string,
    intentId: string,
    delta: -1 | 0 | 1,
  ): Promise<{ likes: number; markerLeft: boolean } | null> {
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
    if (last) return { likes: last.likes as number, markerLeft: false };
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
    if (!notLast) return null;
    const left = Object.keys((notLast.likeIntents as object | undefined) ?? {}).length;
    return {
      likes: notLast.likes as number,
      markerLeft: left === 0 && notLast.queuePk === QUEUE_LIKE_INTENTS,
    };
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

  /** Step 4, and the sweeper's: drops the marker once no intent is left (a new intent sets it again). */
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

  /**
   * How many like items say "liked", read from the message's own partition with ConsistentRead: the recount
   * overwrites the counter with this figure, so it must include every settled operation.
   */
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
