import { formatClaimCode } from '../../shared/api/alliance';
import { startTestApp, type TestApp } from '../support/app';
import {
  approvedMerchant,
  auditOffer,
  claim,
  postOffer,
  sleep,
  type MerchantActor,
} from './alliance.support';

jest.setTimeout(60_000);

let app: TestApp;
let shop: MerchantActor;
let rival: MerchantActor;
let customer: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  shop = await approvedMerchant(app, 'redeem_shop', '环翠烧烤');
  rival = await approvedMerchant(app, 'redeem_rival', '隔壁烧烤');
  customer = await app.login('redeem_customer');
});
afterAll(async () => {
  await app.close();
});

async function freshCode(
  overrides: Record<string, unknown> = {},
): Promise<{ code: string; offerId: string }> {
  const offer = await postOffer(app, shop, { perUserLimit: 100, quantity: 100, ...overrides });
  const res = await claim(app, customer.token, offer.id);
  if (res.status !== 201) throw new Error(`claim failed: ${res.text}`);
  return { code: res.body.claim.code, offerId: offer.id };
}

const redeem = (token: string, code: string) =>
  app.request('POST', '/v1/redemptions', { token, body: { code } });

/** Swaps one symbol of a code for another of the alphabet: a typo the check symbol must catch. */
function typo(code: string): string {
  const swap = code[5] === 'A' ? 'B' : 'A';
  return code.slice(0, 5) + swap + code.slice(6);
}

describe('redeeming a code', () => {
  it('the offer’s merchant redeems it once; the claim and the offer’s figures follow', async () => {
    const { code, offerId } = await freshCode();
    const res = await redeem(shop.token, code);
    expect(res.status).toBe(200);
    expect(res.body.claim).toMatchObject({
      code,
      offerId,
      status: 'redeemed',
      redeemedAt: expect.any(String),
    });
    const mine = await app.request('GET', '/v1/me/claims', { token: customer.token });
    expect(mine.body.items.find((c: { code: string }) => c.code === code).status).toBe('redeemed');
    expect((await app.request('GET', `/v1/offers/${offerId}`)).body.offer.redeemed).toBe(1);
    // The code shown again is refused (a retry of the request itself carries its key: alliance-retries.test.ts).
    const again = await redeem(shop.token, code);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REDEEMED');
    expect(await auditOffer(offerId)).toMatchObject({ redeemed: 1, redeemedClaims: 1 });
  });

  it('accepts the code typed in lower case, grouped with hyphens or spaces, with O for 0 and I/L for 1', async () => {
    const { code } = await freshCode();
    const typed = formatClaimCode(code)
      .toLowerCase()
      .replace(/-/g, ' - ')
      .replace(/0/g, 'o')
      .replace(/1/g, 'l');
    const res = await redeem(shop.token, typed);
    expect(res.status).toBe(200);
    expect(res.body.claim.code).toBe(code);
  });

  it('50 simultaneous redemptions of one code by its merchant: one redemption, one success, 49 ALREADY_REDEEMED', async () => {
    const { code, offerId } = await freshCode();
    const replies = await Promise.all(Array.from({ length: 50 }, () => redeem(shop.token, code)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(49);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['ALREADY_REDEEMED']));
    const audit = await auditOffer(offerId);
    expect(audit.redeemed).toBe(1);
    expect(audit.redeemedClaims).toBe(1);
  });

  it('another merchant’s redemption is 403 and changes nothing', async () => {
    const { code, offerId } = await freshCode();
    const res = await redeem(rival.token, code);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await auditOffer(offerId)).redeemedClaims).toBe(0);
    expect((await redeem(shop.token, code)).status).toBe(200);
  });

  it('a typo fails the check symbol with 422 before any lookup; a well-formed unknown code is 404', async () => {
    const { code } = await freshCode();
    const res = await redeem(shop.token, typo(code));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.code).toMatch(/校验/);
    expect((await redeem(shop.token, code.slice(0, 10))).body.error.fields.code).toMatch(/位/);
    expect((await redeem(shop.token, code.slice(0, 13) + 'U')).status).toBe(422);
    const unknown = '0000000000000' + '0';
    const missing = await redeem(shop.token, unknown);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('only merchants redeem: a plain user gets 403, signed out 401', async () => {
    const { code } = await freshCode();
    expect((await redeem(customer.token, code)).status).toBe(403);
    expect((await app.request('POST', '/v1/redemptions', { body: { code } })).status).toBe(401);
  });

  it('a code of a withdrawn offer stays redeemable until validUntil', async () => {
    const { code, offerId } = await freshCode();
    expect(
      (await app.request('DELETE', `/v1/offers/${offerId}`, { token: shop.token })).body.offer.status,
    ).toBe('withdrawn');
    const res = await redeem(shop.token, code);
    expect(res.status).toBe(200);
    expect(res.body.claim.status).toBe('redeemed');
  });

  it('after validUntil the code is refused with 409 OFFER_EXPIRED', async () => {
    const { code, offerId } = await freshCode({ validUntil: new Date(Date.now() + 1500).toISOString() });
    await sleep(1600);
    const res = await redeem(shop.token, code);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OFFER_EXPIRED');
    expect((await auditOffer(offerId)).redeemedClaims).toBe(0);
  });
});

describe('figures', () => {
  it('the merchant sees per-offer claimed/redeemed; staff see per alliance, per merchant and merchants taking part', async () => {
    const florist = await approvedMerchant(app, 'stats_florist', '街角花店');
    const a = await postOffer(app, florist, { alliance: 'industry', quantity: 5, perUserLimit: 5 });
    const b = await postOffer(app, florist, { alliance: 'cross_industry', quantity: 7, perUserLimit: 7 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await claim(app, customer.token, a.id)).body.claim.code);
    await claim(app, customer.token, b.id);
    await redeem(florist.token, codes[0]);
    await redeem(florist.token, codes[1]);

    const mine = await app.request('GET', '/v1/merchants/me/stats', { token: florist.token });
    expect(mine.status).toBe(200);
    expect(mine.body.totals).toEqual({ offers: 2, quantity: 12, claimed: 4, redeemed: 2 });
    expect(mine.body.byOffer.find((o: { offerId: string }) => o.offerId === a.id)).toMatchObject({
      claimed: 3,
      redeemed: 2,
      quantity: 5,
    });

    const staff = await app.userWithRoles('stats_staff', ['staff']);
    const all = await app.request('GET', '/v1/admin/alliance/stats', { token: staff.token });
    expect(all.status).toBe(200);
    const row = all.body.byMerchant.find(
      (m: { merchant: { id: string } }) => m.merchant.id === florist.merchantId,
    );
    expect(row).toMatchObject({ merchant: { name: '街角花店' }, offers: 2, claimed: 4, redeemed: 2 });
    expect(row.alliances.sort()).toEqual(['cross_industry', 'industry']);
    // The rival merchant is approved but has posted nothing: it does not take part.
    expect(all.body.merchants).toMatchObject({ approved: 3, participating: 2, pending: 0 });
    expect(all.body.byAlliance.cross_industry.merchants).toBeGreaterThanOrEqual(1);
    const sum = (k: 'claimed' | 'redeemed') =>
      all.body.byAlliance.industry[k] + all.body.byAlliance.cross_industry[k];
    expect(sum('claimed')).toBe(
      all.body.byMerchant.reduce((n: number, m: { claimed: number }) => n + m.claimed, 0),
    );
    expect(sum('redeemed')).toBe(
      all.body.byMerchant.reduce((n: number, m: { redeemed: number }) => n + m.redeemed, 0),
    );

    const daily = await app.request('GET', '/v1/admin/stats', { token: staff.token });
    expect(daily.body.totals.offers.claimed).toBeGreaterThanOrEqual(4);
    expect(daily.body.totals.offers.redeemed).toBeGreaterThanOrEqual(2);
    expect((await app.request('GET', '/v1/admin/alliance/stats', { token: florist.token })).status).toBe(403);
    expect((await app.request('GET', '/v1/merchants/me/stats', { token: customer.token })).status).toBe(403);
  });
});
