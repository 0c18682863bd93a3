// Items read per call of the alliance list and figure routes, for the read-count test and the bench (not a test
// file itself). Items read are counted by the middleware of tests/support/readCounter.ts. Offers are generated
// straight into the store in their real shape (model.ts), 25 a request, with their merchants' figures items added
// through figuresStore.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { figuresStore } from '../../functions/alliance/figuresStore';
import { offerItem, type FigureDelta, type OfferRecord } from '../../functions/alliance/model';
import { db, tableName } from '../../functions/lib/db';
import type { ReadCounter } from '../support/readCounter';

export type Call = (
  method: string,
  url: string,
  token?: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Actors {
  staffToken: string;
  merchants: { token: string; merchantId: string; name: string }[];
}

/** Ten approved merchants and a staff member, through the API. */
export async function createActors(call: Call, prefix: string): Promise<Actors> {
  const login = async (openid: string) => {
    const res = await call('POST', '/v1/auth/login', undefined, { code: `dev:${openid}` });
    return { token: res.body.token as string, userId: res.body.user.id as string };
  };
  const admin = await login('admin');
  const staff = await login(`${prefix}_staff`);
  await call('PUT', `/v1/admin/users/${staff.userId}/roles`, admin.token, { roles: ['staff'] });
  const merchants: Actors['merchants'] = [];
  for (let m = 0; m < 10; m++) {
    const user = await login(`${prefix}_merchant_${m}`);
    const name = `读数小店${m}`;
    const applied = await call('POST', '/v1/merchants', user.token, {
      name,
      category: '餐饮',
      address: '环翠楼街道 1 号',
      contact: '13800000000',
    });
    const id = applied.body.merchant.id as string;
    await call('POST', `/v1/admin/merchants/${id}/decision`, staff.token, { decision: 'approve' });
    merchants.push({ token: user.token, merchantId: id, name });
  }
  return { staffToken: staff.token, merchants };
}

/** Offer number `i` of the one pattern used at every size (see generateOffers). */
function patternOffer(actors: Actors, i: number, now: number): OfferRecord {
  const merchant = actors.merchants[i % 10];
  const run = Math.floor(i / 10) % 10;
  return {
    id: `R${String(i).padStart(7, '0')}`,
    merchantId: merchant.merchantId,
    merchantName: merchant.name,
    merchantUserId: 'generated',
    title: `优惠 ${i}`,
    description: '读数测试',
    alliance: Math.floor(i / 20) % 2 === 0 ? 'industry' : 'cross_industry',
    quantity: 10 + (i % 5),
    claimed: i % 3,
    redeemed: i % 2,
    perUserLimit: 1,
    validFrom: new Date(now - 86400_000 + (run === 7 ? 3 * 86400_000 : 0)).toISOString(),
    validUntil: new Date(now + 86400_000 + i * 1000).toISOString(),
    status: run === 3 ? 'withdrawn' : 'active',
    intents: {},
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
  };
}

export interface GenerateOptions {
  /** Generate this many (default: `min`). */
  max?: number;
  /** At least this many; past it, stop at `max` or once `budgetMs` have passed, whichever comes first. */
  min: number;
  budgetMs?: number;
  concurrency?: number;
}

/**
 * Offers in one pattern at any size: ending one after another from tomorrow on, spread over the ten merchants and
 * both alliances, one run of ten in every hundred withdrawn and another not started yet; then their merchants'
 * figures. Answers how many were generated.
 */
export async function generateOffers(actors: Actors, options: GenerateOptions): Promise<number> {
  const now = Date.now();
  const max = options.max ?? options.min;
  const deadline = now + (options.budgetMs ?? Infinity);
  const figures = new Map<string, { offer: OfferRecord; delta: Required<FigureDelta> }>();
  let next = 0;
  const more = () => next < max && (next < options.min || Date.now() < deadline);
  await Promise.all(
    Array.from({ length: options.concurrency ?? 2 }, async () => {
      while (more()) {
        const chunk: OfferRecord[] = [];
        for (; chunk.length < 25 && next < max; next++) chunk.push(patternOffer(actors, next, now));
        for (const offer of chunk) {
          const key = `${offer.merchantId}#${offer.alliance}`;
          const sum = figures.get(key) ?? {
            offer,
            delta: { offers: 0, quantity: 0, claimed: 0, redeemed: 0 },
          };
          sum.delta.offers++;
          sum.delta.quantity += offer.quantity;
          sum.delta.claimed += offer.claimed;
          sum.delta.redeemed += offer.redeemed;
          figures.set(key, sum);
        }
        let pending: unknown[] = chunk.map((o) => ({ PutRequest: { Item: offerItem(o) } }));
        while (pending.length > 0) {
          const reply = await db().send(
            new BatchWriteCommand({ RequestItems: { [tableName()]: pending as never } }),
          );
          pending = reply.UnprocessedItems?.[tableName()] ?? [];
        }
      }
    }),
  );
  const at = new Date(now).toISOString();
  for (const { offer, delta } of figures.values()) await figuresStore.add(offer, delta, at);
  return next;
}

export { countReads, type ReadCounter } from '../support/readCounter';

/** The alliance list and figure routes, and who calls them. */
export function readRoutes(actors: Actors): { route: string; token?: string }[] {
  const merchant = actors.merchants[0];
  return [
    { route: '/v1/offers' },
    { route: '/v1/offers?alliance=industry' },
    { route: `/v1/offers?merchantId=${merchant.merchantId}` },
    { route: '/v1/offers?limit=100' },
    { route: '/v1/merchants/me/stats', token: merchant.token },
    { route: '/v1/merchants/me/offers', token: merchant.token },
    { route: '/v1/admin/alliance/stats', token: actors.staffToken },
  ];
}

/** Items read by one call of each route (each answered 200). */
export async function measureReads(call: Call, actors: Actors, counter: ReadCounter) {
  const reads: Record<string, number> = {};
  for (const { route, token } of readRoutes(actors)) {
    counter.reset();
    const res = await call('GET', route, token);
    if (res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(res.body)}`);
    reads[route.replace(actors.merchants[0].merchantId, '<m>')] = counter.total;
  }
  return reads;
}
