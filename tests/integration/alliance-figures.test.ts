// The merchant figures items mirror the offers' counters: exact under concurrency with no recount; a crash between
// a counter and its mirror leaves them off, and the figures recount repairs that (checked right after it), only
// when all is quiet, once even when two recounts run at once, and then finds nothing more to fix.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { allianceReconciler } from '../../functions/alliance/reconcileService';
import { db, tableName } from '../../functions/lib/db';
import { armFailpoint, disarmAllFailpoints } from '../../functions/lib/faults';
import { startTestApp, type TestApp } from '../support/app';
import {
  approvedMerchant,
  auditFigures,
  auditThrough,
  claim,
  expectFiguresExact,
  postOffer,
  type MerchantActor,
} from './alliance.support';

jest.setTimeout(120_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ indexLagMs: 200 });
  auditThrough(app);
});
afterAll(async () => {
  await app.close();
});
afterEach(() => disarmAllFailpoints());

const stale = { staleAfterMs: 0 };
async function recountNow() {
  await app.indexesSettled();
  return allianceReconciler.recount(stale);
}
const redeem = (shop: MerchantActor, code: string) =>
  app.request('POST', '/v1/redemptions', { token: shop.token, body: { code } });

/** The recount repairs exactly one figures item; right after it they are exact; the next recount finds nothing. */
async function expectOneRepairThenNothing(shop: MerchantActor): Promise<void> {
  const { figures, expected } = await auditFigures(shop.merchantId);
  expect(figures).not.toEqual(expected);
  const report = await recountNow();
  expect(report).toMatchObject({
    figuresRepaired: 1,
    claimedRaised: 0,
    claimedLowered: 0,
    redeemedRepaired: 0,
  });
  await expectFiguresExact(shop.merchantId);
  expect((await recountNow()).figuresRepaired).toBe(0);
}

describe('figures under concurrency', () => {
  it('claims, redemptions and a quantity edit at once on offers in both alliances: exact with no recount', async () => {
    const shop = await approvedMerchant(app, 'figures_busy', '联盟超市');
    const a = await postOffer(app, shop, { alliance: 'industry', quantity: 30, perUserLimit: 3 });
    const b = await postOffer(app, shop, { alliance: 'cross_industry', quantity: 10 });
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) tokens.push((await app.login(`figures_user_${i}`)).token);
    const first = await Promise.all(tokens.slice(0, 10).map((t) => claim(app, t, a.id)));
    const codes = first.filter((r) => r.status === 201).map((r) => r.body.claim.code as string);
    await Promise.all([
      ...tokens.flatMap((t) => [claim(app, t, a.id), claim(app, t, b.id)]),
      ...codes.map((code) => redeem(shop, code)),
      app.request('PATCH', `/v1/offers/${a.id}`, { token: shop.token, body: { quantity: 40 } }),
    ]);
    await expectFiguresExact(shop.merchantId);
    const { figures } = await auditFigures(shop.merchantId);
    expect(figures.cross_industry).toMatchObject({ offers: 1, quantity: 10, claimed: 10 });
    expect(figures.industry.redeemed).toBe(codes.length);
    expect((await recountNow()).figuresRepaired).toBe(0);
  });
});

describe.each([
  ['alliance.offer.afterCreated', 'posting an offer'],
  ['alliance.offer.afterUpdated', 'editing the quantity'],
  ['alliance.claim.afterUnitTaken', 'claiming'],
  ['alliance.redeem.afterOfferCounted', 'redeeming'],
])('a crash at %s (%s), between the counter and its mirror', (point) => {
  it('leaves the figures off; the figures recount repairs them once, and then finds nothing', async () => {
    const shop = await approvedMerchant(app, `figures_${point.split('.').slice(1).join('_')}`);
    const customer = await app.login(`figures_customer_${point.split('.').pop()}`);
    let offerId = '';
    if (point !== 'alliance.offer.afterCreated') offerId = (await postOffer(app, shop, { quantity: 5 })).id;
    let code = '';
    if (point === 'alliance.redeem.afterOfferCounted')
      code = (await claim(app, customer.token, offerId)).body.claim.code;
    armFailpoint(point);
    const crashing = {
      'alliance.offer.afterCreated': () => postOffer(app, shop, { quantity: 7 }),
      'alliance.offer.afterUpdated': () =>
        app.request('PATCH', `/v1/offers/${offerId}`, { token: shop.token, body: { quantity: 9 } }),
      'alliance.claim.afterUnitTaken': () => claim(app, customer.token, offerId),
      'alliance.redeem.afterOfferCounted': () => redeem(shop, code),
    }[point]!;
    await expect(crashing()).rejects.toThrow(/injected crash/);
    // A claim's leftover attempt is settled first (it gives its unit back, and mirrors that).
    if (point === 'alliance.claim.afterUnitTaken') {
      await app.indexesSettled();
      expect((await allianceReconciler.settleClaims(stale)).claimsUndone).toBe(1);
    }
    await expectOneRepairThenNothing(shop);
  });
});

describe('the reconciler crashing inside its own recount', () => {
  it('at alliance.recount.afterOfferRepaired: the offer is right, its mirror is repaired by the next run', async () => {
    const shop = await approvedMerchant(app, 'figures_recount_crash', '重算小店');
    const offer = await postOffer(app, shop, { quantity: 5 });
    const code = (await claim(app, (await app.login('recount_crash_customer')).token, offer.id)).body.claim
      .code;
    armFailpoint('alliance.redeem.afterRedeemed');
    await expect(redeem(shop, code)).rejects.toThrow(/injected crash/);
    armFailpoint('alliance.recount.afterOfferRepaired');
    await app.indexesSettled();
    await expect(allianceReconciler.recount(stale)).rejects.toThrow(/injected crash/);
    const { figures, expected } = await auditFigures(shop.merchantId);
    expect(expected.industry.redeemed).toBe(1);
    expect(figures.industry.redeemed).toBe(0);
    const report = await recountNow();
    expect(report).toMatchObject({ redeemedRepaired: 0, figuresRepaired: 1 });
    await expectFiguresExact(shop.merchantId);
    expect((await recountNow()).figuresRepaired).toBe(0);
  });

  it('at alliance.recount.beforeWatermark: the repair stands; the next run finds nothing', async () => {
    const shop = await approvedMerchant(app, 'figures_watermark_crash', '水位小店');
    await postOffer(app, shop, { quantity: 5 });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: 'ALLIANCE_FIGURES', sk: `MERCHANT#${shop.merchantId}#industry` },
        UpdateExpression: 'ADD quantity :n, rev :one',
        ExpressionAttributeValues: { ':n': 2, ':one': 1 },
      }),
    );
    armFailpoint('alliance.recount.beforeWatermark');
    await app.indexesSettled();
    await expect(allianceReconciler.recount(stale)).rejects.toThrow(/injected crash/);
    await expectFiguresExact(shop.merchantId);
    expect((await recountNow()).figuresRepaired).toBe(0);
  });
});

describe('the figures recount', () => {
  async function drift(shop: MerchantActor, claimed: number): Promise<void> {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: 'ALLIANCE_FIGURES', sk: `MERCHANT#${shop.merchantId}#industry` },
        UpdateExpression: 'ADD claimed :n, rev :one',
        ExpressionAttributeValues: { ':n': claimed, ':one': 1 },
      }),
    );
  }

  it('leaves a merchant whose offers moved lately alone, and repairs it once all is quiet', async () => {
    const shop = await approvedMerchant(app, 'figures_quiet', '安静小店');
    await postOffer(app, shop, { quantity: 5 });
    await drift(shop, 3);
    await app.indexesSettled();
    const busy = await allianceReconciler.recount({ staleAfterMs: 60_000 });
    expect(busy.figuresRepaired).toBe(0);
    expect((await auditFigures(shop.merchantId)).figures.industry.claimed).toBe(3);
    await expectOneRepairThenNothing(shop);
  });

  it('two recounts at once repair a drifted figure once', async () => {
    const shop = await approvedMerchant(app, 'figures_twice', '两次小店');
    const offer = await postOffer(app, shop, { quantity: 5 });
    await claim(app, (await app.login('figures_twice_customer')).token, offer.id);
    await drift(shop, -4);
    await app.indexesSettled();
    const reports = await Promise.all([allianceReconciler.recount(stale), allianceReconciler.recount(stale)]);
    expect(reports[0].figuresRepaired + reports[1].figuresRepaired).toBe(1);
    await expectFiguresExact(shop.merchantId);
    expect((await recountNow()).figuresRepaired).toBe(0);
  });

  it('the figure routes read the figures items: totals, rows per offer in pages, staff sums', async () => {
    const shop = await approvedMerchant(app, 'figures_pages', '分页小店');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await postOffer(app, shop, { quantity: 10 + i })).id);
    const customer = await app.login('figures_pages_customer');
    await claim(app, customer.token, ids[0]);
    await app.indexesSettled();
    const first = await app.request('GET', '/v1/merchants/me/stats?limit=3', { token: shop.token });
    expect(first.status).toBe(200);
    expect(first.body.totals).toEqual({ offers: 5, quantity: 60, claimed: 1, redeemed: 0 });
    expect(first.body.byOffer).toHaveLength(3);
    const rest = await app.request(
      'GET',
      `/v1/merchants/me/stats?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { token: shop.token },
    );
    expect(rest.body.byOffer).toHaveLength(2);
    expect(rest.body.nextCursor).toBeNull();
    expect(
      [...first.body.byOffer, ...rest.body.byOffer].map((o: { offerId: string }) => o.offerId).sort(),
    ).toEqual([...ids].sort());
    const staff = await app.userWithRoles('figures_staff', ['staff']);
    const all = await app.request('GET', '/v1/admin/alliance/stats', { token: staff.token });
    const row = all.body.byMerchant.find(
      (m: { merchant: { id: string } }) => m.merchant.id === shop.merchantId,
    );
    expect(row).toMatchObject({
      merchant: { name: '分页小店' },
      alliances: ['industry'],
      offers: 5,
      claimed: 1,
    });
  });
});
