// Helpers shared by the alliance integration tests (not a test file itself).
import type { TestApp } from '../support/app';

export interface MerchantActor {
  token: string;
  userId: string;
  merchantId: string;
}

/** The claim's failpoints (claimSteps.ts): before the claim item is written, and after. */
export const BEFORE_ISSUE = [
  'alliance.claim.afterSlotTaken',
  'alliance.claim.afterUnitTaken',
  'alliance.claim.afterFiguresAdded',
];
export const AFTER_ISSUE = [
  'alliance.claim.afterClaimWritten',
  'alliance.claim.afterIntentCleared',
  'alliance.claim.afterSlotSettled',
];
/** The last word of a failpoint, for names of test users and keys. */
export const slug = (point: string) => point.split('.').pop()!;

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs in, applies as a merchant and has staff approve it. */
export async function approvedMerchant(
  app: TestApp,
  openid: string,
  name = `${openid}小店`,
): Promise<MerchantActor> {
  const user = await app.login(openid);
  const staff = await app.userWithRoles('alliance_staff', ['staff']);
  const applied = await app.request('POST', '/v1/merchants', {
    token: user.token,
    body: { name, category: '餐饮', address: '环翠楼街道 1 号', contact: '13800000000' },
  });
  if (applied.status !== 201) throw new Error(`apply failed: ${applied.status} ${applied.text}`);
  const decided = await app.request('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, {
    token: staff.token,
    body: { decision: 'approve' },
  });
  if (decided.status !== 200) throw new Error(`approve failed: ${decided.status} ${decided.text}`);
  return { ...user, merchantId: applied.body.merchant.id };
}

export function offerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '职工九折',
    description: '凭券享受九折优惠',
    alliance: 'industry',
    quantity: 10,
    validFrom: inMinutes(-1),
    validUntil: inMinutes(24 * 60),
    ...overrides,
  };
}

export async function postOffer(
  app: TestApp,
  merchant: MerchantActor,
  overrides: Record<string, unknown> = {},
) {
  const res = await app.request('POST', '/v1/offers', { token: merchant.token, body: offerBody(overrides) });
  if (res.status !== 201) throw new Error(`post offer failed: ${res.status} ${res.text}`);
  return res.body.offer as {
    id: string;
    quantity: number;
    claimed: number;
    redeemed: number;
    status: string;
  };
}

export async function claim(app: TestApp, token: string, offerId: string) {
  return app.request('POST', `/v1/offers/${offerId}/claims`, { token });
}

let auditedApp: TestApp | null = null;
/** Audits read the claims of an offer from an index: with `indexLagMs`, they first wait for it to catch up. */
export function auditThrough(app: TestApp): void {
  auditedApp = app;
}

/** What the store holds for one offer: the counters, open intents, claim items, and per-user counts. */
export async function auditOffer(offerId: string) {
  const { QueryCommand, GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../../functions/lib/db');
  await auditedApp?.indexesSettled();
  const { Item: offer } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `OFFER#${offerId}`, sk: 'META' },
      ConsistentRead: true,
    }),
  );
  const claims: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :pk',
        ExpressionAttributeValues: { ':pk': `OFFER_CLAIMS#${offerId}` },
        ExclusiveStartKey: start,
      }),
    );
    claims.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const slots = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
      ExpressionAttributeValues: { ':pk': `OFFER#${offerId}`, ':slot': 'SLOT#' },
      ConsistentRead: true,
    }),
  );
  const slotCounts: Record<string, number> = {};
  for (const s of slots.Items ?? [])
    slotCounts[s.userId as string] = (slotCounts[s.userId as string] ?? 0) + 1;
  return {
    quantity: offer!.quantity as number,
    claimed: offer!.claimed as number,
    redeemed: offer!.redeemed as number,
    perUserLimit: offer!.perUserLimit as number,
    intents: Object.keys((offer!.intents as Record<string, unknown>) ?? {}).length,
    intentIds: Object.keys((offer!.intents as Record<string, unknown>) ?? {}),
    claims,
    redeemedClaims: claims.filter((c) => c.status === 'redeemed').length,
    slotCounts,
    unsettledSlots: (slots.Items ?? []).filter((s) => s.queuePk).length,
  };
}

/** The invariant at any moment: claimed = claims issued or in flight (a claim written but not yet cleared from the
 * intents counts once) ≤ quantity; every claim holds a slot of its
 * user, and no user holds more slots than the limit. */
export async function expectOfferConsistent(
  offerId: string,
): Promise<Awaited<ReturnType<typeof auditOffer>>> {
  const audit = await auditOffer(offerId);
  expect(audit.claimed).toBe(new Set([...audit.claims.map((c) => c.id as string), ...audit.intentIds]).size);
  expect(audit.claimed).toBeLessThanOrEqual(audit.quantity);
  const perUser: Record<string, number> = {};
  for (const c of audit.claims) perUser[c.userId as string] = (perUser[c.userId as string] ?? 0) + 1;
  for (const [userId, count] of Object.entries(perUser))
    expect(audit.slotCounts[userId]).toBeGreaterThanOrEqual(count);
  for (const count of Object.values(audit.slotCounts)) expect(count).toBeLessThanOrEqual(audit.perUserLimit);
  return audit;
}

/** The figures items of one merchant (both alliances) against the sums of its offers, read from the base table. */
export async function auditFigures(merchantId: string) {
  const { QueryCommand, BatchGetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../../functions/lib/db');
  await auditedApp?.indexesSettled();
  const listed = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byOwner',
      KeyConditionExpression: 'ownerPk = :pk',
      ExpressionAttributeValues: { ':pk': `MERCHANT#${merchantId}` },
    }),
  );
  const keys = (listed.Items ?? []).map((o) => ({ pk: o.pk, sk: o.sk }));
  const offers: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const got = await db().send(
      new BatchGetCommand({
        RequestItems: { [tableName()]: { Keys: keys.slice(i, i + 100), ConsistentRead: true } },
      }),
    );
    offers.push(...(got.Responses?.[tableName()] ?? []));
  }
  const stored = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'ALLIANCE_FIGURES', ':prefix': `MERCHANT#${merchantId}#` },
      ConsistentRead: true,
    }),
  );
  const figures: Record<string, Record<string, number>> = {};
  const expected: Record<string, Record<string, number>> = {};
  for (const f of stored.Items ?? []) figures[f.alliance as string] = pick(f as Record<string, number>);
  for (const o of offers) {
    const sum = (expected[o.alliance as string] ??= { offers: 0, quantity: 0, claimed: 0, redeemed: 0 });
    sum.offers++;
    sum.quantity += o.quantity as number;
    sum.claimed += o.claimed as number;
    sum.redeemed += o.redeemed as number;
  }
  return { figures, expected };
}

const pick = (f: Record<string, number>) => ({
  offers: f.offers ?? 0,
  quantity: f.quantity ?? 0,
  claimed: f.claimed ?? 0,
  redeemed: f.redeemed ?? 0,
});

/** The merchant's figures items equal the sums of its offers. */
export async function expectFiguresExact(merchantId: string): Promise<void> {
  const { figures, expected } = await auditFigures(merchantId);
  expect(figures).toEqual(expected);
}

/**
 * Makes the next store command whose input matches `match` fail with a throttling error (the store's 503), once,
 * before it reaches the store. Returns a function telling whether it has fired.
 */
export async function failNextStoreCommand(match: (input: string) => boolean): Promise<() => boolean> {
  const { db } = await import('../../functions/lib/db');
  let fired = false;
  db().middlewareStack.add(
    (next) => async (args) => {
      if (!fired && match(JSON.stringify(args.input))) {
        fired = true;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: `failNextStoreCommand${Math.random()}` },
  );
  return () => fired;
}
