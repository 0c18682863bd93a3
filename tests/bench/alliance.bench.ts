// Claim burst on one hot offer through the local HTTP API: 600 users, 50 in flight, an offer of 400.
// Prints p50/p99 and throughput, and checks the outcome counts (exactly `quantity` codes). Then the items read per
// call of each alliance list and figure route at 1,000 offers and at ALLIANCE_READS_AT (default 100,000).
import {
  countReads,
  createActors,
  generateOffers,
  measureReads,
} from '../integration/alliance-reads.support';
import { describeLatency, runConcurrently, startBenchServer } from './support';

const USERS = 600;
const QUANTITY = 400;
const CONCURRENCY = 50;

const READS_AT = Number(process.env.ALLIANCE_READS_AT ?? 100_000);

async function readsAt(n: number): Promise<{ reads: Record<string, number>; generateMs: number }> {
  const server = await startBenchServer();
  try {
    const actors = await createActors(server.call, `bench_reads_${n}`);
    const started = performance.now();
    await generateOffers(actors, { min: n, concurrency: 4 });
    const generateMs = performance.now() - started;
    return { reads: await measureReads(server.call, actors, countReads()), generateMs };
  } finally {
    await server.close();
  }
}

async function readCounts(): Promise<void> {
  const small = await readsAt(1_000);
  const large = await readsAt(READS_AT);
  console.log(
    `items read per call, 1,000 → ${READS_AT.toLocaleString('en')} offers ` +
      `(generated in ${(large.generateMs / 1000).toFixed(1)} s):`,
  );
  for (const route of Object.keys(small.reads)) {
    const [a, b] = [small.reads[route], large.reads[route]];
    console.log(
      `  ${route.padEnd(34)} ${String(a).padStart(5)} → ${String(b).padStart(5)}  ×${(b / a).toFixed(2)}`,
    );
  }
}

export async function run(): Promise<void> {
  await claimBurst();
  await readCounts();
}

async function claimBurst(): Promise<void> {
  const server = await startBenchServer();
  try {
    const admin = await server.login('admin');
    const staffToken = await server.login('bench_staff');
    const staffMe = await server.call('GET', '/v1/me', staffToken);
    await server.call('PUT', `/v1/admin/users/${staffMe.body.user.id}/roles`, admin, { roles: ['staff'] });
    const merchantToken = await server.login('bench_merchant');
    const applied = await server.call('POST', '/v1/merchants', merchantToken, {
      name: '压测小店',
      category: '餐饮',
      address: '环翠楼街道 1 号',
      contact: '13800000000',
    });
    await server.call('POST', `/v1/admin/merchants/${applied.body.merchant.id}/decision`, staffToken, {
      decision: 'approve',
    });
    const offer = await server.call('POST', '/v1/offers', merchantToken, {
      title: '压测优惠',
      description: '压测',
      alliance: 'industry',
      quantity: QUANTITY,
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 86400_000).toISOString(),
    });
    const offerId = offer.body.offer.id as string;

    const tokens: string[] = [];
    for (let i = 0; i < USERS; i++) tokens.push(await server.login(`bench_user_${i}`));

    const claims = await runConcurrently(
      tokens.map((t) => () => server.call('POST', `/v1/offers/${offerId}/claims`, t)),
      CONCURRENCY,
    );
    console.log(
      describeLatency(
        `claim burst (${USERS} users, ${CONCURRENCY} in flight, quantity ${QUANTITY})`,
        claims.latencies,
        claims.wallMs,
      ),
    );
    const won = claims.results.filter((r) => r.status === 201);
    const soldOut = claims.results.filter((r) => r.status === 409 && r.body.error.code === 'SOLD_OUT').length;
    const other = claims.results.length - won.length - soldOut;
    const after = await server.call('GET', `/v1/offers/${offerId}`);
    console.log(
      `  outcome: ${won.length} codes, ${soldOut} SOLD_OUT, ${other} other; offer.claimed = ${after.body.offer.claimed}`,
    );
    if (won.length !== QUANTITY || after.body.offer.claimed !== QUANTITY || other !== 0)
      throw new Error('claim burst broke the invariant');

    const codes = won.map((r) => r.body.claim.code as string);
    const redemptions = await runConcurrently(
      codes.map((code) => () => server.call('POST', '/v1/redemptions', merchantToken, { code })),
      CONCURRENCY,
    );
    console.log(describeLatency('redeem distinct codes', redemptions.latencies, redemptions.wallMs));
    const same = await runConcurrently(
      Array.from(
        { length: 50 },
        () => () => server.call('POST', '/v1/redemptions', merchantToken, { code: codes[0] }),
      ),
      50,
    );
    // A code shown again is a new presentation, not a retry (that carries its key): each is ALREADY_REDEEMED.
    const refused = same.results.filter(
      (r) => r.status === 409 && r.body.error.code === 'ALREADY_REDEEMED',
    ).length;
    const figures = await server.call('GET', `/v1/offers/${offerId}`);
    console.log(
      `  50 more submissions of one redeemed code by its merchant: ${refused} ALREADY_REDEEMED; ` +
        `offer.redeemed = ${figures.body.offer.redeemed}`,
    );
    if (refused !== 50 || figures.body.offer.redeemed !== codes.length)
      throw new Error('a redeemed code was accepted again');
  } finally {
    await server.close();
  }
}
