import { CODE_LENGTH, claimCodeProblem } from '../../shared/api/alliance';
import { startTestApp, type TestApp } from '../support/app';
import {
  approvedMerchant,
  auditThrough,
  claim,
  expectOfferConsistent,
  inMinutes,
  postOffer,
  sleep,
  type MerchantActor,
} from './alliance.support';

jest.setTimeout(120_000);

let app: TestApp;
let shop: MerchantActor;
beforeAll(async () => {
  // GSIs trail the table on DynamoDB: no decision here may rest on an index read.
  app = await startTestApp({ indexLagMs: 200 });
  auditThrough(app);
  shop = await approvedMerchant(app, 'claims_shop', '环翠咖啡');
});
afterAll(async () => {
  await app.close();
});

async function logins(prefix: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) tokens.push((await app.login(`${prefix}_${i}`)).token);
  return tokens;
}

describe('claiming', () => {
  it('returns a claim with a well-formed code, listed under my claims', async () => {
    const offer = await postOffer(app, shop, { title: '拿铁买一送一' });
    const user = await app.login('claimer_one');
    const res = await claim(app, user.token, offer.id);
    expect(res.status).toBe(201);
    expect(res.body.claim).toEqual({
      id: expect.any(String),
      offerId: offer.id,
      code: expect.stringMatching(new RegExp(`^[0-9A-HJKMNP-TV-Z]{${CODE_LENGTH}}$`)),
      status: 'claimed',
      claimedAt: expect.any(String),
      offerTitle: '拿铁买一送一',
      merchant: { id: shop.merchantId, name: '环翠咖啡' },
      validUntil: expect.any(String),
    });
    expect(claimCodeProblem(res.body.claim.code)).toBeNull();
    await app.indexesSettled(); // "my codes" is an index listing
    const mine = await app.request('GET', '/v1/me/claims', { token: user.token });
    expect(mine.body.items).toEqual([res.body.claim]);
    expect(mine.body.nextCursor).toBeNull();
    const after = await app.request('GET', `/v1/offers/${offer.id}`);
    expect(after.body.offer).toMatchObject({ claimed: 1, remaining: offer.quantity - 1 });
  });

  it('LIMIT_REACHED past the per-user limit; SOLD_OUT past the quantity', async () => {
    const offer = await postOffer(app, shop, { quantity: 3, perUserLimit: 2 });
    const [a, b] = await logins('limit_user', 2);
    expect((await claim(app, a, offer.id)).status).toBe(201);
    expect((await claim(app, a, offer.id)).status).toBe(201);
    const third = await claim(app, a, offer.id);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('LIMIT_REACHED');
    expect((await claim(app, b, offer.id)).status).toBe(201);
    const sold = await claim(app, b, offer.id);
    expect(sold.status).toBe(409);
    expect(sold.body.error.code).toBe('SOLD_OUT');
    expect(sold.body.error.message).toMatch(/抢完/);
    await expectOfferConsistent(offer.id);
  });

  it('OFFER_NOT_ACTIVE before validFrom and after validUntil; 404 for an unknown offer; 401 signed out', async () => {
    const upcoming = await postOffer(app, shop, { validFrom: inMinutes(30), validUntil: inMinutes(60) });
    const user = await app.login('early_bird');
    const early = await claim(app, user.token, upcoming.id);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('OFFER_NOT_ACTIVE');
    const brief = await postOffer(app, shop, { validUntil: new Date(Date.now() + 1500).toISOString() });
    await sleep(1600);
    const late = await claim(app, user.token, brief.id);
    expect(late.body.error.code).toBe('OFFER_NOT_ACTIVE');
    expect((await claim(app, user.token, 'missing')).status).toBe(404);
    expect((await app.request('POST', `/v1/offers/${upcoming.id}/claims`)).status).toBe(401);
  });

  it('the same Idempotency-Key claims once', async () => {
    const offer = await postOffer(app, shop, { perUserLimit: 5 });
    const user = await app.login('idem_claimer');
    const headers = { 'Idempotency-Key': 'claim-1' };
    const first = await app.request('POST', `/v1/offers/${offer.id}/claims`, { token: user.token, headers });
    const second = await app.request('POST', `/v1/offers/${offer.id}/claims`, { token: user.token, headers });
    expect(second.status).toBe(201);
    expect(second.body.claim.code).toBe(first.body.claim.code);
    expect((await expectOfferConsistent(offer.id)).claims).toHaveLength(1);
  });
});

describe('claiming under concurrency', () => {
  it('300 simultaneous claims for an offer of 100 issue exactly 100 distinct codes', async () => {
    const offer = await postOffer(app, shop, { quantity: 100 });
    const tokens = await logins('burst', 300);
    const replies = await Promise.all(tokens.map((t) => claim(app, t, offer.id)));
    const won = replies.filter((r) => r.status === 201);
    expect(won).toHaveLength(100);
    expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'SOLD_OUT')).toHaveLength(200);
    expect(new Set(won.map((r) => r.body.claim.code)).size).toBe(100);
    const audit = await expectOfferConsistent(offer.id);
    expect(audit).toMatchObject({ claimed: 100, intents: 0 });
    expect(audit.claims).toHaveLength(100);
  });

  it('one user firing 30 claims at once gets exactly their limit of 3', async () => {
    const offer = await postOffer(app, shop, { quantity: 50, perUserLimit: 3 });
    const [token] = await logins('greedy', 1);
    const replies = await Promise.all(Array.from({ length: 30 }, () => claim(app, token, offer.id)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'LIMIT_REACHED')).toHaveLength(27);
    const audit = await expectOfferConsistent(offer.id);
    expect(audit).toMatchObject({ claimed: 3, intents: 0 });
    expect(Object.values(audit.slotCounts)).toEqual([3]);
    expect(audit.unsettledSlots).toBe(0);
  });

  it('20 users × 8 simultaneous claims, limit 2 each, quantity 25: 25 codes, nobody above 2', async () => {
    const offer = await postOffer(app, shop, { quantity: 25, perUserLimit: 2 });
    const tokens = await logins('crowd', 20);
    const replies = await Promise.all(
      tokens.flatMap((t) => Array.from({ length: 8 }, () => claim(app, t, offer.id))),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(25);
    expect(
      replies.every((r) => r.status === 201 || ['SOLD_OUT', 'LIMIT_REACHED'].includes(r.body.error.code)),
    ).toBe(true);
    const audit = await expectOfferConsistent(offer.id);
    expect(audit.claims).toHaveLength(25);
    const perUser = new Map<string, number>();
    for (const c of audit.claims) perUser.set(c.userId as string, (perUser.get(c.userId as string) ?? 0) + 1);
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(2);
  });

  it('claims racing an edit of the quantity never exceed the quantity in force', async () => {
    const offer = await postOffer(app, shop, { quantity: 40 });
    const tokens = await logins('edit_race', 60);
    const [replies, edit] = await Promise.all([
      Promise.all(tokens.map((t) => claim(app, t, offer.id))),
      app.request('PATCH', `/v1/offers/${offer.id}`, { token: shop.token, body: { quantity: 30 } }),
    ]);
    const audit = await expectOfferConsistent(offer.id);
    const won = replies.filter((r) => r.status === 201).length;
    expect(audit.claims).toHaveLength(won);
    if (edit.status === 200) expect(won).toBeLessThanOrEqual(30);
    else expect(edit.body.error.code).toBe('QUANTITY_BELOW_CLAIMED');
    expect(won).toBe(audit.quantity);
  });
});
