// Issue 17, defect 5: guessing redemption codes is limited — 20 failed redemptions (404 unknown, 422 bad check
// character) per merchant per 10 minutes, then 429 RATE_LIMITED with Retry-After for every redemption of that
// merchant, in the contract's error shape with a Chinese message. Successes do not count.
import { newClaimCode } from '../../functions/alliance/claimCode';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app';
import { approvedMerchant, auditOffer, claim, postOffer, type MerchantActor } from './alliance.support';

jest.setTimeout(60_000);

let app: TestApp;
let customer: { token: string; userId: string };
beforeAll(async () => {
  app = await startTestApp();
  customer = await app.login('guess_customer');
});
afterAll(async () => {
  await app.close();
});

const redeem = (token: string, code: string) =>
  app.request('POST', '/v1/redemptions', { token, body: { code } });

async function freshCode(shop: MerchantActor): Promise<{ code: string; offerId: string }> {
  const offer = await postOffer(app, shop, { perUserLimit: 100, quantity: 100 });
  const res = await claim(app, customer.token, offer.id);
  return { code: res.body.claim.code, offerId: offer.id };
}

function expectLimited(res: ApiResponse) {
  expect(res.status).toBe(429);
  expect(res.body.error).toEqual({
    code: 'RATE_LIMITED',
    message: expect.stringMatching(/[\u4e00-\u9fff]/),
    requestId: expect.any(String),
  });
  expect(res.headers['x-request-id']).toBe(res.body.error.requestId);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

describe('redemption code guessing', () => {
  it('60 wrong codes at once: exactly 20 are answered 404, 40 get 429; then even a real code is 429', async () => {
    const shop = await approvedMerchant(app, 'guess_shop', '猜码小店');
    const { code, offerId } = await freshCode(shop);
    const replies = await Promise.all(Array.from({ length: 60 }, () => redeem(shop.token, newClaimCode())));
    expect(replies.filter((r) => r.status === 404)).toHaveLength(20);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited).toHaveLength(40);
    limited.forEach(expectLimited);

    expectLimited(await redeem(shop.token, code));
    expect((await auditOffer(offerId)).redeemedClaims).toBe(0);
  });

  it('422s (wrong check character) count too; other merchants keep their own allowance', async () => {
    const shop = await approvedMerchant(app, 'guess_typo', '错码小店');
    const other = await approvedMerchant(app, 'guess_other', '邻居小店');
    const bad = (i: number) => {
      const good = newClaimCode();
      const wrongCheck = good.endsWith('0') ? '1' : '0';
      return i % 2 === 0 ? good.slice(0, 13) + wrongCheck : good;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await redeem(shop.token, bad(i))).status);
    expect(statuses.slice(0, 20).filter((s) => s === 422)).toHaveLength(10);
    expect(statuses.slice(0, 20).filter((s) => s === 404)).toHaveLength(10);
    expect(statuses[20]).toBe(429);

    const { code } = await freshCode(other);
    expect((await redeem(other.token, code)).status).toBe(200);
  });

  it('successful redemptions, their retries and a code shown again never count', async () => {
    const shop = await approvedMerchant(app, 'guess_busy', '生意兴隆');
    const offer = await postOffer(app, shop, { perUserLimit: 100, quantity: 100 });
    for (let i = 0; i < 21; i++) {
      const code = (await claim(app, customer.token, offer.id)).body.claim.code as string;
      expect((await redeem(shop.token, code)).status).toBe(200);
    }
    const { code } = await freshCode(shop);
    // Shown 30 times at once: one success, 29 ALREADY_REDEEMED (a 409, not a failed guess).
    const replies = await Promise.all(Array.from({ length: 30 }, () => redeem(shop.token, code)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(29).fill(409)]);
    // A till repeating its own request (same key) 30 times gets its reply each time.
    const other = (await freshCode(shop)).code;
    const tap = { token: shop.token, body: { code: other }, headers: { 'idempotency-key': 'busy-tap' } };
    for (let i = 0; i < 30; i++) expect((await app.request('POST', '/v1/redemptions', tap)).status).toBe(200);
    expect((await redeem(shop.token, newClaimCode())).status).toBe(404);
  });
});
