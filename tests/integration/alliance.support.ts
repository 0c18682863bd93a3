// Helpers shared by the alliance integration tests (not a test file itself).
import type { TestApp } from '../support/app';

export interface MerchantActor {
  token: string;
  userId: string;
  merchantId: string;
}

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

/** What the store holds for one offer: the counters, open intents, claim items, and per-user counts. */
export async function auditOffer(offerId: string) {
  const { QueryCommand, GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../../functions/lib/db');
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
