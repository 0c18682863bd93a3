// User profiles. One item per user: pk USER#<id>, sk PROFILE.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/db';
import { conditional, conditionalReturning } from '../lib/dynamo';
import { readUserRecord } from '../lib/principal';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import { userFromItem, userKey, type UserRecord } from './model';

export const userStore = {
  get: readUserRecord,

  /** Creates the profile unless it exists; returns the stored one either way. */
  async createIfMissing(user: UserRecord): Promise<UserRecord> {
    const created = await conditional(
      new PutCommand({
        TableName: tableName(),
        Item: { ...userKey(user.id), type: 'user', ...user },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (created) return user;
    const existing = await readUserRecord(user.id);
    if (!existing) throw new Error(`user ${user.id} exists and cannot be read`);
    return existing;
  },

  async update(
    id: string,
    changes: Partial<Pick<UserRecord, 'nickname' | 'identity' | 'phone' | 'roles'>>,
    /** Optimistic concurrency: only apply if the profile was not changed since this read. */
    expectedUpdatedAt?: string,
  ): Promise<UserRecord | null> {
    const update = fieldUpdate(changes, new Date().toISOString());
    const { names, values } = update;
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: setRemoveExpression(update),
        ConditionExpression: expectedUpdatedAt
          ? 'attribute_exists(pk) AND #updatedAt = :expected'
          : 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: expectedUpdatedAt ? { ...values, ':expected': expectedUpdatedAt } : values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? userFromItem(attributes) : null;
  },
};
