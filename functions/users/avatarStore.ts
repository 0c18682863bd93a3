// Profile pictures: one item per user beside the profile (pk USER#<id>, sk AVATAR), holding the picture's bytes
// (≤ 24 KB), or only a stamp once removed. The profile holds the version it shows (userStore.setAvatar); the
// write order and what a crash leaves are in avatarSteps.ts.
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditional } from '../lib/dynamo';
import { avatarFromItem, avatarKey, type AvatarRecord } from './model';

/** Written only when no later stamp is stored: of two writes racing, the later stamp stays, whatever the order. */
const LATER_STAMP = 'attribute_not_exists(stamp) OR stamp < :stamp';

export const avatarStore = {
  async get(userId: string): Promise<AvatarRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: avatarKey(userId), ConsistentRead: true }),
    );
    return Item ? avatarFromItem(Item) : null;
  },

  /** Stores the picture unless a later stamp is stored; false when it was refused. */
  async putImage(
    userId: string,
    stamp: string,
    image: { version: string; contentType: string; bytes: Uint8Array; updatedAt: string },
  ): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: { ...avatarKey(userId), type: 'avatar', userId, stamp, ...image },
        ConditionExpression: LATER_STAMP,
        ExpressionAttributeValues: { ':stamp': stamp },
      }),
    );
  },

  /** Replaces the picture by a bare stamp (removed), unless a later stamp is stored. */
  async putRemoved(userId: string, stamp: string): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: { ...avatarKey(userId), type: 'avatar', userId, stamp },
        ConditionExpression: LATER_STAMP,
        ExpressionAttributeValues: { ':stamp': stamp },
      }),
    );
  },

  /** Only when this very picture is still stored (a write refused after the account closed takes its own back). */
  async deleteIfStamp(userId: string, stamp: string): Promise<boolean> {
    return conditional(
      new DeleteCommand({
        TableName: tableName(),
        Key: avatarKey(userId),
        ConditionExpression: 'stamp = :stamp',
        ExpressionAttributeValues: { ':stamp': stamp },
      }),
    );
  },

  /** Closing an account: the item goes, whatever it holds. True when there was one. */
  async erase(userId: string): Promise<boolean> {
    return conditional(
      new DeleteCommand({
        TableName: tableName(),
        Key: avatarKey(userId),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  },
};
