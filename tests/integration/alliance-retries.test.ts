// Retries are normal: a claim retried with its Idempotency-Key after any failure (a 503 after the claim was
// written, a crash at any step, a lease run out) answers its own claim and never a second code; two finishers of
// one leftover attempt (the retry and the reconciler, or two reconciler runs) at once still end with one claim;
// a redemption retried with its key gets its original reply, and any other presentation of the code is refused.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { claimStore } from '../../functions/alliance/claimStore';
import { allianceReconciler } from '../../functions/alliance/reconcileService';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import {
  AFTER_ISSUE,
  BEFORE_ISSUE,
  approvedMerchant,
  auditOffer,
  auditThrough,
  claim,
  expectFiguresExact,
  expectOfferConsistent,
  failNextStoreCommand,
  postOffer,
  slug,
  type MerchantActor,
} from './alliance.support';

jest.setTimeout(180_000);

let app: TestApp;
let shop: MerchantActor;
let rival: MerchantActor;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  auditThrough(app);
  shop = await approvedMerchant(app, 'retry_shop', '环翠面馆');
  rival = await approvedMerchant(app, 'retry_rival', '对门面馆');
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  disarmAllFailpoints();
  jest.restoreAllMocks();
});

/** Only a crash between the offer's counter and its mirror leaves the figures to the recount. */
const figuresLeftShort = (point: string) => point === 'alliance.claim.afterUnitTaken';

const claimWithKey = (token: string, offerId: string, key: string) =>
  app.request('POST', `/v1/offers/${offerId}/claims`, { token, headers: { 'Idempotency-Key': key } });

/** The Idempotency-Key's lease (30 s) runs out, as it does after a crash: the retry then runs again. */
async function leaseRunsOut(userId: string, key: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `IDEMPOTENCY#${userId}#${key}`, sk: 'IDEMPOTENCY' },
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: { ':past': 0 },
    }),
  );
}

async function crashClaim(point: string, offerId: string, openid: string, key: string) {
  const user = await app.login(openid);
  armFailpoint(point);
  await expect(claimWithKey(user.token, offerId, key)).rejects.toThrow(/injected crash/);
  const crashed = await expectOfferConsistent(offerId);
  // The code the crashed request wrote, if it got that far (it never reached the user).
  const written = crashed.claims.map((c) => c.code as string);
  return { user, written };
}

/** The retry answered 201 with the offer's only claim (the code the crashed request wrote, if it wrote one); one
 * unit and one slot are held, nothing is in flight. Read before any recount. */
async function expectTheOneClaim(
  offerId: string,
  userId: string,
  retry: { status: number; body: { claim: { code: string } } },
  written: string[],
): Promise<void> {
  expect(retry.status).toBe(201);
  if (written.length > 0) expect(retry.body.claim.code).toBe(written[0]);
  const after = await expectOfferConsistent(offerId);
  expect(after).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
  expect(after.claims.map((c) => c.code)).toEqual([retry.body.claim.code]);
  expect(after.slotCounts).toEqual({ [userId]: 1 });
}

/** Nothing is left for a recount of the offer's counters; the figures need one only after a crash at their mirror. */
async function expectRecountFindsNothing(point: string): Promise<void> {
  const report = await allianceReconciler.recount({ staleAfterMs: 0 });
  expect(report).toMatchObject({ claimedRaised: 0, claimedLowered: 0, redeemedRepaired: 0 });
  expect(report.figuresRepaired).toBe(figuresLeftShort(point) ? 1 : 0);
  expect((await allianceReconciler.recount({ staleAfterMs: 0 })).figuresRepaired).toBe(0);
  await expectFiguresExact(shop.merchantId);
}

describe('defect 2: a retried claim issues a second code', () => {
  it('a store error after the claim item is written answers 503; the retry with the same key gets the same code', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 3 });
    const user = await app.login('retry_after_503');
    const fired = await failNextStoreCommand(
      (input) => input.includes('REMOVE intents') && input.includes(offer.id),
    );
    const first = await claimWithKey(user.token, offer.id, 'tap-1');
    expect(fired()).toBe(true);
    expect(first.status).toBe(503);
    const written = await auditOffer(offer.id);
    expect(written.claims).toHaveLength(1);

    const retry = await claimWithKey(user.token, offer.id, 'tap-1');
    expect(retry.status).toBe(201);
    expect(retry.body.claim.code).toBe(written.claims[0].code);
    const after = await expectOfferConsistent(offer.id);
    expect(after).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
    expect(after.claims).toHaveLength(1);
    await app.indexesSettled(); // "my codes" is an index listing
    const mine = await app.request('GET', '/v1/me/claims', { token: user.token });
    expect(mine.body.items.map((c: { code: string }) => c.code)).toEqual([retry.body.claim.code]);
    // A new tap (a new key) is a new claim, within the limit.
    expect((await claimWithKey(user.token, offer.id, 'tap-2')).status).toBe(201);
    expect((await expectOfferConsistent(offer.id)).claims).toHaveLength(2);
    await expectFiguresExact(shop.merchantId);
  });

  it.each([...BEFORE_ISSUE, ...AFTER_ISSUE])(
    'a crash at %s, then the retry with the same key: one claim, one unit',
    async (point) => {
      const offer = await postOffer(app, shop, { quantity: 3, perUserLimit: 2 });
      const key = `crash-${slug(point)}`;
      const { user, written } = await crashClaim(point, offer.id, `retry_crash_${slug(point)}`, key);
      // While the crashed request's lease lasts, the key answers "in progress" (the client keeps its key).
      expect((await claimWithKey(user.token, offer.id, key)).body.error.code).toBe('REQUEST_IN_PROGRESS');
      await leaseRunsOut(user.userId, key);

      const retry = await claimWithKey(user.token, offer.id, key);
      await expectTheOneClaim(offer.id, user.userId, retry, written);
      // The same reply again from the idempotency record, and the reconciler finds nothing left to settle.
      expect((await claimWithKey(user.token, offer.id, key)).body.claim.code).toBe(retry.body.claim.code);
      await app.indexesSettled();
      const settled = await allianceReconciler.settleClaims({ staleAfterMs: 0 });
      expect(settled).toMatchObject({ claimsFinished: 0, claimsUndone: 0 });
      await expectRecountFindsNothing(point);
    },
  );
});

describe('two finishers of one leftover claim attempt at once', () => {
  it.each([...BEFORE_ISSUE, ...AFTER_ISSUE])(
    'a crash at %s, then the retry and the reconciler together: one claim, checked before any recount',
    async (point) => {
      const offer = await postOffer(app, shop, { quantity: 3, perUserLimit: 2 });
      const key = `both-${slug(point)}`;
      const { user, written } = await crashClaim(point, offer.id, `finishers_${slug(point)}`, key);
      await leaseRunsOut(user.userId, key);
      // The reconciler runs once the leftover is stale (and its journal shows in the index): only that is stale.
      await app.indexesSettled();
      const staleAt = Date.now();
      const [retry] = await Promise.all([
        claimWithKey(user.token, offer.id, key),
        allianceReconciler.settleClaims({ staleAfterMs: 0, now: staleAt }),
      ]);
      await expectTheOneClaim(offer.id, user.userId, retry, written);
      await expectRecountFindsNothing(point);
    },
  );

  it.each([...BEFORE_ISSUE, ...AFTER_ISSUE])(
    'a crash at %s, then two reconciler runs together: the same outcome as one, counted once',
    async (point) => {
      const offer = await postOffer(app, shop, { quantity: 3, perUserLimit: 2 });
      const { user, written } = await crashClaim(
        point,
        offer.id,
        `two_runs_${slug(point)}`,
        `runs-${slug(point)}`,
      );
      await app.indexesSettled();
      const reports = await Promise.all([
        allianceReconciler.settleClaims({ staleAfterMs: 0 }),
        allianceReconciler.settleClaims({ staleAfterMs: 0 }),
      ]);
      const finished = reports[0].claimsFinished + reports[1].claimsFinished;
      const undone = reports[0].claimsUndone + reports[1].claimsUndone;
      const after = await expectOfferConsistent(offer.id);
      expect(after).toMatchObject({ intents: 0, unsettledSlots: 0 });
      if (written.length > 0) {
        expect(after).toMatchObject({ claimed: 1, slotCounts: { [user.userId]: 1 } });
        expect(after.claims.map((c) => c.code)).toEqual(written);
        expect([finished, undone]).toEqual([point === 'alliance.claim.afterSlotSettled' ? 0 : 1, 0]);
      } else {
        expect(after).toMatchObject({ claimed: 0, slotCounts: {} });
        expect(after.claims).toHaveLength(0);
        expect([finished, undone]).toEqual([0, 1]);
      }
      await expectRecountFindsNothing(point);
    },
  );
});

describe('defect 6: a redemption retried after an error at the till, and a code shown again', () => {
  const redeem = (token: string, code: string, key?: string) =>
    app.request('POST', '/v1/redemptions', {
      token,
      body: { code },
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

  it('the till repeating its request with the same key gets the original 200 reply; still one redemption', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const customer = await app.login('retry_redeem_customer');
    const code = (await claim(app, customer.token, offer.id)).body.claim.code as string;
    // The store fails right after the claim item is redeemed: the till sees an error and tries again, same key.
    await failNextStoreCommand((input) => input.includes('ADD redeemed') && input.includes(offer.id));
    expect((await redeem(shop.token, code, 'till-tap-1')).status).toBe(503);
    const retry = await redeem(shop.token, code, 'till-tap-1');
    expect(retry.status).toBe(200);
    expect(retry.body.claim).toMatchObject({ code, status: 'redeemed', redeemedAt: expect.any(String) });
    const again = await redeem(shop.token, code, 'till-tap-1');
    expect(again.status).toBe(200);
    expect(again.body.claim).toEqual(retry.body.claim);
    // Another merchant still gets the contract's refusal.
    const other = await redeem(rival.token, code);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');

    expect(await auditOffer(offer.id)).toMatchObject({ redeemedClaims: 1, redeemed: 0 });
    await app.indexesSettled();
    expect((await allianceReconciler.recount({ staleAfterMs: 0 })).redeemedRepaired).toBe(1);
    expect(await auditOffer(offer.id)).toMatchObject({ redeemedClaims: 1, redeemed: 1 });
    expect((await allianceReconciler.recount({ staleAfterMs: 0 })).redeemedRepaired).toBe(0);
    await expectFiguresExact(shop.merchantId);
  });

  it('the code shown again at once — a new tap, another till, no key — is 409 ALREADY_REDEEMED with when', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const customer = await app.login('twice_redeem_customer');
    const code = (await claim(app, customer.token, offer.id)).body.claim.code as string;
    const first = await redeem(shop.token, code, 'till-a-tap-1');
    expect(first.status).toBe(200);
    const at = new Date(Date.parse(first.body.claim.redeemedAt) + 8 * 3600_000).toISOString();
    const when = `${Number(at.slice(5, 7))}月${Number(at.slice(8, 10))}日 ${at.slice(11, 16)}`;
    for (const key of ['till-a-tap-2', 'till-b-tap-1', undefined]) {
      const shownAgain = await redeem(shop.token, code, key);
      expect(shownAgain.status).toBe(409);
      expect(shownAgain.body.error).toMatchObject({
        code: 'ALREADY_REDEEMED',
        message: `该券码已于 ${when} 核销，不能重复使用`,
      });
    }
    // The first request's own key still replays its 200; the offer counts one redemption.
    expect((await redeem(shop.token, code, 'till-a-tap-1')).body.claim).toEqual(first.body.claim);
    expect(await auditOffer(offer.id)).toMatchObject({ redeemedClaims: 1, redeemed: 1 });
  });

  it('a request without a key whose applied write the store client sent again (refused) still gets its 200', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const customer = await app.login('sdk_retry_redeem_customer');
    const code = (await claim(app, customer.token, offer.id)).body.claim.code as string;
    const realRedeem = claimStore.redeem.bind(claimStore);
    jest.spyOn(claimStore, 'redeem').mockImplementationOnce(async (...args) => {
      // The write is applied, its reply lost; the client's retry of it finds the condition false.
      expect(await realRedeem(...args)).not.toBeNull();
      return realRedeem(...args);
    });
    const res = await redeem(shop.token, code);
    expect(res.status).toBe(200);
    expect(res.body.claim).toMatchObject({ code, status: 'redeemed' });
    // Another request (no key) is a new presentation: refused.
    expect((await redeem(shop.token, code)).body.error.code).toBe('ALREADY_REDEEMED');
    // The offer's figure was not counted by the request; the recount raises it.
    expect(await auditOffer(offer.id)).toMatchObject({ redeemedClaims: 1, redeemed: 0 });
    await app.indexesSettled();
    expect((await allianceReconciler.recount({ staleAfterMs: 0 })).redeemedRepaired).toBe(1);
    expect(await auditOffer(offer.id)).toMatchObject({ redeemedClaims: 1, redeemed: 1 });
  });

  it('a retry without a key after a 503 is a new request: 409 ALREADY_REDEEMED, the code redeemed once', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const customer = await app.login('keyless_redeem_customer');
    const code = (await claim(app, customer.token, offer.id)).body.claim.code as string;
    await failNextStoreCommand((input) => input.includes('ADD redeemed') && input.includes(offer.id));
    expect((await redeem(shop.token, code)).status).toBe(503);
    const retry = await redeem(shop.token, code);
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('ALREADY_REDEEMED');
    expect((await auditOffer(offer.id)).redeemedClaims).toBe(1);
  });
});
