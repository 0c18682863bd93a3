import { startTestApp, type TestApp } from '../support/app';
import {
  approvedMerchant,
  claim,
  inMinutes,
  offerBody,
  postOffer,
  type MerchantActor,
} from './alliance.support';

// Some tests send 40–90 requests; Jest's 5 s default is too tight on a busy machine.
jest.setTimeout(60_000);

let app: TestApp;
let shop: MerchantActor;
let rival: MerchantActor;
beforeAll(async () => {
  app = await startTestApp();
  shop = await approvedMerchant(app, 'offers_shop', '环翠书店');
  rival = await approvedMerchant(app, 'offers_rival', '对面书店');
});
afterAll(async () => {
  await app.close();
});

describe('posting an offer', () => {
  it('returns the offer in the contract shape, perUserLimit defaulting to 1', async () => {
    const res = await app.request('POST', '/v1/offers', {
      token: shop.token,
      body: offerBody({ quantity: 200 }),
    });
    expect(res.status).toBe(201);
    expect(res.body.offer).toEqual({
      id: expect.any(String),
      merchant: { id: shop.merchantId, name: '环翠书店' },
      title: '职工九折',
      description: '凭券享受九折优惠',
      alliance: 'industry',
      quantity: 200,
      claimed: 0,
      remaining: 200,
      redeemed: 0,
      perUserLimit: 1,
      validFrom: expect.any(String),
      validUntil: expect.any(String),
      status: 'active',
      createdAt: expect.any(String),
    });
    const got = await app.request('GET', `/v1/offers/${res.body.offer.id}`);
    expect(got.body.offer).toEqual(res.body.offer);
  });

  it.each([
    ['alliance', { alliance: 'food' }],
    ['quantity', { quantity: 0 }],
    ['quantity', { quantity: 100001 }],
    ['quantity', { quantity: 1.5 }],
    ['perUserLimit', { quantity: 2, perUserLimit: 3 }],
    ['validUntil', { validFrom: inMinutes(60), validUntil: inMinutes(30) }],
    ['validFrom', { validFrom: '2026-12-01 09:00' }],
    ['title', { title: '' }],
  ])('422 on a bad %s (%j), nothing written', async (field, override) => {
    const before = await app.request('GET', `/v1/merchants/me/offers?limit=100`, { token: rival.token });
    const res = await app.request('POST', '/v1/offers', { token: rival.token, body: offerBody(override) });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[field]).toBeTruthy();
    const after = await app.request('GET', `/v1/merchants/me/offers?limit=100`, { token: rival.token });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('refuses an offer that has already ended (409 OFFER_NOT_ACTIVE) and a plain user (403)', async () => {
    const ended = await app.request('POST', '/v1/offers', {
      token: shop.token,
      body: offerBody({ validFrom: inMinutes(-120), validUntil: inMinutes(-60) }),
    });
    expect(ended.status).toBe(409);
    expect(ended.body.error.code).toBe('OFFER_NOT_ACTIVE');
    const user = await app.login('offers_plain_user');
    expect((await app.request('POST', '/v1/offers', { token: user.token, body: offerBody() })).status).toBe(
      403,
    );
    expect((await app.request('POST', '/v1/offers', { body: offerBody() })).status).toBe(401);
  });
});

describe('listing offers valid now', () => {
  it('lists by alliance and by merchant, leaving out upcoming, withdrawn and other alliances', async () => {
    const store = await approvedMerchant(app, 'offers_lister', '列表小店');
    const industry = await postOffer(app, store, { alliance: 'industry', validUntil: inMinutes(60) });
    const cross = await postOffer(app, store, { alliance: 'cross_industry' });
    const upcoming = await postOffer(app, store, { validFrom: inMinutes(60), validUntil: inMinutes(120) });
    const withdrawn = await postOffer(app, store);
    await app.request('DELETE', `/v1/offers/${withdrawn.id}`, { token: store.token });

    const byMerchant = await app.request('GET', `/v1/offers?merchantId=${store.merchantId}`);
    expect(byMerchant.body.items.map((o: { id: string }) => o.id)).toEqual([industry.id, cross.id]);
    const byBoth = await app.request(
      'GET',
      `/v1/offers?merchantId=${store.merchantId}&alliance=cross_industry`,
    );
    expect(byBoth.body.items.map((o: { id: string }) => o.id)).toEqual([cross.id]);
    const industryFeed = await app.request('GET', '/v1/offers?alliance=industry&limit=100');
    const ids = industryFeed.body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(industry.id);
    expect(ids).not.toContain(cross.id);
    expect(ids).not.toContain(upcoming.id);
    expect(ids).not.toContain(withdrawn.id);
    expect(industryFeed.body.items.every((o: { status: string }) => o.status === 'active')).toBe(true);

    const upcomingOne = await app.request('GET', `/v1/offers/${upcoming.id}`);
    expect(upcomingOne.body.offer.status).toBe('upcoming');
    const mine = await app.request('GET', '/v1/merchants/me/offers', { token: store.token });
    expect(mine.body.items.map((o: { id: string }) => o.id).sort()).toEqual(
      [industry.id, cross.id, upcoming.id, withdrawn.id].sort(),
    );
  });

  it('pages with a cursor through every valid offer exactly once, soonest ending first', async () => {
    const pager = await approvedMerchant(app, 'offers_pager', '翻页小店');
    const posted = [];
    for (let i = 0; i < 5; i++) posted.push(await postOffer(app, pager, { validUntil: inMinutes(300 + i) }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/offers?merchantId=${pager.merchantId}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await app.request('GET', url);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(posted.map((o) => o.id));
  });

  it('reads a bounded number of offers per call: a long run of withdrawn ones gives a short page with a cursor', async () => {
    const { countReads } = await import('./alliance-reads.support');
    const counter = countReads();
    const lister = await approvedMerchant(app, 'offers_bounded', '长名单小店');
    const withdrawn: string[] = [];
    for (let i = 0; i < 40; i++) {
      const offer = await postOffer(app, lister, { validUntil: inMinutes(600 + i) });
      await app.request('DELETE', `/v1/offers/${offer.id}`, { token: lister.token });
      withdrawn.push(offer.id);
    }
    const valid: string[] = [];
    for (let i = 0; i < 5; i++)
      valid.push((await postOffer(app, lister, { validUntil: inMinutes(700 + i) })).id);
    const seen: string[] = [];
    const reads: number[] = [];
    let cursor: string | null = null;
    do {
      counter.reset();
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await app.request(
          'GET',
          `/v1/offers?merchantId=${lister.merchantId}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
      expect(page.status).toBe(200);
      reads.push(counter.total);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    // At most 30 offers read per call (3 × limit, at least 30): the first call ends inside the withdrawn run.
    expect(Math.max(...reads)).toBeLessThanOrEqual(30);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(valid);
  });

  it('422 for a bad alliance filter or a forged cursor; 404 for an unknown offer', async () => {
    expect((await app.request('GET', '/v1/offers?alliance=food')).status).toBe(422);
    expect((await app.request('GET', '/v1/offers?cursor=abc.def')).status).toBe(422);
    expect((await app.request('GET', '/v1/offers/nope')).status).toBe(404);
  });
});

describe('editing and withdrawing', () => {
  it('the merchant edits its own offer (PATCH); another merchant gets 403', async () => {
    const offer = await postOffer(app, shop, { quantity: 5 });
    const edited = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: shop.token,
      body: { title: '职工八折', quantity: 8, perUserLimit: 2 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.offer).toMatchObject({
      title: '职工八折',
      quantity: 8,
      perUserLimit: 2,
      remaining: 8,
    });
    const foreign = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: rival.token,
      body: { title: '抢过来' },
    });
    expect(foreign.status).toBe(403);
    expect((await app.request('GET', `/v1/offers/${offer.id}`)).body.offer.title).toBe('职工八折');
    const empty = await app.request('PATCH', `/v1/offers/${offer.id}`, { token: shop.token, body: {} });
    expect(empty.status).toBe(422);
  });

  it('quantity never drops below what is claimed; the window is fixed once claimed', async () => {
    const offer = await postOffer(app, shop, { quantity: 3, perUserLimit: 3 });
    const customer = await app.login('offers_customer');
    for (let i = 0; i < 2; i++) expect((await claim(app, customer.token, offer.id)).status).toBe(201);
    const below = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: shop.token,
      body: { quantity: 1 },
    });
    expect(below.status).toBe(409);
    expect(below.body.error.code).toBe('QUANTITY_BELOW_CLAIMED');
    const window = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: shop.token,
      body: { validFrom: inMinutes(-5), validUntil: inMinutes(5) },
    });
    expect(window.status).toBe(409);
    expect(window.body.error.code).toBe('OFFER_HAS_CLAIMS');
    const exact = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: shop.token,
      body: { quantity: 2 },
    });
    expect(exact.body.offer).toMatchObject({ quantity: 2, claimed: 2, remaining: 0 });
    expect((await claim(app, customer.token, offer.id)).body.error.code).toBe('SOLD_OUT');
  });

  it('the window can move while nothing is claimed, and the listing follows it', async () => {
    const offer = await postOffer(app, rival);
    const moved = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: rival.token,
      body: { validFrom: inMinutes(60), validUntil: inMinutes(120) },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.offer.status).toBe('upcoming');
    const list = await app.request('GET', `/v1/offers?merchantId=${rival.merchantId}&limit=100`);
    expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(offer.id);
  });

  it('withdraws only its own offer; withdrawn offers cannot be claimed or edited; withdrawing twice is fine', async () => {
    const offer = await postOffer(app, shop);
    const foreign = await app.request('DELETE', `/v1/offers/${offer.id}`, { token: rival.token });
    expect(foreign.status).toBe(403);
    const res = await app.request('DELETE', `/v1/offers/${offer.id}`, { token: shop.token });
    expect(res.status).toBe(200);
    expect(res.body.offer.status).toBe('withdrawn');
    expect((await app.request('DELETE', `/v1/offers/${offer.id}`, { token: shop.token })).status).toBe(200);
    const customer = await app.login('offers_late_customer');
    const late = await claim(app, customer.token, offer.id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OFFER_NOT_ACTIVE');
    const edit = await app.request('PATCH', `/v1/offers/${offer.id}`, {
      token: shop.token,
      body: { title: '复活' },
    });
    expect(edit.body.error.code).toBe('OFFER_NOT_ACTIVE');
    expect((await app.request('DELETE', '/v1/offers/unknown', { token: shop.token })).status).toBe(404);
  });
});
