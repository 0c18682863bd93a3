// Helpers for the 消息 integration tests: the caller's inbox through the API, and the store's truth about one user's
// partition (every notice and claim, read from the base table).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { inboxPk } from '../../functions/lib/inbox';
import type { InboxPage } from '../../shared/api/inbox';
import type { TestApp } from '../support/app';

/** GET /v1/me/inbox as the token's user (expects 200). */
export async function inboxOf(app: TestApp, token: string, query = ''): Promise<InboxPage> {
  const res = await app.request('GET', `/v1/me/inbox${query}`, { token });
  if (res.status !== 200) throw new Error(`inbox: ${res.status} ${res.text}`);
  return res.body as InboxPage;
}

/** Every item of the user's inbox partition, by kind of item: notices (N#), claims (KEY#) and the marker. */
export async function storedInbox(userId: string) {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': inboxPk(userId) },
      ConsistentRead: true,
    }),
  );
  const items = Items ?? [];
  return {
    all: items,
    notices: items.filter((i) => String(i.sk).startsWith('N#')),
    claims: items.filter((i) => String(i.sk).startsWith('KEY#')),
  };
}
