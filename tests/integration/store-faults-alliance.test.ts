// Issue 17, store faults — alliance claims and the single redemption. 20% of the handlers' store calls fail
// (throttles, timeouts, errors after the write was applied; tests/support/storeFaults.ts, fixed seed, printed) while
// 15 users claim an offer of 5 (one each) and then the merchant's two tills are shown every issued code at once:
// each code is accepted at one till only.
// Clients repeat a 503 with the same Idempotency-Key. Every reply is a success, 409 SOLD_OUT or ALREADY_REDEEMED, or a 503 with
// Retry-After; each winner holds exactly the code its reply named; after the reconciler: 5 claims, 5 redemptions, the
// offer's counters and the merchant's figures exact.
import { allianceReconciler } from '../../functions/alliance/reconcileService';
import { startTestApp, type TestApp } from '../support/app';
import type { StoreFaults } from '../support/storeFaults';
import {
  approvedMerchant,
  expectFiguresExact,
  expectOfferConsistent,
  postOffer,
  type MerchantActor,
} from './alliance.support';
import { client, describeRun, runClients } from './store-faults.support';

jest.setTimeout(120_000);

let app: TestApp;
let faults: StoreFaults;
let shop: MerchantActor;
beforeAll(async () => {
  app = await startTestApp({ storeFaults: { rate: 0.2 } });
  faults = app.storeFaults!;
  shop = await approvedMerchant(app, 'faults_shop');
});
afterAll(async () => {
  faults.disable();
  await app.close();
});

const QUANTITY = 5;
const CLAIMERS = 15;
const LATER = 3 * 60 * 1000; // past the reconciler's stale age: what a failed request left is settled

it('15 claims for 5, then two tills redeeming each code, under 20% store faults: exact counts', async () => {
  const offer = await postOffer(app, shop, { quantity: QUANTITY, perUserLimit: 1 });
  const users = await Promise.all(Array.from({ length: CLAIMERS }, (_, i) => app.login(`faults_al_${i}`)));
  let runs = 0;
  const reconcile = async () => {
    await allianceReconciler.run({ now: Date.now() + ++runs * LATER });
  };

  const claimers = users.map((u, i) =>
    client({
      name: `claim ${i}`,
      send: () =>
        app.request('POST', `/v1/offers/${offer.id}/claims`, {
          token: u.token,
          headers: { 'idempotency-key': `faults-claim-${i}` },
        }),
      expected: ['409 SOLD_OUT'],
    }),
  );
  const claims = await runClients(claimers, faults, { between: reconcile });
  console.log(describeRun('alliance claims', claims, faults));
  expect(claims.violations).toEqual([]);
  await reconcile();
  const issued = claimers.map((c) => c.finals[0]).filter((r) => r.status === 201);
  expect(issued).toHaveLength(QUANTITY);
  const afterClaims = await expectOfferConsistent(offer.id);
  expect(afterClaims).toMatchObject({ claimed: QUANTITY, intents: 0 });
  expect(afterClaims.claims.map((c) => c.id).sort()).toEqual(issued.map((r) => r.body.claim.id).sort());
  expect(new Set(afterClaims.claims.map((c) => c.userId)).size).toBe(QUANTITY);

  // Two tills redeem every code at once, each repeating its own request (its own key) on a 503.
  const tills = issued.flatMap((r, i) =>
    ['a', 'b'].map((till) =>
      client({
        name: `redeem ${i}${till}`,
        send: () =>
          app.request('POST', '/v1/redemptions', {
            token: shop.token,
            body: { code: r.body.claim.code },
            headers: { 'idempotency-key': `faults-redeem-${i}-${till}` },
          }),
        expected: ['409 ALREADY_REDEEMED'],
      }),
    ),
  );
  const redemptions = await runClients(tills, faults, { between: reconcile });
  console.log(describeRun('alliance redemptions', redemptions, faults));
  expect(redemptions.violations).toEqual([]);
  // Each code was accepted at one till only (whose retries, same key, got its 200); the other till was refused.
  for (let i = 0; i < issued.length; i++) {
    const finals = [tills[2 * i].finals[0], tills[2 * i + 1].finals[0]];
    expect(finals.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(finals.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_REDEEMED');
  }
  await reconcile();
  const after = await expectOfferConsistent(offer.id);
  expect(after).toMatchObject({
    claimed: QUANTITY,
    redeemed: QUANTITY,
    redeemedClaims: QUANTITY,
    intents: 0,
  });
  await expectFiguresExact(shop.merchantId);
  expect(faults.injected.after).toBeGreaterThan(0);
  // The Idempotency-Key records failed like the rest (lib/idempotency.ts recovers its own lost writes).
  expect(faults.keyRecordCalls).toBeGreaterThan(0);
});
