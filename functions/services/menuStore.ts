// The service menu: one item, replaced whole by staff.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db';
import { conditional } from '../lib/dynamo';
import { MENU_KEY, type MenuRecord } from './model';

export const menuStore = {
  /** `consistent` where the read decides (is an item on the menu?); an eventual read is enough to show it. */
  async get(consistent = false): Promise<MenuRecord | null> {
    const { Item } = await db().send(
      new GetCommand({
        TableName: tableName(),
        Key: MENU_KEY,
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    );
    if (!Item) return null;
    return {
      categories: Item.categories as MenuRecord['categories'],
      updatedAt: Item.updatedAt as string,
      updatedBy: (Item.updatedBy as string | null) ?? null,
    };
  },

  async put(menu: MenuRecord): Promise<void> {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...MENU_KEY, type: 'service_menu', ...menu } }),
    );
  },

  /** The first start's menu, unless one is stored already. */
  async putIfMissing(menu: MenuRecord): Promise<boolean> {
    return conditional(
      new PutCommand({
        TableName: tableName(),
        Item: { ...MENU_KEY, type: 'service_menu', ...menu },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
};
