// The GSI-lag harness (startTestApp({ indexLagMs })): index queries trail the table as on DynamoDB, base-table reads
// and writes do not, and a decision taken on an index read right after a write comes out wrong, so a suite run with
// the option catches such a decision. Without the option every read is current, as before.
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { batchGet, queryAll, queryCount, type Item } from '../../functions/lib/dynamo';
import { startTestApp, type TestApp } from '../support/app';

jest.setTimeout(30_000);

// Long enough that no pause of a busy machine between a write and the next statement can hide the lag.
const LAG_MS = 1_000;
let seq = 0;

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh item in its own byFeed partition, so tests never see each other's items. */
function fresh(extra: Item = {}): Item {
  seq++;
  return { pk: `LAGTEST#${seq}`, sk: 'ITEM', feedPk: `LAGFEED#${seq}`, feedSk: '0001', v: 1, ...extra };
}

const put = (item: Item) => db().send(new PutCommand({ TableName: tableName(), Item: item }));
const feed = (item: Item) =>
  queryAll({ index: 'byFeed', keyCondition: 'feedPk = :p', values: { ':p': item.feedPk } });

// The bug the harness exists to catch: "admit a newcomer when nobody waits", with "nobody waits" read from the
// waiting-list index (byQueue) instead of the event's own partition with ConsistentRead.
function waitingEntry(eventId: string, household: string): Item {
  return {
    pk: `LAGEVENT#${eventId}`,
    sk: `WAIT#${household}`,
    queuePk: `LAGWAIT#${eventId}`,
    queueSk: household,
  };
}
async function admitByIndex(eventId: string): Promise<boolean> {
  return (
    (await queryCount({
      index: 'byQueue',
      keyCondition: 'queuePk = :q',
      values: { ':q': `LAGWAIT#${eventId}` },
    })) === 0
  );
}
async function admitByTable(eventId: string): Promise<boolean> {
  const waiting = await queryCount({
    keyCondition: 'pk = :pk AND begins_with(sk, :w)',
    values: { ':pk': `LAGEVENT#${eventId}`, ':w': 'WAIT#' },
    consistent: true,
  });
  return waiting === 0;
}

describe('with indexLagMs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ indexLagMs: LAG_MS });
  });
  afterAll(async () => {
    await app.close();
  });

  test('a write is missing from an index query right after it and shows once the lag has passed', async () => {
    const item = fresh();
    await put(item);
    expect(await feed(item)).toEqual([]);
    const later = await eventually(
      () => feed(item),
      (items) => items.length === 1,
    );
    expect(later[0]).toMatchObject(item);
  });

  test('base-table reads see a write at once: GetItem, consistent Query, BatchGetItem, Scan', async () => {
    const item = fresh();
    await put(item);
    const key = { pk: item.pk, sk: item.sk };
    expect(
      (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item,
    ).toEqual(item);
    const base = await queryAll({ keyCondition: 'pk = :pk', values: { ':pk': item.pk }, consistent: true });
    expect(base).toEqual([item]);
    expect(await batchGet([key as { pk: string; sk: string }], { consistent: true })).toEqual([item]);
    const scan = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': item.pk },
      }),
    );
    expect(scan.Items).toEqual([item]);
    expect(await feed(item)).toEqual([]);
  });

  test('an index shows the old state of an updated item, then the new one, then the deletion, in order', async () => {
    const item = fresh();
    const key = { pk: item.pk, sk: item.sk };
    await put(item);
    await eventually(
      () => feed(item),
      (items) => items.length === 1,
    );

    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': 2 },
      }),
    );
    expect((await feed(item)).map((i) => i.v)).toEqual([1]);
    await eventually(
      () => feed(item),
      (items) => items[0]?.v === 2,
    );

    await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
    expect((await feed(item)).map((i) => i.v)).toEqual([2]);
    await eventually(
      () => feed(item),
      (items) => items.length === 0,
    );
  });

  test('a burst of writes to one item ends with the index showing its last state', async () => {
    const item = fresh();
    const key = { pk: item.pk, sk: item.sk };
    await put(item);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: key,
            UpdateExpression: 'ADD v :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        ),
      ),
    );
    await app.indexesSettled();
    expect((await feed(item)).map((i) => i.v)).toEqual([21]);
  });

  test('BatchWriteItem puts and deletes reach the index late too', async () => {
    const items = [fresh(), fresh(), fresh()];
    const puts = items.map((Item) => ({ PutRequest: { Item } }));
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: puts } }));
    expect((await Promise.all(items.map(feed))).flat()).toEqual([]);
    await app.indexesSettled();
    expect((await Promise.all(items.map(feed))).flat()).toHaveLength(3);

    const deletes = items.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: deletes } }));
    expect((await Promise.all(items.map(feed))).flat()).toHaveLength(3);
    await app.indexesSettled();
    expect((await Promise.all(items.map(feed))).flat()).toEqual([]);
  });

  test('a decision on an index read right after a write comes out wrong; the consistent table read gets it right', async () => {
    await put(waitingEntry('e1', 'h1'));
    // The household waits, so a newcomer must not be admitted.
    expect(await admitByTable('e1')).toBe(false);
    expect(await admitByIndex('e1')).toBe(true); // the wrong decision the harness makes visible
    await app.indexesSettled();
    expect(await admitByIndex('e1')).toBe(false);
  });

  test('the handlers run against the lagging store too', async () => {
    const { userId } = await app.login('lag_user');
    const profile = await db().send(
      new GetCommand({ TableName: tableName(), Key: { pk: `USER#${userId}`, sk: 'PROFILE' } }),
    );
    expect(profile.Item).toBeDefined();
  });
});

describe('without indexLagMs (the default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  test('an index query sees a write at once, so the index-based decision happens to come out right', async () => {
    const item = fresh();
    await put(item);
    expect(await feed(item)).toEqual([item]);
    await put(waitingEntry('e2', 'h1'));
    expect(await admitByIndex('e2')).toBe(false);
    await app.indexesSettled();
  });
});
