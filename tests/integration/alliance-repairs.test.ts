// The claim steps and the alliance reconciler, each checked where a wrong change would show (docs/QUALITY.md,
// mutation testing): a per-user limit lowered while a claim holds its slot, a twin attempt of the same claim id, a
// slot number taken meanwhile, store writes that never succeed (bounded retries), a retry after the reconciler voided
// its code, a retry carrying its attempt on, a twin that wrote the claim item first, a very slow request voided under
// it, a unit whose slot journal is gone, an under-counted and an over-counted offer, a redemption's repair and its
// mirror, the look-back and the default staleness, the figures recount's quiet rules and its watermark. Each test is
// named after the defect it would catch. Real handlers on one embedded store (every read current); state is read
// straight from the store, each repair is checked on its own before any recount, and the recount then finds nothing.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { claimIdFor } from '../../functions/alliance/claimSteps';
import { claimStore } from '../../functions/alliance/claimStore';
import { figuresStore } from '../../functions/alliance/figuresStore';
import type { OfferRecord } from '../../functions/alliance/model';
import { offerStore } from '../../functions/alliance/offerStore';
import { allianceReconciler, type ReconcileReport } from '../../functions/alliance/reconcileService';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { idempotencyRecordKey } from '../../functions/lib/idempotency';
import { logger } from '../../functions/lib/logger';
import { districtDate } from '../../functions/lib/time';
import { startTestApp, type TestApp } from '../support/app';
import { leaseRunsOut } from '../support/idempotencyLease';
import {
  approvedMerchant,
  auditFigures,
  auditOffer,
  claim,
  expectFiguresExact,
  expectOfferConsistent,
  inMinutes,
  postOffer,
  sleep,
  type MerchantActor,
} from './alliance.support';

jest.setTimeout(60_000);

let app: TestApp;
let shop: MerchantActor;
beforeAll(async () => {
  // Its tests run the reconciler's steps inside a claim request (spies), which the deployed-role check would take for
  // the claim function's own calls: the roles are checked by every other suite.
  app = await startTestApp({ asDeployed: false });
  shop = await approvedMerchant(app, 'repairs_shop', '修复小店');
});
afterAll(async () => {
  await app.close();
});
afterEach(async () => {
  disarmAllFailpoints();
  jest.restoreAllMocks();
  await deleteWatermark(); // each test starts from the figures recount's first run
});

let users = 0;
const newUser = () => app.login(`repairs_user_${++users}`);
let shops = 0;
const newShop = () => approvedMerchant(app, `repairs_shop_${++shops}`);
const iso = (ms: number) => new Date(ms).toISOString();
const stale = { staleAfterMs: 0 };
const NOTHING = {
  claimsFinished: 0,
  claimsUndone: 0,
  claimedRaised: 0,
  claimedLowered: 0,
  redeemedRepaired: 0,
  figuresRepaired: 0,
  merchantRolesGranted: 0,
};
const SETTLED_NOTHING: ReconcileReport = { ...NOTHING, offersChecked: 0, figuresChecked: 0 };

const claimWithKey = (token: string, offerId: string, key: string) =>
  app.request('POST', `/v1/offers/${offerId}/claims`, { token, headers: { 'Idempotency-Key': key } });
const redeem = (token: string, code: string) =>
  app.request('POST', '/v1/redemptions', { token, body: { code } });

async function setItem(key: Record<string, string>, fields: Record<string, unknown>): Promise<void> {
  const names = Object.keys(fields);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${names.map((f) => `#${f} = :${f}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((f) => [`#${f}`, f])),
      ExpressionAttributeValues: Object.fromEntries(names.map((f) => [`:${f}`, fields[f]])),
    }),
  );
}
const setOffer = (offerId: string, fields: Record<string, unknown>) =>
  setItem({ pk: `OFFER#${offerId}`, sk: 'META' }, fields);
const setFigures = (merchantId: string, fields: Record<string, unknown>) =>
  setItem({ pk: 'ALLIANCE_FIGURES', sk: `MERCHANT#${merchantId}#industry` }, fields);
/** A drift of the merchant's claimed figure (a change the steps would never make). */
const driftFigures = (merchantId: string, claimed: number) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: 'ALLIANCE_FIGURES', sk: `MERCHANT#${merchantId}#industry` },
      UpdateExpression: 'ADD claimed :n, rev :one',
      ExpressionAttributeValues: { ':n': claimed, ':one': 1 },
    }),
  );

const WATERMARK = { pk: 'ALLIANCE_RECONCILE', sk: 'FIGURES' };
async function deleteWatermark(): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: WATERMARK }));
}
async function setWatermark(until: string): Promise<void> {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...WATERMARK, type: 'alliance_reconcile', until } }),
  );
}

async function offerRecord(offerId: string): Promise<OfferRecord> {
  return (await offerStore.get(offerId))!;
}

/** Today's daily figure of issued claims (the staff dashboard's, counted from the stream: claimFigures.ts). */
async function claimedToday(): Promise<number> {
  await app.streamsSettled();
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `STATS#${districtDate()}`, sk: 'offers.claimed' },
      ConsistentRead: true,
    }),
  );
  return (Item?.count as number | undefined) ?? 0;
}

/** After a repair checked on its own: nothing left to settle, the recount finds nothing in the offers' counters
 * (`figures`: the figures repairs expected), then nothing at all; the merchant's figures are exact. */
async function expectRecountFindsNothing(merchant: MerchantActor, figures = 0): Promise<void> {
  expect(await allianceReconciler.settleClaims(stale)).toEqual(SETTLED_NOTHING);
  const report = await allianceReconciler.recount(stale);
  expect(report).toMatchObject({ ...NOTHING, figuresRepaired: figures });
  expect(await allianceReconciler.recount(stale)).toMatchObject(NOTHING);
  await expectFiguresExact(merchant.merchantId);
}

async function crashedClaim(point: string, offerId: string, key?: string) {
  const user = await newUser();
  armFailpoint(point);
  const request = key ? claimWithKey(user.token, offerId, key) : claim(app, user.token, offerId);
  await expect(request).rejects.toThrow(/injected crash/);
  const [leftover] = await claimStore.slotsOf(offerId, user.userId);
  return { user, leftover };
}

/** A keyed retry after its attempt was voided: a new code, the offer's one unit held by it and nothing else. */
async function expectNewCodeIssued(
  retry: { status: number; body: { claim: { code: string } } },
  leftover: { code: string },
  offerId: string,
) {
  expect(retry.status).toBe(201);
  expect(retry.body.claim.code).not.toBe(leftover.code);
  const after = await expectOfferConsistent(offerId);
  expect(after).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
  expect(after.claims.map((c) => c.code)).toEqual([retry.body.claim.code]);
  return after;
}

describe('the claim steps', () => {
  it('a claim whose per-user limit was lowered while it held its slot is refused LIMIT_REACHED and frees the slot', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 2 });
    const user = await newUser();
    expect((await claim(app, user.token, offer.id)).status).toBe(201);
    const realTake = claimStore.takeSlot.bind(claimStore);
    jest.spyOn(claimStore, 'takeSlot').mockImplementationOnce(async (slot) => {
      const taken = await realTake(slot);
      const edit = await app.request('PATCH', `/v1/offers/${offer.id}`, {
        token: shop.token,
        body: { perUserLimit: 1 },
      });
      expect(edit.status).toBe(200);
      return taken;
    });
    const second = await claim(app, user.token, offer.id);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'LIMIT_REACHED', message: '每人限领 1 张，您已领满' });
    const audit = await expectOfferConsistent(offer.id);
    expect(audit).toMatchObject({
      claimed: 1,
      intents: 0,
      unsettledSlots: 0,
      slotCounts: { [user.userId]: 1 },
    });
    expect(audit.claims).toHaveLength(1);
    await expectRecountFindsNothing(shop);
  });

  it('a user holding as many claims as a lowered limit allows is refused, even with a lower slot number free', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 2 });
    const user = await newUser();
    // The first attempt dies holding slot 1; the next claim takes slot 2; the reconciler undoes the first: slot 1 free.
    armFailpoint('alliance.claim.afterSlotTaken');
    await expect(claimWithKey(user.token, offer.id, 'dies')).rejects.toThrow(/injected crash/);
    expect((await claim(app, user.token, offer.id)).status).toBe(201);
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    const edit = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: shop.token,
      body: { perUserLimit: 1 },
    });
    expect(edit.status).toBe(200);
    const again = await claim(app, user.token, offer.id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'LIMIT_REACHED', message: '每人限领 1 张，您已领满' });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({
      claimed: 1,
      intents: 0,
      unsettledSlots: 0,
      slotCounts: { [user.userId]: 1 },
    });
  });

  it('a keyed claim that finds a twin attempt of its own claim id beside its slot steps back: 503, its slot freed', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 3 });
    const user = await newUser();
    const claimId = claimIdFor(user.userId, offer.id, 'twin');
    const realTake = claimStore.takeSlot.bind(claimStore);
    let twinAt = '';
    jest.spyOn(claimStore, 'takeSlot').mockImplementationOnce(async (slot) => {
      const taken = await realTake(slot);
      twinAt = slot.at;
      // The twin request (the same key, after the idempotency lease) took the next slot at the same moment.
      await realTake({ ...slot, slot: slot.slot + 1, code: 'TWINCODE' });
      return taken;
    });
    expect((await claimWithKey(user.token, offer.id, 'twin')).status).toBe(503);
    expect(await claimStore.slotsOf(offer.id, user.userId)).toEqual([
      { offerId: offer.id, userId: user.userId, slot: 2, claimId, code: 'TWINCODE', at: twinAt },
    ]);
    expect(await auditOffer(offer.id)).toMatchObject({
      claimed: 0,
      intents: 0,
      claims: [],
      unsettledSlots: 1,
    });
    // The twin died here: the reconciler undoes it.
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 0, slotCounts: {}, unsettledSlots: 0 });
    await expectRecountFindsNothing(shop);
  });

  it('a keyed claim whose unit is held by a twin attempt of its claim id steps back without taking a second unit', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 2 });
    const user = await newUser();
    const claimId = claimIdFor(user.userId, offer.id, 'held');
    // The twin took its unit (and its figure) with its own code; its slot is out of this request's sight.
    const at = new Date().toISOString();
    const intent = { userId: user.userId, slot: 2, code: 'TWINUNIT', at };
    expect(await offerStore.takeUnit(await offerRecord(offer.id), claimId, intent)).toBe(true);
    await figuresStore.add(await offerRecord(offer.id), { claimed: 1 }, at);
    const take = jest.spyOn(offerStore, 'takeUnit');
    expect((await claimWithKey(user.token, offer.id, 'held')).status).toBe(503);
    expect(take).not.toHaveBeenCalled();
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 1, intentIds: [claimId], slotCounts: {} });
    expect((await offerRecord(offer.id)).intents[claimId]).toEqual(intent);
    // The twin died: the reconciler gives its unit back.
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 0, intents: 0, slotCounts: {} });
    await expectRecountFindsNothing(shop);
  });

  it('a keyed claim whose slot number was taken meanwhile takes the next free one (it reads the slots again)', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 2 });
    const user = await newUser();
    const realTake = claimStore.takeSlot.bind(claimStore);
    jest.spyOn(claimStore, 'takeSlot').mockImplementationOnce(async (slot) => {
      await realTake({ ...slot, claimId: 'another-claim', code: 'OTHERCODE' }); // another claim of the user
      return false;
    });
    const res = await claimWithKey(user.token, offer.id, 'next-slot');
    expect(res.status).toBe(201);
    const slots = await claimStore.slotsOf(offer.id, user.userId);
    expect(slots.map((s) => [s.slot, s.code])).toEqual([
      [1, 'OTHERCODE'],
      [2, res.body.claim.code],
    ]);
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({
      claimed: 1,
      intents: 0,
      unsettledSlots: 0,
    });
    await expectRecountFindsNothing(shop);
  });

  it('a slot that can never be taken fails with 503 after perUserLimit + 5 tries instead of looping', async () => {
    const offer = await postOffer(app, shop, { quantity: 5, perUserLimit: 2 });
    const take = jest.spyOn(claimStore, 'takeSlot').mockResolvedValue(false);
    expect((await claim(app, (await newUser()).token, offer.id)).status).toBe(503);
    expect(take).toHaveBeenCalledTimes(7);
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 0, intents: 0, slotCounts: {} });
  });

  it('a unit that can never be taken fails with 503 after five tries and gives the slot back', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const take = jest.spyOn(offerStore, 'takeUnit').mockResolvedValue(false);
    expect((await claim(app, (await newUser()).token, offer.id)).status).toBe(503);
    expect(take).toHaveBeenCalledTimes(5);
    expect(await auditOffer(offer.id)).toMatchObject({
      claimed: 0,
      intents: 0,
      slotCounts: {},
      unsettledSlots: 0,
    });
    await expectRecountFindsNothing(shop);
  });

  it('a retry after the reconciler voided its code (and died before the undo) gives the old unit back once and issues a new code', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const { user, leftover } = await crashedClaim('alliance.claim.afterFiguresAdded', offer.id, 'voided');
    armFailpoint('alliance.settle.afterVoided');
    await expect(allianceReconciler.settleClaims(stale)).rejects.toThrow(/injected crash/);
    await leaseRunsOut(user.userId, 'voided');
    const retry = await claimWithKey(user.token, offer.id, 'voided');
    const after = await expectNewCodeIssued(retry, leftover, offer.id);
    expect(after).toMatchObject({ slotCounts: { [user.userId]: 1 } });
    expect(await claimStore.getByCode(leftover.code)).toEqual({
      kind: 'void',
      claimId: leftover.claimId,
      offerId: offer.id,
    });
    await expectRecountFindsNothing(shop);
  });

  it('a retry after the reconciler voided its code takes the unit its undo gave back, even the last one (not SOLD_OUT on the offer as read before the undo)', async () => {
    const offer = await postOffer(app, shop, { quantity: 1 });
    const { user, leftover } = await crashedClaim('alliance.claim.afterFiguresAdded', offer.id, 'last');
    armFailpoint('alliance.settle.afterVoided');
    await expect(allianceReconciler.settleClaims(stale)).rejects.toThrow(/injected crash/);
    await leaseRunsOut(user.userId, 'last');
    await expectNewCodeIssued(await claimWithKey(user.token, offer.id, 'last'), leftover, offer.id);
    await expectRecountFindsNothing(shop);
  });

  // The reconciler undoes the crashed attempt of a retry's key while the retry runs: the retry must take the unit
  // the undo gave back, the last one too (not SOLD_OUT on an offer read before the undo, not 503).
  async function expectRetryTakesTheUnitDespiteUndo(spyOnRead: () => void) {
    const offer = await postOffer(app, shop, { quantity: 1 });
    const { user, leftover } = await crashedClaim('alliance.claim.afterFiguresAdded', offer.id, 'raced');
    await leaseRunsOut(user.userId, 'raced');
    spyOnRead();
    const retry = await claimWithKey(user.token, offer.id, 'raced');
    const after = await expectNewCodeIssued(retry, leftover, offer.id);
    expect(after).toMatchObject({ slotCounts: { [user.userId]: 1 } });
    await expectRecountFindsNothing(shop);
  }
  const undoNow = async () =>
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });

  it('a retry whose attempt is undone just before it reads its slots starts anew on the offer as it is then', async () => {
    const realSlots = claimStore.slotsOf.bind(claimStore);
    await expectRetryTakesTheUnitDespiteUndo(() =>
      jest.spyOn(claimStore, 'slotsOf').mockImplementationOnce(async (...args) => {
        await undoNow();
        return realSlots(...args);
      }),
    );
  });

  it('a retry whose attempt is undone between its slots and the offer finds the void code and reads the offer again', async () => {
    const realGet = offerStore.get.bind(offerStore);
    await expectRetryTakesTheUnitDespiteUndo(() =>
      jest.spyOn(offerStore, 'get').mockImplementationOnce(async (...args) => {
        await undoNow();
        return realGet(...args);
      }),
    );
  });

  it('a retry carries its crashed attempt on with the code it was given (it does not undo it and start over)', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const { user, leftover } = await crashedClaim('alliance.claim.afterSlotTaken', offer.id, 'carry');
    await leaseRunsOut(user.userId, 'carry');
    const before = await claimedToday();
    const retry = await claimWithKey(user.token, offer.id, 'carry');
    expect(retry.status).toBe(201);
    expect(retry.body.claim).toMatchObject({ id: leftover.claimId, code: leftover.code });
    expect(await claimedToday()).toBe(before + 1);
    const after = await expectOfferConsistent(offer.id);
    expect(after).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
    expect(after.claims.map((c) => c.code)).toEqual([leftover.code]);
    await expectRecountFindsNothing(shop);
  });

  it('a retry whose first reply was lost answers the same claim without counting it again', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await newUser();
    const first = await claimWithKey(user.token, offer.id, 'lost-reply');
    expect(first.status).toBe(201);
    // The reply never reached the user and its idempotency record was not kept: the retry runs the claim again.
    await db().send(
      new DeleteCommand({ TableName: tableName(), Key: idempotencyRecordKey(user.userId, 'lost-reply') }),
    );
    const before = await claimedToday();
    const retry = await claimWithKey(user.token, offer.id, 'lost-reply');
    expect(retry.status).toBe(201);
    expect(retry.body.claim).toEqual(first.body.claim);
    expect(await claimedToday()).toBe(before);
    const after = await expectOfferConsistent(offer.id);
    expect(after).toMatchObject({ claimed: 1, intents: 0, unsettledSlots: 0 });
    expect(after.claims).toHaveLength(1);
    await expectRecountFindsNothing(shop);
  });

  it('a claim whose twin wrote the claim item first answers that claim, keeps its unit and counts it once', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await newUser();
    const realPut = claimStore.putClaim.bind(claimStore);
    jest.spyOn(claimStore, 'putClaim').mockImplementationOnce(async (record) => {
      await realPut(record); // the twin of this very attempt got there first
      return realPut(record);
    });
    const before = await claimedToday();
    const res = await claimWithKey(user.token, offer.id, 'twin-wrote');
    expect(res.status).toBe(201);
    expect(await claimedToday()).toBe(before + 1);
    const after = await expectOfferConsistent(offer.id);
    expect(after).toMatchObject({
      claimed: 1,
      intents: 0,
      unsettledSlots: 0,
      slotCounts: { [user.userId]: 1 },
    });
    expect(after.claims.map((c) => c.code)).toEqual([res.body.claim.code]);
    await expectRecountFindsNothing(shop);
  });

  it('a very slow claim whose code the reconciler voided (dying before the undo) undoes itself: 503, no code', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await newUser();
    const realPut = claimStore.putClaim.bind(claimStore);
    let code = '';
    jest.spyOn(claimStore, 'putClaim').mockImplementationOnce(async (record) => {
      code = record.code;
      await sleep(5); // the slot's journal entry is now before the reconciler's stale line
      armFailpoint('alliance.settle.afterVoided');
      await allianceReconciler.settleClaims(stale).catch(() => undefined);
      return realPut(record);
    });
    expect((await claim(app, user.token, offer.id)).status).toBe(503);
    expect(await claimStore.getByCode(code)).toMatchObject({ kind: 'void' });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({
      claimed: 0,
      intents: 0,
      claims: [],
      slotCounts: {},
      unsettledSlots: 0,
    });
    await expectRecountFindsNothing(shop);
  });

  it('the offer refuses a claim with its own message for each reason', async () => {
    const user = await newUser();
    const upcoming = await postOffer(app, shop, { validFrom: inMinutes(30), validUntil: inMinutes(60) });
    const withdrawn = await postOffer(app, shop);
    await app.request('DELETE', `/v1/offers/${withdrawn.id}`, { token: shop.token });
    const ended = await postOffer(app, shop);
    await setOffer(ended.id, { validUntil: inMinutes(-1) });
    const limited = await postOffer(app, shop, { perUserLimit: 1 });
    expect((await claim(app, user.token, limited.id)).status).toBe(201);
    const errors = [];
    for (const id of [upcoming.id, withdrawn.id, ended.id, limited.id])
      errors.push((await claim(app, user.token, id)).body.error);
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['OFFER_NOT_ACTIVE', '该优惠尚未开始领取'],
      ['OFFER_NOT_ACTIVE', '该优惠已撤回'],
      ['OFFER_NOT_ACTIVE', '该优惠已结束'],
      ['LIMIT_REACHED', '每人限领 1 张，您已领满'],
    ]);
  });
});

describe('settling stale attempts', () => {
  it('a unit whose slot journal is gone (undone before the unit was taken, then the request died) is given back once stale', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const user = await newUser();
    const realTake = offerStore.takeUnit.bind(offerStore);
    jest.spyOn(offerStore, 'takeUnit').mockImplementationOnce(async (read, claimId, intent) => {
      await sleep(5);
      // The reconciler voids the slow attempt and frees its slot (no unit to give back yet)...
      expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
      return realTake(read, claimId, intent); // ...then the request takes its unit, and dies
    });
    armFailpoint('alliance.claim.afterUnitTaken');
    await expect(claim(app, user.token, offer.id)).rejects.toThrow(/injected crash/);
    const crashed = await auditOffer(offer.id);
    expect(crashed).toMatchObject({ claimed: 1, intents: 1, claims: [], slotCounts: {}, unsettledSlots: 0 });
    const { at } = (await offerRecord(offer.id)).intents[crashed.intentIds[0]];

    // Just before its stale line the intent belongs to a request that may still run; at it, it is undone.
    expect(await allianceReconciler.settleClaims({ staleAfterMs: 0, now: Date.parse(at) - 1 })).toEqual(
      SETTLED_NOTHING,
    );
    expect(await allianceReconciler.settleClaims({ staleAfterMs: 0, now: Date.parse(at) })).toEqual({
      ...SETTLED_NOTHING,
      claimsUndone: 1,
    });
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 0, intents: 0, claims: [], slotCounts: {} });
    // The unit's figure was never added (the crash), and its return was mirrored: the figures recount evens it.
    await expectRecountFindsNothing(shop, 1);
  });

  it('a run with the default staleness leaves an attempt younger than 2 minutes alone', async () => {
    const offer = await postOffer(app, shop, { quantity: 2 });
    const { leftover } = await crashedClaim('alliance.claim.afterSlotTaken', offer.id);
    const at = Date.parse(leftover.at);
    expect(await allianceReconciler.settleClaims({ now: at + 119_000 })).toEqual(SETTLED_NOTHING);
    expect(await allianceReconciler.settleClaims({ now: at + 121_000 })).toEqual({
      ...SETTLED_NOTHING,
      claimsUndone: 1,
    });
    expect(await auditOffer(offer.id)).toMatchObject({ claimed: 0, slotCounts: {}, unsettledSlots: 0 });
    await expectRecountFindsNothing(shop);
  });
});

describe('the offers recount', () => {
  it('raises an under-counted offer to its claims and in-flight intents, mirrored, with an error for staff', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    for (let i = 0; i < 2; i++)
      expect((await claim(app, (await newUser()).token, offer.id)).status).toBe(201);
    await crashedClaim('alliance.claim.afterFiguresAdded', offer.id);
    await setOffer(offer.id, { claimed: 0 }); // a drift the steps would never make
    const error = jest.spyOn(logger, 'error');
    const report = await allianceReconciler.recount(stale);
    // Two claims and one intent in flight: held 3. The raise is mirrored (+3 on figures that were right); the figures
    // recount leaves them while the claim is in flight.
    expect(report).toMatchObject({ ...NOTHING, claimedRaised: 1 });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('alliance offer under-counted', {
      offerId: offer.id,
      claimed: 0,
      expected: 3,
    });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({ claimed: 3, intents: 1 });
    expect((await auditFigures(merchant.merchantId)).figures.industry.claimed).toBe(6);
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({ claimed: 2, intents: 0 });
    await expectRecountFindsNothing(merchant, 1);
  });

  it('does not lower a drifted-up counter while a claim is in flight, nor before its last claim is stale; then does', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    await crashedClaim('alliance.claim.afterFiguresAdded', offer.id);
    await setOffer(offer.id, { claimed: 3 });
    expect(await allianceReconciler.recount(stale)).toMatchObject(NOTHING);
    expect((await auditOffer(offer.id)).claimed).toBe(3);
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    const { lastClaimAt, claimed } = await offerRecord(offer.id);
    expect(claimed).toBe(2);
    const last = Date.parse(lastClaimAt!);
    expect(await allianceReconciler.recount({ staleAfterMs: 0, now: last - 1 })).toMatchObject({
      claimedLowered: 0,
    });
    expect((await auditOffer(offer.id)).claimed).toBe(2);
    // At the stale line exactly the offer is quiet.
    expect(await allianceReconciler.recount({ staleAfterMs: 0, now: last })).toMatchObject({
      claimedRaised: 0,
      claimedLowered: 1,
      redeemedRepaired: 0,
    });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({ claimed: 0, intents: 0 });
    await expectRecountFindsNothing(merchant, 1);
  });

  it('does not lower the counter under a crashed claim its retry finished late, while the index may not show it', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 1 });
    const { user, leftover } = await crashedClaim('alliance.claim.afterFiguresAdded', offer.id, 'late');
    // The crash was three minutes ago: the offer's last claim and the attempt's intent are that old.
    const then = inMinutes(-3);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `OFFER#${offer.id}`, sk: 'META' },
        UpdateExpression: 'SET lastClaimAt = :then, intents.#cid.#at = :then',
        ExpressionAttributeNames: { '#cid': leftover.claimId, '#at': 'at' },
        ExpressionAttributeValues: { ':then': then },
      }),
    );
    await leaseRunsOut(user.userId, 'late');
    const retry = await claimWithKey(user.token, offer.id, 'late');
    expect(retry.status).toBe(201);
    // A recount at once: the offers' index does not show the claim yet (DynamoDB's GSIs trail the table).
    const realAll = claimStore.allForOffer.bind(claimStore);
    jest
      .spyOn(claimStore, 'allForOffer')
      .mockImplementationOnce(async (id) =>
        (await realAll(id)).filter((c) => c.code !== retry.body.claim.code),
      );
    expect(await allianceReconciler.recount()).toMatchObject({ claimedLowered: 0 });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({ claimed: 1, intents: 0 });
    const rival = await claim(app, (await newUser()).token, offer.id);
    expect(rival.status).toBe(409);
    expect(rival.body.error.code).toBe('SOLD_OUT');
  });

  it('lowers a drifted-up counter on an offer never claimed (no last claim time)', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    await setOffer(offer.id, { claimed: 2 });
    const warn = jest.spyOn(logger, 'warn');
    expect(await allianceReconciler.recount(stale)).toMatchObject({
      ...NOTHING,
      claimedLowered: 1,
      figuresRepaired: 1, // the −2 mirrored for a drift the figures never had
    });
    expect(warn).toHaveBeenCalledWith('alliance figures repaired', {
      merchantId: merchant.merchantId,
      alliance: 'industry',
      off: ['claimed'],
    });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({ claimed: 0 });
    await expectRecountFindsNothing(merchant);
  });

  it("mirrors a redemption's repaired figure into the merchant's figures (nothing left for the figures recount)", async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    const codes: string[] = [];
    for (let i = 0; i < 2; i++)
      codes.push((await claim(app, (await newUser()).token, offer.id)).body.claim.code as string);
    expect((await redeem(merchant.token, codes[0])).status).toBe(200);
    armFailpoint('alliance.redeem.afterRedeemed');
    await expect(redeem(merchant.token, codes[1])).rejects.toThrow(/injected crash/);
    expect(await allianceReconciler.recount(stale)).toMatchObject({ ...NOTHING, redeemedRepaired: 1 });
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 2, redeemedClaims: 2 });
    await expectFiguresExact(merchant.merchantId);
    await expectRecountFindsNothing(merchant);
  });

  it('a repair refused because a redemption moved the figure meanwhile is neither counted nor mirrored', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    const code = (await claim(app, (await newUser()).token, offer.id)).body.claim.code as string;
    armFailpoint('alliance.redeem.afterRedeemed');
    await expect(redeem(merchant.token, code)).rejects.toThrow(/injected crash/);
    const realSet = offerStore.setFigure.bind(offerStore);
    jest.spyOn(offerStore, 'setFigure').mockImplementationOnce(async (...args) => {
      // The crashed redemption's own counter and mirror land between the recount's read and its write.
      const now = new Date().toISOString();
      await figuresStore.add(await offerStore.addRedeemed(offer.id, now), { redeemed: 1 }, now);
      return realSet(...args);
    });
    expect(await allianceReconciler.recount(stale)).toMatchObject(NOTHING);
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 1, redeemedClaims: 1 });
    await expectFiguresExact(merchant.merchantId);
    await expectRecountFindsNothing(merchant);
  });

  it('does not raise `redeemed` while a redemption is recent (it may be between its two writes); once stale, does', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    const code = (await claim(app, (await newUser()).token, offer.id)).body.claim.code as string;
    // A redemption under way: its claim is redeemed (step 1), its offer's figure not yet (step 2). Times are in the
    // past (five minutes ago), so nothing the runs write looks recent to the tests after this one.
    const at = Date.now() - 5 * 60_000;
    expect(
      await claimStore.redeem(code, merchant.merchantId, merchant.userId, iso(at), 'under-way'),
    ).not.toBeNull();
    expect(await allianceReconciler.recount({ now: at + 119_000 })).toMatchObject(NOTHING);
    // Step 2 lands: one redemption, counted once.
    await figuresStore.add(await offerStore.addRedeemed(offer.id, iso(at)), { redeemed: 1 }, iso(at));
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 1, redeemedClaims: 1 });
    // A redemption that died after step 1 is raised once it is stale (two minutes), not before.
    const other = (await claim(app, (await newUser()).token, offer.id)).body.claim.code as string;
    const then = at + 1000;
    expect(
      await claimStore.redeem(other, merchant.merchantId, merchant.userId, iso(then), 'died'),
    ).not.toBeNull();
    expect(await allianceReconciler.recount({ now: then + 119_000 })).toMatchObject(NOTHING);
    expect(await allianceReconciler.recount({ now: then + 120_000 })).toMatchObject({
      ...NOTHING,
      redeemedRepaired: 1,
    });
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 2, redeemedClaims: 2 });
    await expectFiguresExact(merchant.merchantId);
    await expectRecountFindsNothing(merchant);
  });

  it('looks back 30 days over ended offers, and no further', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 }); // ends in 24 hours
    const code = (await claim(app, (await newUser()).token, offer.id)).body.claim.code as string;
    armFailpoint('alliance.redeem.afterRedeemed');
    await expect(redeem(merchant.token, code)).rejects.toThrow(/injected crash/);
    const day = 86400_000;
    expect(
      (await allianceReconciler.recount({ staleAfterMs: 0, now: Date.now() + 31 * day })).redeemedRepaired,
    ).toBe(0);
    expect((await auditOffer(offer.id)).redeemed).toBe(0);
    expect(
      (await allianceReconciler.recount({ staleAfterMs: 0, now: Date.now() + 2 * day })).redeemedRepaired,
    ).toBe(1);
    expect(await auditOffer(offer.id)).toMatchObject({ redeemed: 1, redeemedClaims: 1 });
    // That run wrote its (future) time on the offer and the figures: back to now, so the merchant is not busy.
    await setOffer(offer.id, { figuresAt: iso(Date.now()) });
    await setFigures(merchant.merchantId, { changedAt: iso(Date.now()) });
    await expectRecountFindsNothing(merchant);
  });

  it('counts a written claim whose intent is not cleared yet once (not as a claim and an intent: no raise, no error)', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    await crashedClaim('alliance.claim.afterClaimWritten', offer.id);
    const crashed = await auditOffer(offer.id);
    expect(crashed).toMatchObject({ claimed: 1, intents: 1 });
    expect(crashed.claims).toHaveLength(1);
    const error = jest.spyOn(logger, 'error');
    expect(await allianceReconciler.recount(stale)).toMatchObject(NOTHING);
    expect(error).not.toHaveBeenCalled();
    expect((await auditOffer(offer.id)).claimed).toBe(1);
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsFinished: 1 });
    const settled = await expectOfferConsistent(offer.id);
    expect(settled).toMatchObject({ claimed: 1, intents: 0 });
    expect(settled.claims).toHaveLength(1);
    await expectRecountFindsNothing(merchant);
  });

  it('one run settles, recounts and grants, and reports each exactly', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    await crashedClaim('alliance.claim.afterSlotTaken', offer.id);
    await setOffer(offer.id, { claimed: 2 }); // held by nothing
    const report = await allianceReconciler.run(stale);
    const offers = await offerStore.all();
    expect(report).toEqual({
      ...NOTHING,
      offersChecked: offers.length,
      figuresChecked: new Set(offers.map((o) => `${o.merchantId}#${o.alliance}`)).size,
      claimsUndone: 1,
      claimedLowered: 1,
      figuresRepaired: 1,
    });
    expect(await expectOfferConsistent(offer.id)).toMatchObject({ claimed: 0, slotCounts: {} });
    await expectRecountFindsNothing(merchant);
  });
});

describe('the figures recount', () => {
  it('leaves a merchant alone while its figures moved after the stale line; at the line exactly it repairs them', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    const changed = Date.now() - 60_000;
    await setOffer(offer.id, { figuresAt: iso(changed - 10_000) });
    await driftFigures(merchant.merchantId, 3);
    await setFigures(merchant.merchantId, { changedAt: iso(changed) });
    expect((await allianceReconciler.recount({ staleAfterMs: 0, now: changed - 1 })).figuresRepaired).toBe(0);
    expect((await auditFigures(merchant.merchantId)).figures.industry.claimed).toBe(3);
    expect((await allianceReconciler.recount({ staleAfterMs: 0, now: changed })).figuresRepaired).toBe(1);
    await expectFiguresExact(merchant.merchantId);
    await expectRecountFindsNothing(merchant);
  });

  it('leaves a merchant alone while another of its offers moved after the stale line; at the line exactly it repairs', async () => {
    const merchant = await newShop();
    const quiet = await postOffer(app, merchant, { quantity: 5 });
    const moved = await postOffer(app, merchant, { quantity: 6 });
    const line = Date.now() - 60_000;
    await setOffer(quiet.id, { figuresAt: iso(line - 10_000) });
    await setOffer(moved.id, { figuresAt: iso(line + 5_000) });
    await driftFigures(merchant.merchantId, 3);
    await setFigures(merchant.merchantId, { changedAt: iso(line - 20_000) });
    expect((await allianceReconciler.recount({ staleAfterMs: 0, now: line })).figuresRepaired).toBe(0);
    expect((await auditFigures(merchant.merchantId)).figures.industry.claimed).toBe(3);
    expect((await allianceReconciler.recount({ staleAfterMs: 0, now: line + 5_000 })).figuresRepaired).toBe(
      1,
    );
    await expectFiguresExact(merchant.merchantId);
    await expectRecountFindsNothing(merchant);
  });

  it('leaves a merchant alone while a claim is in flight, even on an otherwise quiet offer', async () => {
    const merchant = await newShop();
    const offer = await postOffer(app, merchant, { quantity: 5 });
    await crashedClaim('alliance.claim.afterUnitTaken', offer.id); // the figures are one short meanwhile
    expect(
      (await allianceReconciler.recount({ staleAfterMs: 0, now: Date.now() + 60_000 })).figuresRepaired,
    ).toBe(0);
    expect((await auditFigures(merchant.merchantId)).figures.industry.claimed).toBe(0);
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    await expectRecountFindsNothing(merchant, 1);
  });

  it('a figures repair refused because the figures moved meanwhile is not counted; the next run makes it', async () => {
    const merchant = await newShop();
    await postOffer(app, merchant, { quantity: 5 });
    await driftFigures(merchant.merchantId, 3);
    const realSet = figuresStore.setIfUnchanged.bind(figuresStore);
    jest.spyOn(figuresStore, 'setIfUnchanged').mockImplementationOnce(async (...args) => {
      await driftFigures(merchant.merchantId, 1); // a mirror lands between the recount's read and its write
      return realSet(...args);
    });
    const warn = jest.spyOn(logger, 'warn');
    expect((await allianceReconciler.recount(stale)).figuresRepaired).toBe(0);
    expect(warn).not.toHaveBeenCalled();
    expect((await auditFigures(merchant.merchantId)).figures.industry.claimed).toBe(4);
    expect((await allianceReconciler.recount(stale)).figuresRepaired).toBe(1);
    await expectRecountFindsNothing(merchant);
  });

  it('looks again at offers changed up to 10 minutes before its watermark, not earlier; without one, at every offer', async () => {
    const [a, b] = [await newShop(), await newShop()];
    const offerA = await postOffer(app, a, { quantity: 5 });
    const offerB = await postOffer(app, b, { quantity: 5 });
    const mark = Date.now();
    await setOffer(offerA.id, { figuresAt: iso(mark - 5 * 60_000) });
    await setOffer(offerB.id, { figuresAt: iso(mark - 20 * 60_000) });
    await driftFigures(a.merchantId, 3);
    await driftFigures(b.merchantId, 3);
    await setWatermark(iso(mark));
    expect((await allianceReconciler.recount({ staleAfterMs: 0, now: mark })).figuresRepaired).toBe(1);
    await expectFiguresExact(a.merchantId);
    expect((await auditFigures(b.merchantId)).figures.industry.claimed).toBe(3);
    // The first run (no watermark) looks at every offer: both merchants, each once.
    await driftFigures(a.merchantId, 2);
    await deleteWatermark();
    expect((await allianceReconciler.recount({ staleAfterMs: 0, now: mark })).figuresRepaired).toBe(2);
    await expectFiguresExact(a.merchantId);
    await expectFiguresExact(b.merchantId);
  });

  it('the first run (no watermark) recounts the figures of a merchant whose offers all ended beyond the look-back', async () => {
    const merchant = await newShop();
    await postOffer(app, merchant, { quantity: 5 }); // ends in 24 hours
    await driftFigures(merchant.merchantId, 3);
    // 40 days on, the offer is outside the offers recount's 30-day look-back; the figures' first run still sees it.
    await allianceReconciler.recount({ staleAfterMs: 0, now: Date.now() + 40 * 86400_000 });
    expect((await auditFigures(merchant.merchantId)).figures.industry.claimed).toBe(0);
    await expectFiguresExact(merchant.merchantId);
    // That run wrote its (future) time on the figures and the watermark: back to now.
    await setFigures(merchant.merchantId, { changedAt: iso(Date.now()) });
    await deleteWatermark();
    await expectRecountFindsNothing(merchant);
  });

  it("moves the watermark to a busy merchant's earliest change, and to the stale line once all is done", async () => {
    const [y, x] = [await newShop(), await newShop()];
    const y0 = await postOffer(app, y, { quantity: 5 });
    const x0 = await postOffer(app, x, { quantity: 5, validUntil: inMinutes(60) });
    const x1 = await postOffer(app, x, { quantity: 5 });
    await crashedClaim('alliance.claim.afterFiguresAdded', x1.id); // x is busy
    await driftFigures(y.merchantId, 2); // y is quiet: repaired, and done
    const now = Date.now();
    await setOffer(y0.id, { figuresAt: iso(now - 3 * 60_000) });
    await setOffer(x0.id, { figuresAt: iso(now - 2 * 60_000) });
    await setOffer(x1.id, { figuresAt: iso(now - 60_000) });
    await allianceReconciler.recount({ staleAfterMs: 0, now });
    expect(await figuresStore.watermark()).toBe(iso(now - 2 * 60_000));
    expect(await allianceReconciler.settleClaims(stale)).toEqual({ ...SETTLED_NOTHING, claimsUndone: 1 });
    const later = Date.now();
    await allianceReconciler.recount({ staleAfterMs: 0, now: later });
    expect(await figuresStore.watermark()).toBe(iso(later));
    await expectRecountFindsNothing(x);
  });
});
