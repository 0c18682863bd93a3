// The DynamoDB kit every store uses: a conditional write as a domain outcome, one paged query with list-scoped
// cursors, one "read the whole range" query, and a batch get that retries what the store left unprocessed.
// Stores build the SDK's commands themselves and hand them to these; nothing else catches store errors.
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { pause } from './backoff';
import { decodeCursor, encodeCursor } from './cursor';
import { db, isConditionFailed, tableName } from './db';
import { UnavailableError, ValidationError } from './errors';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };
export type IndexName = 'byOwner' | 'byFeed' | 'byQueue';

const INDEX_KEYS: Record<IndexName, [string, string]> = {
  byOwner: ['ownerPk', 'ownerSk'],
  byFeed: ['feedPk', 'feedSk'],
  byQueue: ['queuePk', 'queueSk'],
};

type ConditionalCommand = PutCommand | UpdateCommand | DeleteCommand;

/** Sends a write whose condition may fail: true when it was applied, false when its condition did not hold. */
export async function conditional(command: ConditionalCommand): Promise<boolean> {
  try {
    await db().send(command as PutCommand);
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/**
 * Like `conditional`, for a write sent with `ReturnValues` (`ALL_NEW`, `ALL_OLD`, …): the returned attributes when
 * it was applied (an empty object if the write returned none), null when its condition did not hold.
 */
export async function conditionalReturning(command: ConditionalCommand): Promise<Item | null> {
  try {
    const reply = await db().send(command as UpdateCommand);
    return reply.Attributes ?? {};
  } catch (err) {
    if (isConditionFailed(err)) return null;
    throw err;
  }
}

export interface QuerySpec {
  /** A named index (eventually consistent), or the base table when omitted. */
  index?: IndexName;
  keyCondition: string;
  filter?: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
  newestFirst?: boolean;
  /** Strongly consistent read; base table only (DynamoDB refuses it on a GSI). */
  consistent?: boolean;
  projection?: string;
}

export interface PageSpec extends QuerySpec {
  limit: number;
  cursor?: string;
  /**
   * The list a cursor belongs to. Defaults to the index and its partition value, so a cursor from one event's
   * waitlist is refused by another's, and a cursor of the events list by the wall.
   */
  scope?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function queryInput(q: QuerySpec, startKey: Item | undefined, limit?: number): QueryCommandInput {
  return {
    TableName: tableName(),
    IndexName: q.index,
    KeyConditionExpression: q.keyCondition,
    FilterExpression: q.filter,
    ExpressionAttributeNames: q.names,
    ExpressionAttributeValues: q.values,
    ScanIndexForward: !q.newestFirst,
    ConsistentRead: q.index ? undefined : q.consistent,
    ProjectionExpression: q.projection,
    Limit: limit,
    ExclusiveStartKey: startKey,
  };
}

/** The partition value named by the key condition's first `name = :value` clause. */
function partitionValue(q: QuerySpec): unknown {
  const match = /^\s*\(?\s*(#?[\w.]+)\s*=\s*(:\w+)/.exec(q.keyCondition);
  return match ? q.values[match[2]] : undefined;
}

export function listScope(q: QuerySpec & { scope?: string }): string {
  return q.scope ?? `${q.index ?? 'table'}|${JSON.stringify(partitionValue(q) ?? null)}`;
}

/**
 * One page of a Query: keeps reading until it has `limit` items that pass the filter or the range ends, and
 * returns a cursor that resumes right after the last item returned (so filtered lists still come in full pages).
 */
export async function queryPage<T = Item>(q: PageSpec, map?: (item: Item) => T): Promise<Page<T>> {
  const scope = listScope(q);
  const items: Item[] = [];
  let startKey = decodeCursor(q.cursor, scope);
  let exhausted = false;
  while (items.length < q.limit && !exhausted) {
    let page;
    try {
      page = await db().send(new QueryCommand(queryInput(q, startKey, q.limit - items.length)));
    } catch (err) {
      // A signed cursor whose key no longer fits the query (e.g. a list's index changed) is the client's to drop.
      if (q.cursor && (err as { name?: string })?.name === 'ValidationException')
        throw new ValidationError({ cursor: '无效的分页游标' });
      throw err;
    }
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    exhausted = !startKey;
  }
  const mapped = items.map((item) => (map ? map(item) : (item as T)));
  if (exhausted || items.length === 0) return { items: mapped, nextCursor: null };
  const last = items[items.length - 1];
  const key: Item = { pk: last.pk, sk: last.sk };
  if (q.index) {
    const [hash, range] = INDEX_KEYS[q.index];
    key[hash] = last[hash];
    key[range] = last[range];
  }
  return { items: mapped, nextCursor: encodeCursor(key, scope) };
}

/**
 * Every item of a key range, for staff figures, jobs and reconcilers; never for an unbounded public list.
 * `max` stops early (a guard against a runaway range), returning what was read so far.
 */
export async function queryAll<T = Item>(
  q: QuerySpec & { max?: number },
  map?: (item: Item) => T,
): Promise<T[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db().send(new QueryCommand(queryInput(q, startKey)));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (q.max === undefined || items.length < q.max));
  const capped = q.max === undefined ? items : items.slice(0, q.max);
  return capped.map((item) => (map ? map(item) : (item as T)));
}

export interface BatchGetOptions {
  projection?: string;
  names?: Record<string, string>;
  consistent?: boolean;
  /** How many rounds of retrying unprocessed keys before giving up with 503 (default 6, ~1.5 s of backoff). */
  attempts?: number;
  /** Backoff base in ms; doubled each round with full jitter. */
  baseDelayMs?: number;
}

const BATCH_SIZE = 100;

/**
 * Reads many items by key, 100 a request, retrying the keys the store leaves unprocessed with exponential
 * backoff; it never drops a key silently (after the last attempt it answers 503). Items come back in no order;
 * keys that do not exist are simply absent.
 */
export async function batchGet<T = Item>(
  keys: Key[],
  options: BatchGetOptions = {},
  map?: (item: Item) => T,
): Promise<T[]> {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 25;
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const found: Item[] = [];
  for (let i = 0; i < unique.length; i += BATCH_SIZE) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + BATCH_SIZE);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= attempts)
        throw new UnavailableError(new Error(`batchGet: ${pending.length} keys unprocessed`));
      if (round > 0) await pause(round, { baseMs: baseDelayMs });
      const reply = await db().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName()]: {
              Keys: pending,
              ProjectionExpression: options.projection,
              ExpressionAttributeNames: options.names,
              ConsistentRead: options.consistent,
            },
          },
        }),
      );
      found.push(...(reply.Responses?.[tableName()] ?? []));
      pending = reply.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }
  return found.map((item) => (map ? map(item) : (item as T)));
}

/** How many items of a key range pass the filter (Select COUNT: no item is sent back). */
export async function queryCount(q: QuerySpec): Promise<number> {
  let count = 0;
  let startKey: Item | undefined;
  do {
    const page = await db().send(new QueryCommand({ ...queryInput(q, startKey), Select: 'COUNT' }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const WRITE_BATCH_SIZE = 25;

/**
 * Deletes many items by key, 25 a request, retrying unprocessed items with backoff like `batchGet`; 503 rather
 * than leaving keys behind silently. Unconditional: for items nobody can reach any more.
 */
export async function batchDelete(
  keys: Key[],
  options: Pick<BatchGetOptions, 'attempts' | 'baseDelayMs'> = {},
): Promise<void> {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 25;
  for (let i = 0; i < keys.length; i += WRITE_BATCH_SIZE) {
    let pending: { DeleteRequest: { Key: Record<string, unknown> } }[] = keys
      .slice(i, i + WRITE_BATCH_SIZE)
      .map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= attempts)
        throw new UnavailableError(new Error(`batchDelete: ${pending.length} items unprocessed`));
      if (round > 0) await pause(round, { baseMs: baseDelayMs });
      const reply = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (reply.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
    }
  }
}
