// The local stand-in for DynamoDB Streams (infra/local/changeFeed.ts, streams.ts): every item write of the embedded
// store becomes a record with its old and new image, in write order; a function gets the records its filter patterns
// pass, in batches, retried from the first failed record; and serverless.yml's stream function is wired as deployed.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, resetDbClient, tableName } from '../../functions/lib/db';
import { FIGURE_COUNTERS } from '../../functions/admin/figuresStream';
import { streamFunctions, type StreamFunction } from '../../infra/local/serverlessConfig';
import { ensureTable, startEmbeddedStore, type EmbeddedStore } from '../../infra/local/store';
import { matchesFilter, startStreamConsumers, type StreamConsumers } from '../../infra/local/streams';
import { probe } from '../support/streamProbe';

let store: EmbeddedStore;
let consumers: StreamConsumers;
const logged: string[] = [];
const fn: StreamFunction = {
  functionName: 'probe',
  handler: 'tests/support/streamProbe.handler',
  batchSize: 3,
  batchWindowMs: 0,
  maximumRetryAttempts: 2,
  reportBatchItemFailures: true,
  filterPatterns: [{ dynamodb: { Keys: { sk: { S: [{ prefix: 'SIGNUP#' }] } } } }],
};

beforeAll(async () => {
  store = await startEmbeddedStore();
  await ensureTable(store.endpoint, tableName());
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  resetDbClient();
  consumers = await startStreamConsumers(store.changes, (line) => logged.push(line), [fn]);
});
afterAll(async () => {
  await consumers.stop();
  resetDbClient();
  await store.close();
});
beforeEach(() => {
  probe.batches = [];
  probe.failOnce.clear();
  probe.failAlways.clear();
  probe.throwTimes = 0;
  probe.hold = null;
  logged.length = 0;
});

const client = () => createDocumentClient();
const delivered = () => probe.batches.flat().map((r) => `${r.eventName} ${r.dynamodb.Keys.sk.S}`);

it('every write of a matching item is one record, old and new image, in write order; others are filtered out', async () => {
  const c = client();
  const key = { pk: 'EVENT#s1', sk: 'SIGNUP#u1' };
  const cancel = () =>
    c.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'cancelled' },
      }),
    );
  await c.send(new PutCommand({ TableName: tableName(), Item: { ...key, status: 'confirmed' } }));
  await c.send(new PutCommand({ TableName: tableName(), Item: { pk: 'EVENT#s1', sk: 'LEDGER', n: 1 } }));
  await cancel();
  // A write that changes nothing makes no record, as on DynamoDB: a Put and an Update.
  await c.send(new PutCommand({ TableName: tableName(), Item: { ...key, status: 'cancelled' } }));
  await cancel();
  await c.send(new DeleteCommand({ TableName: tableName(), Key: key }));
  await consumers.settled();
  expect(delivered()).toEqual(['INSERT SIGNUP#u1', 'MODIFY SIGNUP#u1', 'REMOVE SIGNUP#u1']);
  const [insert, modify, remove] = probe.batches.flat();
  expect(insert.dynamodb.OldImage).toBeUndefined();
  expect(insert.dynamodb.NewImage).toMatchObject({ status: { S: 'confirmed' } });
  expect(modify.dynamodb.OldImage).toMatchObject({ status: { S: 'confirmed' } });
  expect(modify.dynamodb.NewImage).toMatchObject({ status: { S: 'cancelled' } });
  expect(remove.dynamodb.NewImage).toBeUndefined();
  expect(remove.dynamodb.OldImage).toMatchObject({ status: { S: 'cancelled' } });
  const seqs = probe.batches.flat().map((r) => BigInt(r.dynamodb.SequenceNumber));
  expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
  c.destroy();
});

/** Puts signup items `sks` one after another, the first delivery held back until all are written. */
async function writeHeld(sks: string[]): Promise<void> {
  const c = client();
  let release!: () => void;
  probe.hold = new Promise((r) => (release = r));
  for (const sk of sks)
    await c.send(new PutCommand({ TableName: tableName(), Item: { pk: 'EVENT#r', sk: `SIGNUP#${sk}` } }));
  probe.hold = null;
  release();
  await consumers.settled();
  c.destroy();
}
const batches = () => probe.batches.map((b) => b.map((r) => (r.dynamodb.Keys.sk.S as string).slice(7)));

it('a record reported failed is delivered again with the ones after it, not the ones before', async () => {
  probe.failOnce.add('SIGNUP#a3');
  await writeHeld(['a1', 'a2', 'a3', 'a4']);
  // The first delivery ([a1]) was under way while a2…a4 were written: they came as one batch after it.
  expect(batches()).toEqual([['a1'], ['a2', 'a3', 'a4'], ['a3', 'a4']]);
  expect(logged).toEqual([]);
});

it('a batch that throws is delivered again whole', async () => {
  probe.throwTimes = 2;
  await writeHeld(['b1', 'b2', 'b3']);
  expect(batches()).toEqual([['b1'], ['b1'], ['b1'], ['b2', 'b3']]);
  expect(logged).toHaveLength(2);
});

it('batches hold at most batchSize records', async () => {
  await writeHeld(['c1', 'c2', 'c3', 'c4', 'c5']);
  expect(batches()).toEqual([['c1'], ['c2', 'c3', 'c4'], ['c5']]);
});

it('after maximumRetryAttempts retries the failing records are dropped and logged; the next records go on', async () => {
  probe.failAlways.add('SIGNUP#d2');
  await writeHeld(['d1', 'd2', 'd3']);
  // [d2, d3] delivered, then retried twice from d2; then dropped (in production: the on-failure destination).
  expect(batches()).toEqual([['d1'], ['d2', 'd3'], ['d2', 'd3'], ['d2', 'd3']]);
  expect(logged).toEqual([expect.stringContaining('2 record(s) dropped after 2 retries')]);
  probe.failAlways.clear();
  probe.batches = [];
  await writeHeld(['d4']);
  expect(batches()).toEqual([['d4']]);
});

it('serverless.yml has one function on the stream, for the figures: signup items, new visits and code items', () => {
  // DynamoDB Streams throttles more than two readers of a shard: the figures share one (functions/admin/figuresStream.ts).
  expect(streamFunctions().map((f) => f.functionName)).toEqual(['countFigures']);
  const [figures] = streamFunctions();
  expect(figures).toMatchObject({
    handler: 'functions/admin/handlers/countFigures.handler',
    reportBatchItemFailures: true,
    batchSize: 100,
    batchWindowMs: 1000,
  });
  const record = (eventName: string, pk: string, sk: string) => ({
    eventName,
    dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } } },
  });
  const passes = (eventName: string, pk: string, sk: string) =>
    figures.filterPatterns.some((p) => matchesFilter(p, record(eventName, pk, sk)));
  const takenBy = (eventName: string, pk: string, sk: string) =>
    FIGURE_COUNTERS.filter((c) => c.takes(record(eventName, pk, sk))).map((c) => c.name);
  const cases = [
    ['MODIFY', 'EVENT#e', 'SIGNUP#u1', 'signups'],
    ['INSERT', 'EVENT#e', 'LEDGER', null],
    ['INSERT', 'EVENT#e', 'WAIT#0000000001', null],
    ['INSERT', 'SPACECHECKIN#c', 'META', 'visits'],
    ['MODIFY', 'SPACECHECKIN#c', 'META', null],
    ['INSERT', 'SPACE#s', 'META', null],
    ['INSERT', 'CODE#ABC', 'CLAIM', 'claims'],
    ['MODIFY', 'CODE#ABC', 'CLAIM', 'claims'],
    ['INSERT', 'OFFER#o', 'META', null],
  ] as const;
  for (const [eventName, pk, sk, counter] of cases) {
    // The function's filter and the dispatcher's routing agree: a record passes exactly when a counter takes it.
    expect({ pk, sk, eventName, passes: passes(eventName, pk, sk) }).toEqual({
      pk,
      sk,
      eventName,
      passes: !!counter,
    });
    expect(takenBy(eventName, pk, sk)).toEqual(counter ? [counter] : []);
  }
});

describe("Lambda's batching window", () => {
  // Its own function on WINDOW# items (the probe above passes only SIGNUP# ones), with a window of a minute.
  const windowed: StreamFunction = {
    ...fn,
    functionName: 'windowed',
    batchWindowMs: 60_000,
    filterPatterns: [{ dynamodb: { Keys: { sk: { S: [{ prefix: 'WINDOW#' }] } } } }],
  };
  let windowedConsumers: StreamConsumers;
  beforeAll(async () => {
    windowedConsumers = await startStreamConsumers(store.changes, (line) => logged.push(line), [windowed]);
  });
  afterAll(() => windowedConsumers.stop());

  it('records wait for the window unless a batch is full; settled() sends what waits at once', async () => {
    const c = client();
    for (const sk of ['w1', 'w2', 'w3', 'w4'])
      await c.send(new PutCommand({ TableName: tableName(), Item: { pk: 'EVENT#w', sk: `WINDOW#${sk}` } }));
    // A full batch (3 records) goes at once; w4 waits for the window.
    for (let waited = 0; probe.batches.length === 0 && waited < 5000; waited += 10)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    expect(batches()).toEqual([['w1', 'w2', 'w3']]);
    // settled() does not wait out the minute (it would give up after 5 s).
    await windowedConsumers.settled(5000);
    expect(batches()).toEqual([['w1', 'w2', 'w3'], ['w4']]);
    c.destroy();
  });
});
