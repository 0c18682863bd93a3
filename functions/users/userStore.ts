// User profiles. One item per user: pk USER#<id>, sk PROFILE; while its closing is unfinished, on byQueue
// ACCOUNT_CLOSING / <closedAt>#<id> (accountSteps.ts); once closed, `closingToken` is the fingerprint of the token
// that closed it (closingRetry.ts).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CLOSED_ACCOUNT_NICKNAME } from '../../shared/api/users';
import { db, tableName } from '../lib/db';
import { conditional, conditionalReturning, queryAll } from '../lib/dynamo';
import { readUserRecord } from '../lib/principal';
import { fieldUpdate, setRemoveExpression } from '../lib/updateExpression';
import { ACCOUNT_CLOSING_QUEUE, userFromItem, userKey, type UserRecord } from './model';

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
    changes: Partial<
      Pick<UserRecord, 'nickname' | 'identity' | 'phone' | 'roles'> & { realName: string | null }
    >,
    /** Optimistic concurrency: only apply if the profile was not changed since this read. */
    expectedUpdatedAt?: string,
  ): Promise<UserRecord | null> {
    // Null when refused: no such profile, a closed account, or (with `expectedUpdatedAt`) changed since the read.
    const update = fieldUpdate(changes, new Date().toISOString());
    const { names, values } = update;
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: setRemoveExpression(update),
        // A closed account is never written to again: an edit or a role grant that was under way while it closed
        // (and its data was erased) would otherwise bring personal data or a role back onto it.
        ConditionExpression: expectedUpdatedAt
          ? 'attribute_exists(pk) AND attribute_not_exists(closedAt) AND #updatedAt = :expected'
          : 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: expectedUpdatedAt ? { ...values, ':expected': expectedUpdatedAt } : values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? userFromItem(attributes) : null;
  },

  /**
   * Closing, step 1: the account is closed from now (every token refused) and its closing is queued until finished.
   * A second call keeps the first time. Null when there is no such user.
   */
  async close(id: string, now: string, closingToken?: string): Promise<UserRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: `SET closedAt = if_not_exists(closedAt, :now), queuePk = if_not_exists(queuePk, :queue), queueSk = if_not_exists(queueSk, :order)${
          closingToken ? ', closingToken = if_not_exists(closingToken, :token)' : ''
        }`,
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(closedAt) OR attribute_exists(queuePk))',
        ExpressionAttributeValues: {
          ':now': now,
          ':queue': ACCOUNT_CLOSING_QUEUE,
          ':order': `${now}#${id}`,
          ...(closingToken ? { ':token': closingToken } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? userFromItem(attributes) : null;
  },

  /**
   * A closed account's closing as a retry of DELETE /v1/me sees it: the fingerprint of the token that closed it
   * (kept after the erasure: it names nobody) and whether the closing is still queued. Null for an open account.
   */
  async closingOf(id: string): Promise<{ closingToken: string | null; unfinished: boolean } | null> {
    const { Item } = await db().send(
      new GetCommand({
        TableName: tableName(),
        Key: userKey(id),
        ConsistentRead: true,
        ProjectionExpression: 'closedAt, closingToken, queuePk, erasedAt',
      }),
    );
    if (!Item?.closedAt) return null;
    return {
      closingToken: (Item.closingToken as string | undefined) ?? null,
      // Queued without `erasedAt`: step 3 has not run (queued with it: only the job's sweep is left).
      unfinished: Item.queuePk !== undefined && Item.erasedAt === undefined,
    };
  },

  /**
   * The picture the profile shows (avatarSteps.ts step 2): `version`, or none (null), unless the profile already
   * names a later stamp's picture or the account is closed. The profile after the write, or null when refused.
   */
  async setAvatar(id: string, version: string | null, stamp: string): Promise<UserRecord | null> {
    const attributes = await conditionalReturning(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: version
          ? 'SET avatarVersion = :version, avatarStamp = :stamp, updatedAt = :now'
          : 'SET avatarStamp = :stamp, updatedAt = :now REMOVE avatarVersion',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(closedAt) AND (attribute_not_exists(avatarStamp) OR avatarStamp < :stamp)',
        ExpressionAttributeValues: {
          ':stamp': stamp,
          ':now': new Date().toISOString(),
          ...(version ? { ':version': version } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return attributes ? userFromItem(attributes) : null;
  },

  /** Closing, last step: the profile's personal data is erased and the closing leaves the queue (done). */
  /**
   * Step 3: the profile erased. It stays on the closing queue (`erasedAt` set) until the job's sweep, which takes it
   * off with `offQueue`.
   */
  async eraseClosed(id: string, now: string, offQueue = false): Promise<boolean> {
    const remove = 'openid, phone, #identity, realName, avatarVersion, avatarStamp';
    return conditional(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression:
          'SET nickname = :nick, #roles = :none, updatedAt = :now, erasedAt = if_not_exists(erasedAt, :now) ' +
          `REMOVE ${remove}${offQueue ? ', queuePk, queueSk' : ''}`,
        ConditionExpression: 'attribute_exists(closedAt)',
        ExpressionAttributeNames: { '#roles': 'roles', '#identity': 'identity' },
        ExpressionAttributeValues: { ':nick': CLOSED_ACCOUNT_NICKNAME, ':none': [], ':now': now },
      }),
    );
  },

  /** Closings not finished, closed before `beforeIso` (the job's work list; each then finished by key). */
  async unfinishedClosings(beforeIso: string): Promise<string[]> {
    const items = await queryAll({
      index: 'byQueue',
      keyCondition: 'queuePk = :pk AND queueSk < :before',
      values: { ':pk': ACCOUNT_CLOSING_QUEUE, ':before': beforeIso },
    });
    return items.map((item) => String(item.id));
  },
};
