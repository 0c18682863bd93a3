// User profiles. One item per user: pk USER#<id>, sk PROFILE.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity, Role } from '../../shared/api/users';
import { db, isConditionFailed, tableName } from '../lib/db';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';

export interface UserRecord {
  id: string;
  openid: string;
  nickname: string;
  identity: Identity | null;
  phone: string | null;
  roles: Role[];
  createdAt: string;
  updatedAt: string;
}

const keyOf = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' });

function fromItem(item: Record<string, unknown>): UserRecord {
  return {
    id: item.id as string,
    openid: item.openid as string,
    nickname: item.nickname as string,
    identity: (item.identity as Identity | undefined) ?? null,
    phone: (item.phone as string | undefined) ?? null,
    roles: (item.roles as Role[] | undefined) ?? [],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export const userStore = {
  async get(id: string): Promise<UserRecord | null> {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: keyOf(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : null;
  },

  /** Creates the profile unless it exists; returns the stored one either way. */
  async createIfMissing(user: UserRecord): Promise<UserRecord> {
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...keyOf(user.id), type: 'user', ...user },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return user;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const existing = await this.get(user.id);
      if (!existing) throw err;
      return existing;
    }
  },

  async update(
    id: string,
    changes: Partial<Pick<UserRecord, 'nickname' | 'identity' | 'phone' | 'roles'>>,
    /** Optimistic concurrency: only apply if the profile was not changed since this read. */
    expectedUpdatedAt?: string,
  ): Promise<UserRecord | null> {
    const update = fieldUpdate(changes, new Date().toISOString());
    const { names, values } = update;
    try {
      const { Attributes } = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keyOf(id),
          UpdateExpression: setRemoveExpression(update),
          ConditionExpression: expectedUpdatedAt
            ? 'attribute_exists(pk) AND #updatedAt = :expected'
            : 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: expectedUpdatedAt
            ? { ...values, ':expected': expectedUpdatedAt }
            : values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromItem(Attributes) : null;
    } catch (err) {
      if (isConditionFailed(err)) return null;
      throw err;
    }
  },
};
