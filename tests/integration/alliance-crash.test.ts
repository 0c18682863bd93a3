// Crash injection at every write boundary of a claim and a redemption, then the reconciler's repair: each repair is
// checked on its own, right after the repair step and before any recount, and the recount then finds nothing to fix.
import { allianceReconciler } from '../../functions/alliance/reconcileService';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import { leaseRunsOut } from '../support/idempotencyLease';
import {
  AFTER_ISSUE,
  BEFORE_ISSUE,
  approvedMerchant,
  auditOffer,
  auditThrough,
  claim,
  expectFiguresExact,
  expectOfferConsistent,
  postOffer,
  slug,
  type MerchantActor,
} from './alliance.support';

jest.setTimeout(120_000);

let app: TestApp;
let shop: MerchantActor;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  auditThrough(app);
  shop = await approvedMerchant(app, 'crash_shop', '环翠药房');
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

/** The reconciler treats everything as stale; it runs once the crashed request's writes show in the index (in
 * production it waits 2 minutes, far longer than an index trails). */
const stale = { staleAfterMs: 0 };
async function settleNow() {
  await app.indexesSettled();
  return allianceReconciler.settleClaims(stale);
}
const reconcileNow = async () => {
  await app.indexesSettled();
  return allianceReconciler.run(stale);
};

/** After a repair, the recount finds nothing in the offer's counters (`figures`: the figures repairs expected, when
 * the crash fell between a counter and its mirror), then nothing at all; the figures are exact. */
async function expectRecountFindsNothing(figures = 0): Promise<void> {
  await app.indexesSettled();
  const report = await allianceReconciler.recount(stale);
  expect(report).toMatchObject({ claimedRaised: 0, claimedLowered: 0, redeemedRepaired: 0 });
  expect(report.figuresRepaired).toBe(figures);
  expect((await allianceReconciler.recount(stale)).figuresRepaired).toBe(0);
  await expectFiguresExact(shop.merchantId);
}

async function codeItem(code: string) {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../../functions/lib/db');
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `CODE#${code}`, sk: 'CLAIM' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** The slot a crashed attempt holds (its code, never issued to anyone). */
async function slotsOf(offerId: string) {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../../functions/lib/db');
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
      ExpressionAttributeValues: { ':pk': `OFFER#${offerId}`, ':slot': 'SLOT#' },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

describe.each(BEFORE_ISSUE)('a crash at %s (before the claim item)', (point) => {
  it('never issues a code; the reconciler gives the unit and the slot back', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await app.login(`crash_before_${slug(point)}`);
    armFailpoint(point);
    await expect(claim(app, user.token, offer.id)).rejects.toThrow(/injected crash/);
    const crashed = await expectOfferConsistent(offer.id);
    expect(crashed.claims).toHaveLength(0);
    expect(crashed.unsettledSlots).toBe(1);
    const [leftover] = await slotsOf(offer.id);

    // A request still running (not stale) is left alone.
    await app.indexesSettled();
    const early = await allianceReconciler.run({ staleAfterMs: 60_000 });
    expect(early.claimsUndone + early.claimsFinished).toBe(0);

    // The repair step alone: the code is void for good, the unit and the slot are back.
    const report = await settleNow();
    expect(report).toMatchObject({ claimsUndone: 1, claimsFinished: 0 });
    const repaired = await expectOfferConsistent(offer.id);
    expect(repaired).toMatchObject({ claimed: 0, intents: 0, unsettledSlots: 0, claims: [] });
    expect(repaired.slotCounts).toEqual({});
    expect(await codeItem(leftover.code as string)).toMatchObject({ status: 'void', id: leftover.claimId });
    // The void code at the till: unknown (404), as any code never issued.
    const atTill = await app.request('POST', '/v1/redemptions', {
      token: shop.token,
      body: { code: leftover.code },
    });
    expect(atTill.status).toBe(404);
    expect(atTill.body.error.code).toBe('NOT_FOUND');
    await app.indexesSettled(); // "my codes" is an index listing
    expect((await app.request('GET', '/v1/me/claims', { token: user.token })).body.items).toHaveLength(0);
    await expectRecountFindsNothing(point === 'alliance.claim.afterUnitTaken' ? 1 : 0);

    // The user's slot is free again and the offer still has both units.
    expect((await claim(app, user.token, offer.id)).status).toBe(201);
    expect(
      (await claim(app, (await app.login(`crash_before_other_${slug(point)}`)).token, offer.id)).status,
    ).toBe(201);
    expect((await reconcileNow()).claimsUndone).toBe(0);
    expect(await expectOfferConsistent(offer.id)).toMatchObject({
      claimed: 2,
      intents: 0,
      unsettledSlots: 0,
    });
  });
});

describe.each(AFTER_ISSUE)('a crash at %s (after the claim item)', (point) => {
  it('the claim stands; the reconciler finishes it; the limit and the quantity still hold', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await app.login(`crash_after_${slug(point)}`);
    armFailpoint(point);
    await expect(claim(app, user.token, offer.id)).rejects.toThrow(/injected crash/);
    const crashed = await expectOfferConsistent(offer.id);
    expect(crashed.claims).toHaveLength(1);
    expect(crashed.claimed).toBe(1);
    const code = crashed.claims[0].code as string;

    // The repair step alone: the issued claim keeps its unit and its slot; only the bookkeeping is finished.
    const report = await settleNow();
    expect(report.claimsUndone).toBe(0);
    expect(report.claimsFinished).toBe(point === 'alliance.claim.afterSlotSettled' ? 0 : 1);
    const repaired = await expectOfferConsistent(offer.id);
    expect(repaired).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
    expect(repaired.slotCounts).toEqual({ [user.userId]: 1 });
    expect(await codeItem(code)).toMatchObject({ type: 'claim', status: 'claimed', userId: user.userId });
    await expectRecountFindsNothing();

    // The user sees the code, and it can be redeemed.
    await app.indexesSettled(); // "my codes" is an index listing
    const mine = await app.request('GET', '/v1/me/claims', { token: user.token });
    expect(mine.body.items).toHaveLength(1);
    expect(
      (
        await app.request('POST', '/v1/redemptions', {
          token: shop.token,
          body: { code: mine.body.items[0].code },
        })
      ).status,
    ).toBe(200);
    expect((await claim(app, user.token, offer.id)).body.error.code).toBe('LIMIT_REACHED');
    expect((await claim(app, (await app.login(`crash_after_b_${slug(point)}`)).token, offer.id)).status).toBe(
      201,
    );
    expect(
      (await claim(app, (await app.login(`crash_after_c_${slug(point)}`)).token, offer.id)).body.error.code,
    ).toBe('SOLD_OUT');
  });
});

describe('the reconciler racing live claims', () => {
  it('even treating every in-flight claim as stale, it never lets a code through twice or past the quantity', async () => {
    const offer = await postOffer(app, shop, { quantity: 30 });
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) tokens.push((await app.login(`race_${i}`)).token);
    let stop = false;
    let raised = 0;
    const sweeper = (async () => {
      while (!stop) raised += (await allianceReconciler.run({ staleAfterMs: 0 })).claimedRaised;
    })();
    const replies = await Promise.all(tokens.map((t) => claim(app, t, offer.id)));
    stop = true;
    await sweeper;
    await reconcileNow();

    expect(replies.every((r) => [201, 409, 503].includes(r.status))).toBe(true);
    const audit = await expectOfferConsistent(offer.id);
    expect(audit).toMatchObject({ intents: 0, unsettledSlots: 0 });
    const issued = new Set(audit.claims.map((c) => c.code as string));
    const won = replies.filter((r) => r.status === 201).map((r) => r.body.claim.code as string);
    for (const code of won) expect(issued.has(code)).toBe(true);
    expect(audit.claims).toHaveLength(won.length);
    expect(won.length).toBeLessThanOrEqual(30);
    // The counter was never found short while claims were in flight.
    expect(raised).toBe(0);
  });
});

describe('a crash in a redemption', () => {
  it('after the claim is redeemed: redeemed once, the figure is repaired by the recount', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const user = await app.login('crash_redeem_user');
    const code = (await claim(app, user.token, offer.id)).body.claim.code;
    const tap = { token: shop.token, body: { code }, headers: { 'idempotency-key': 'crash-redeem-tap' } };
    armFailpoint('alliance.redeem.afterRedeemed');
    await expect(app.request('POST', '/v1/redemptions', tap)).rejects.toThrow(/injected crash/);
    const crashed = await auditOffer(offer.id);
    expect(crashed).toMatchObject({ redeemed: 0, redeemedClaims: 1 });
    // The till retries with the same key once its lease ran out: the original reply, no second redemption.
    await leaseRunsOut(shop.userId, 'crash-redeem-tap');
    const again = await app.request('POST', '/v1/redemptions', tap);
    expect(again.status).toBe(200);
    expect(again.body.claim.status).toBe('redeemed');
    // The code shown again (a new tap) is refused.
    const shownAgain = await app.request('POST', '/v1/redemptions', { token: shop.token, body: { code } });
    expect(shownAgain.body.error.code).toBe('ALREADY_REDEEMED');
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 0, redeemedClaims: 1 });
    // The repair is the recount of the offer (mirrored into the figures); a second one finds nothing.
    expect((await reconcileNow()).redeemedRepaired).toBe(1);
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 1, redeemedClaims: 1 });
    await expectRecountFindsNothing();
  });
});

describe('the recount', () => {
  it('releases units held by nothing on a quiet offer, and leaves a busy one alone', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { db, tableName } = await import('../../functions/lib/db');
    // Simulate a counter that drifted up (e.g. a manual fix gone wrong): 2 units held by no claim or intent.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `OFFER#${offer.id}`, sk: 'META' },
        UpdateExpression: 'SET claimed = :two, lastClaimAt = :now',
        ExpressionAttributeValues: { ':two': 2, ':now': new Date().toISOString() },
      }),
    );
    await app.indexesSettled();
    expect((await allianceReconciler.run({ staleAfterMs: 60_000 })).claimedLowered).toBe(0);
    const lowered = await reconcileNow();
    expect(lowered.claimedLowered).toBe(1);
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 0, intents: 0 });
    // The hand-made drift never reached the figures; lowering the counter mirrored −2 into them, which the figures
    // recount (the same run) put right: the offers' sums are what the figures say.
    expect(lowered.figuresRepaired).toBe(1);
    await expectRecountFindsNothing();
  });
});

describe.each([
  'alliance.settle.afterVoided',
  'alliance.undo.afterUnitReturned',
  'alliance.undo.afterFiguresReturned',
])('the reconciler itself crashing at %s while undoing a claim', (point) => {
  it('the next run finishes the undo; the unit and the slot come back once', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await app.login(`crash_undo_${slug(point)}`);
    armFailpoint('alliance.claim.afterFiguresAdded');
    await expect(claim(app, user.token, offer.id)).rejects.toThrow(/injected crash/);
    armFailpoint(point);
    await expect(settleNow()).rejects.toThrow(/injected crash/);

    const report = await settleNow();
    expect(report.claimsUndone).toBe(1);
    expect(await expectOfferConsistent(offer.id)).toMatchObject({
      claimed: 0,
      intents: 0,
      unsettledSlots: 0,
      claims: [],
      slotCounts: {},
    });
    await expectRecountFindsNothing(point === 'alliance.undo.afterUnitReturned' ? 1 : 0);
  });
});
