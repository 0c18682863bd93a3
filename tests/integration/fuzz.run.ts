// `npm run fuzz -- --runs 100000 [--seed N] [--well-formed N] [--concurrency N]`: the fuzz suite of fuzz.test.ts with
// more requests, outside jest.
import '../support/env';
import { startTestApp } from '../support/app';
import { describeTiming, runFuzz } from './fuzz.support';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const seed = option('seed', Date.now() % 1_000_000);
  const requests = option('runs', 100_000);
  const wellFormed = option('well-formed', Math.ceil(requests / 10));
  const concurrency = option('concurrency', 8);
  console.log(`fuzz: seed ${seed}, ${requests} requests (repeat with --seed ${seed})`);
  const app = await startTestApp();
  const started = Date.now();
  try {
    const result = await runFuzz(app, { seed, requests, wellFormed, concurrency });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${result.wellFormed.requests + result.hostile.requests} requests in ${seconds.toFixed(1)} s`,
    );
    console.log('well-formed by status', result.wellFormed.byStatus);
    console.log('hostile by status', result.hostile.byStatus);
    console.log('hostile by kind', result.hostile.byKind);
    console.log(describeTiming(result.timing));
    const before = new Set(result.before);
    const after = new Set(result.after);
    const added = result.after.filter((x) => !before.has(x));
    const removed = result.before.filter((x) => !after.has(x));
    if (added.length || removed.length) {
      console.log('added', added.slice(0, 10), 'removed', removed.slice(0, 10));
      throw new Error('the hostile requests changed the store');
    }
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
