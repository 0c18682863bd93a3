// A write the store applied but whose reply was lost: the store client sends it again (its retries). A conditional
// copy is refused by the original, so the step must see that the item there is its own write and go on (a claim's
// slot: not take its own slot for another claim's and answer LIMIT_REACHED). An unconditional copy is applied again
// (a redemption's `ADD redeemed`): the figure must still end up counting the redemption once.
// Simulated by a store method that applies the write, then answers as its resent copy is answered.
import { allianceReconciler } from '../../functions/alliance/reconcileService';
import { claimStore } from '../../functions/alliance/claimStore';
import { offerStore } from '../../functions/alliance/offerStore';
import { startTestApp, type TestApp } from '../support/app';
import {
  approvedMerchant,
  auditOffer,
  auditThrough,
  claim,
  expectFiguresExact,
  expectOfferConsistent,
  postOffer,
  type MerchantActor,
} from './alliance.support';
import { loseNextReply } from '../support/lostReply';

jest.setTimeout(60_000);

let app: TestApp;
let shop: MerchantActor;
let n = 0;
beforeAll(async () => {
  app = await startTestApp();
  auditThrough(app);
  shop = await approvedMerchant(app, 'lost_reply_shop', '环翠馄饨');
});
afterAll(async () => {
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

const newUser = () => app.login(`lost_reply_user_${++n}`);

it('a claim whose slot write was applied goes on with that slot: 201, one claim, nothing left unsettled', async () => {
  const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 1 });
  const user = await newUser();
  const lost = loseNextReply(claimStore, 'takeSlot');
  const res = await app.request('POST', `/v1/offers/${offer.id}/claims`, {
    token: user.token,
    headers: { 'Idempotency-Key': 'lost-slot-reply' },
  });
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.error?.code]).toEqual([201, undefined]);
  const audit = await expectOfferConsistent(offer.id);
  expect(audit).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
  expect(audit.claims.map((c) => c.code)).toEqual([res.body.claim.code]);
  expect(audit.slotCounts).toEqual({ [user.userId]: 1 });
  // The user holds the limit: another claim is refused, and the retry of this one answers its code.
  expect((await claim(app, user.token, offer.id)).body.error?.code).toBe('LIMIT_REACHED');
  const retry = await app.request('POST', `/v1/offers/${offer.id}/claims`, {
    token: user.token,
    headers: { 'Idempotency-Key': 'lost-slot-reply' },
  });
  expect(retry.body.claim?.code).toBe(res.body.claim.code);
});

it('a claim without a key whose slot write was applied also keeps that one slot (limit 2: one slot taken)', async () => {
  const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 2 });
  const user = await newUser();
  loseNextReply(claimStore, 'takeSlot');
  expect((await claim(app, user.token, offer.id)).status).toBe(201);
  const audit = await expectOfferConsistent(offer.id);
  expect(audit).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
  expect(audit.slotCounts).toEqual({ [user.userId]: 1 });
  expect((await claim(app, user.token, offer.id)).status).toBe(201);
  expect((await expectOfferConsistent(offer.id)).claimed).toBe(2);
});

it("a redemption whose offer figure was added twice (a lost reply) counts once after the recount, and the merchant's figures once", async () => {
  const offer = await postOffer(app, shop, { quantity: 5 });
  const code = (await claim(app, (await newUser()).token, offer.id)).body.claim.code as string;
  const lost = loseNextReply(offerStore, 'addRedeemed');
  const res = await app.request('POST', '/v1/redemptions', { token: shop.token, body: { code } });
  expect(lost).toHaveBeenCalledTimes(1);
  expect(res.status).toBe(200);
  expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 2, redeemedClaims: 1 });
  // Not while the redemption is recent, nor while the offer's figures moved within the window (a claim since).
  expect(await allianceReconciler.recount()).toMatchObject({ redeemedRepaired: 0 });
  const redeemedAt = Date.parse(res.body.claim.redeemedAt as string);
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect((await claim(app, (await newUser()).token, offer.id)).status).toBe(201);
  expect(await allianceReconciler.recount({ staleAfterMs: 0, now: redeemedAt })).toMatchObject({
    redeemedRepaired: 0,
  });
  expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 2, redeemedClaims: 1 });
  // Once no redemption is recent (the staleness window, 2 minutes), the recount counts the redeemed claims.
  const later = { now: Date.now() + 3 * 60_000 };
  expect(await allianceReconciler.recount(later)).toMatchObject({ redeemedRepaired: 1 });
  expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 1, redeemedClaims: 1 });
  await expectFiguresExact(shop.merchantId);
  expect(await allianceReconciler.recount(later)).toMatchObject({ redeemedRepaired: 0 });
  expect((await app.request('GET', `/v1/offers/${offer.id}`)).body.offer.redeemed).toBe(1);
});
