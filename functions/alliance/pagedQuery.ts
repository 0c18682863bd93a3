// A Query on one index that keeps reading until it has `limit` items that pass the filter (or the range ends),
// and a cursor that resumes right after the last item returned, so filtered lists still come in full pages.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { db, tableName } from '../lib/db';

type Item = Record<string, unknown>;

export interface PagedQuery {
  index: 'byOwner' | 'byFeed' | 'byQueue';
  keyCondition: string;
  filter?: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
  newestFirst?: boolean;
  limit: number;
  cursor?: string;
}

const INDEX_KEYS: Record<PagedQuery['index'], [string, string]> = {
  byOwner: ['ownerPk', 'ownerSk'],
  byFeed: ['feedPk', 'feedSk'],
  byQueue: ['queuePk', 'queueSk'],
};

export async function pagedQuery(q: PagedQuery): Promise<{ items: Item[]; nextCursor: string | null }> {
  const items: Item[] = [];
  let startKey = decodeCursor(q.cursor);
  let exhausted = false;
  while (items.length < q.limit && !exhausted) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: q.index,
      KeyConditionExpression: q.keyCondition,
      FilterExpression: q.filter,
      ExpressionAttributeNames: q.names,
      ExpressionAttributeValues: q.values,
      ScanIndexForward: !q.newestFirst,
      Limit: q.limit - items.length,
      ExclusiveStartKey: startKey,
    };
    const page = await db().send(new QueryCommand(input));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    exhausted = !startKey;
  }
  if (exhausted || items.length === 0) return { items, nextCursor: null };
  const last = items[items.length - 1];
  const [hash, range] = INDEX_KEYS[q.index];
  return {
    items,
    nextCursor: encodeCursor({ pk: last.pk, sk: last.sk, [hash]: last[hash], [range]: last[range] }),
  };
}

/** Every item of a key range (for staff figures and the reconciler; never an unbounded public list). */
export async function queryAll(q: Omit<PagedQuery, 'limit' | 'cursor'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: q.index,
        KeyConditionExpression: q.keyCondition,
        FilterExpression: q.filter,
        ExpressionAttributeNames: q.names,
        ExpressionAttributeValues: q.values,
        ScanIndexForward: !q.newestFirst,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
