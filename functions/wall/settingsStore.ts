// DynamoDB access for the wall's one setting item (pk SETTINGS#wall / sk SETTINGS).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { fromSettingItem, settingKey, type WallSettingRecord } from './model';

export const settingsStore = {
  async get(): Promise<WallSettingRecord | null> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: settingKey() }));
    return Item ? fromSettingItem(Item) : null;
  },

  async put(setting: WallSettingRecord): Promise<void> {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...settingKey(), type: 'wall_setting', ...setting } }),
    );
  },
};
