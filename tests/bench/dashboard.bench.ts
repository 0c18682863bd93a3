// Staff dashboard cost: visit records written straight into the store (BatchWrite) with the day aggregates they
// leave, then the dashboard of their 28 days loaded through the local HTTP API. Prints the items one load reads at
// 1,000 and at 100,000 records (the same: a load reads aggregates, never the records), their bytes before and after the
// past days are sealed (their "already counted" sets dropped), and the load latency, sealed.
import { sealDays } from '../../functions/lib/sealedDays';
import { BULK_FROM, BULK_TO, countItemsRead, writeVisits } from '../integration/dashboard.support';
import { describeLatency, runConcurrently, startBenchServer } from './support';

const LOADS = 20;

export async function run(): Promise<void> {
  const server = await startBenchServer();
  try {
    const admin = await server.login('admin');
    const staff = await server.login('bench_dash_staff');
    const me = await server.call('GET', '/v1/me', staff);
    await server.call('PUT', `/v1/admin/users/${me.body.user.id}/roles`, admin, { roles: ['staff'] });
    const reads = countItemsRead();
    const url = `/v1/admin/dashboard?from=${BULK_FROM}&to=${BULK_TO}`;
    let written = 0;
    for (const size of [1_000, 100_000]) {
      const people = await writeVisits(written, size);
      written = size;
      const measure = async (state: string) => {
        reads.reset();
        const one = await server.call('GET', url, staff);
        if (one.status !== 200) throw new Error(`dashboard: ${one.status}`);
        console.log(
          `${size.toLocaleString('en')} records (${people.toLocaleString('en')} visitors), ${state}: ` +
            `${reads.total} items read per load, ${(reads.bytes / 1024).toFixed(1)} KiB of them`,
        );
      };
      await measure('days not sealed');
      // As the hourly job leaves them: every day of the range is two or more days old (functions/lib/sealedDays.ts).
      const sealed = await sealDays(BULK_FROM, BULK_TO);
      await measure(`days sealed (${sealed.items} items sealed)`);
      const loads = await runConcurrently(
        Array.from({ length: LOADS }, () => () => server.call('GET', url, staff)),
        4,
      );
      console.log(
        describeLatency(
          `dashboard load, ${size.toLocaleString('en')} records`,
          loads.latencies,
          loads.wallMs,
        ),
      );
    }
  } finally {
    await server.close();
  }
}
