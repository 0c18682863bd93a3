// The dashboard's alliance figures come from the table's stream (functions/alliance/claimFigures.ts): neither a claim
// nor a redemption writes a figure on its own path, and each is counted once however its write came about — also a
// request that answered 503 after its write, whose keyed retry then writes nothing new (on the request path that
// figure was never counted). The stream is the embedded store's change feed, delivered as Lambda delivers a DynamoDB
// stream (infra/local/streams.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  claimChange,
  countClaimRecords,
  type ClaimStreamRecord,
} from '../../functions/alliance/claimFigures';
import { offerStore } from '../../functions/alliance/offerStore';
import { db, tableName } from '../../functions/lib/db';
import { readDay } from '../../functions/lib/metrics';
import { districtDate } from '../../functions/lib/time';
import { startTestApp, type TestApp } from '../support/app';
import { approvedMerchant, failNextStoreCommand, postOffer, type MerchantActor } from './alliance.support';

jest.setTimeout(60_000);

let app: TestApp;
let shop: MerchantActor;
let users = 0;
beforeAll(async () => {
  app = await startTestApp();
  shop = await approvedMerchant(app, 'stream_shop', '流水小店');
});
afterAll(async () => {
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

const newUser = () => app.login(`stream_user_${++users}`);
const claimWithKey = (token: string, offerId: string, key: string) =>
  app.request('POST', `/v1/offers/${offerId}/claims`, { token, headers: { 'idempotency-key': key } });
const redeemWithKey = (code: string, key: string) =>
  app.request('POST', '/v1/redemptions', {
    token: shop.token,
    body: { code },
    headers: { 'idempotency-key': key },
  });

/** Today's alliance figures once the stream has delivered every change so far. */
async function today() {
  await app.streamsSettled();
  const day = await readDay(districtDate());
  const sum = (buckets?: Record<string, number>) => Object.values(buckets ?? {}).reduce((a, b) => a + b, 0);
  return {
    claimed: day.counters['offers.claimed'] ?? 0,
    redeemed: day.counters['offers.redeemed'] ?? 0,
    industry: day.counters['redemptions.industry'] ?? 0,
    merchants: sum(day.distinct.merchants),
  };
}

/** Counts the STATS# writes (updates, puts) the handlers' own store client sends (the stream consumers have clients of their own). */
function statsWritesOfRequests(): { count: number } {
  const seen = { count: 0 };
  db().middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as {
        Key?: { pk?: string };
        Item?: { pk?: string };
        UpdateExpression?: string;
      };
      const pk = (input.UpdateExpression ? input.Key?.pk : input.Item?.pk) ?? '';
      if (pk.startsWith('STATS#')) seen.count++;
      return next(args);
    },
    { step: 'initialize', name: `statsProbe${Math.random()}` },
  );
  return seen;
}

/** The stored item of a code, as a stream image (with `changes` on top). */
async function codeImage(code: string, changes: Record<string, unknown> = {}) {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `CODE#${code}`, sk: 'CLAIM' },
      ConsistentRead: true,
    }),
  );
  return marshall({ ...Item!, ...changes }, { removeUndefinedValues: true });
}

let seq = 0;
const record = (images: ClaimStreamRecord['dynamodb']): ClaimStreamRecord => ({
  dynamodb: { ...images, SequenceNumber: String(++seq) },
});

describe('alliance figures from the stream', () => {
  it('a claim and its redemption write no figure on their own path; each is counted once from the stream', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const before = await today();
    const user = await newUser();
    const probe = statsWritesOfRequests();
    const claimed = await claimWithKey(user.token, offer.id, 'plain');
    expect(claimed.status).toBe(201);
    expect(await today()).toEqual({
      ...before,
      claimed: before.claimed + 1,
      merchants: before.merchants + 1,
    });
    expect((await redeemWithKey(claimed.body.claim.code, 'plain-redeem')).status).toBe(200);
    expect(await today()).toEqual({
      claimed: before.claimed + 1,
      redeemed: before.redeemed + 1,
      industry: before.industry + 1,
      merchants: before.merchants + 1, // the same merchant, the same day
    });
    expect(probe.count).toBe(0);
  });

  it('a claim and a redemption whose requests answered 503 after their write are counted once (retries add nothing)', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const user = await newUser();
    const before = await today();
    await failNextStoreCommand((input) => input.includes('REMOVE intents') && input.includes(offer.id));
    expect((await claimWithKey(user.token, offer.id, 'after-write')).status).toBe(503);
    const retry = await claimWithKey(user.token, offer.id, 'after-write');
    expect(retry.status).toBe(201);
    await failNextStoreCommand((input) => input.includes('ADD redeemed') && input.includes(offer.id));
    expect((await redeemWithKey(retry.body.claim.code, 'after-write-redeem')).status).toBe(503);
    expect((await redeemWithKey(retry.body.claim.code, 'after-write-redeem')).status).toBe(200);
    expect(await today()).toMatchObject({
      claimed: before.claimed + 1,
      redeemed: before.redeemed + 1,
      industry: before.industry + 1,
    });
  });

  it('redelivered records count nothing again; a void marker and the claimant erased count nothing', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const user = await newUser();
    const { code } = (await claimWithKey(user.token, offer.id, 'again')).body.claim;
    expect((await redeemWithKey(code, 'again-redeem')).status).toBe(200);
    const before = await today();
    const claimedImage = await codeImage(code, { status: 'claimed', redeemedAt: undefined });
    const redeemedImage = await codeImage(code);
    const redelivered = [
      record({ NewImage: claimedImage }),
      record({ OldImage: claimedImage, NewImage: redeemedImage }),
    ];
    expect(await countClaimRecords(redelivered)).toEqual({ batchItemFailures: [] });
    expect(await today()).toEqual(before);
    // What is not a claim issued or redeemed: a void marker written, the claimant erased, a redeemed item rewritten.
    const voidImage = marshall({
      pk: 'CODE#X',
      sk: 'CLAIM',
      type: 'claim_void',
      status: 'void',
      id: 'c',
      offerId: 'o',
    });
    expect(claimChange(undefined, voidImage)).toBeNull();
    expect(claimChange(redeemedImage, await codeImage(code, { userId: undefined }))).toBeNull();
    expect(
      claimChange(claimedImage, await codeImage(code, { status: 'claimed', userId: undefined })),
    ).toBeNull();
    expect(claimChange(undefined, undefined)).toBeNull();
  });

  it('a record whose offer cannot be read fails with every later one; those before it are counted, once', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const { code } = (await claimWithKey((await newUser()).token, offer.id, 'failing')).body.claim;
    expect((await redeemWithKey(code, 'failing-redeem')).status).toBe(200);
    const before = await today();
    // The same claim as new ones (other claim ids), so that the figures show what this delivery counts.
    const as = async (id: string, changes: Record<string, unknown> = {}) =>
      codeImage(code, { id, ...changes });
    const batch = [
      record({ NewImage: await as('stream-a', { status: 'claimed' }) }),
      record({ OldImage: await as('stream-b', { status: 'claimed' }), NewImage: await as('stream-b') }),
      record({ NewImage: await as('stream-c', { status: 'claimed' }) }),
    ];
    jest.spyOn(offerStore, 'get').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    const first = await countClaimRecords(batch);
    expect(first.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      batch.slice(1).map((r) => r.dynamodb!.SequenceNumber),
    );
    expect(await today()).toEqual({ ...before, claimed: before.claimed + 1 });
    // Delivered again from the failed record on: counted now, each once.
    expect(await countClaimRecords(batch.slice(1))).toEqual({ batchItemFailures: [] });
    expect(await today()).toEqual({
      ...before,
      claimed: before.claimed + 2,
      redeemed: before.redeemed + 1,
      industry: before.industry + 1,
    });
  });
});
