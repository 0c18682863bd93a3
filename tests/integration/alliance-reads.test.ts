// Reads that never grow with the data: items read per call of every alliance list and figure route, at 1,000 offers
// and at as many as the embedded store takes in about a minute (at least 10,000, at most ALLIANCE_READS_AT, default
// 100,000; ALLIANCE_READS_BUDGET_MS sets the minute), must stay within 10%.
import { startTestApp, type TestApp } from '../support/app';
import {
  countReads,
  createActors,
  generateOffers,
  measureReads,
  type Call,
  type GenerateOptions,
} from './alliance-reads.support';

const LARGE: GenerateOptions = {
  min: 10_000,
  max: Number(process.env.ALLIANCE_READS_AT ?? 100_000),
  budgetMs: Number(process.env.ALLIANCE_READS_BUDGET_MS ?? 60_000),
};
jest.setTimeout(600_000);

async function readsAt(size: GenerateOptions): Promise<{ n: number; reads: Record<string, number> }> {
  const app: TestApp = await startTestApp();
  try {
    const call: Call = (method, url, token, body) => app.request(method, url, { token, body });
    const actors = await createActors(call, 'reads');
    const started = Date.now();
    const n = await generateOffers(actors, size);
    console.log(`${n} offers generated in ${Date.now() - started} ms`);
    return { n, reads: await measureReads(call, actors, countReads()) };
  } finally {
    await app.close();
  }
}

it('items read per call at 10,000–100,000 offers are within 10% of those at 1,000', async () => {
  const small = await readsAt({ min: 1_000 });
  const large = await readsAt(LARGE);
  console.log(`alliance items read per call, 1,000 → ${large.n} offers:`, small.reads, large.reads);
  expect(large.n).toBeGreaterThanOrEqual(10_000);
  expect(Object.keys(large.reads)).toEqual(Object.keys(small.reads));
  expect(Object.values(small.reads).every((n) => n > 0)).toBe(true);
  const grown = Object.keys(small.reads).filter((route) => large.reads[route] / small.reads[route] > 1.1);
  expect(grown).toEqual([]);
});
