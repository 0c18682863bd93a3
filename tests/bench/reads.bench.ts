// Items read per call of every wall, spaces and events list and figure route at 1,000 records of each feature and at
// READS_AT (default 100,000, the full number: no time budget here), through the local HTTP API. The records and the
// routes are those of the read-count test (tests/integration/reads.support.ts); the alliance routes are in
// alliance.bench.ts.
import { countReads } from '../support/readCounter';
import {
  READ_FEATURES,
  createActors,
  describeReads,
  generate,
  measureReads,
} from '../integration/reads.support';
import { startBenchServer } from './support';

const SMALL = 1_000;
const READS_AT = Number(process.env.READS_AT ?? 100_000);

export async function run(): Promise<void> {
  const server = await startBenchServer();
  try {
    const actors = await createActors(server.call, 'bench_reads');
    const counter = countReads();
    const now = Date.now();
    const small: Record<
      string,
      { records: number; reads: Record<string, number>; bytes: Record<string, number> }
    > = {};
    for (const feature of READ_FEATURES) {
      const { records } = await generate(feature, actors.reader, { now, min: SMALL });
      const bytes: Record<string, number> = {};
      small[feature.name] = {
        records,
        reads: await measureReads(server.call, feature, actors, counter, bytes),
        bytes,
      };
    }
    // The same store grows on: record i is the same at any size, so the small store is the large one's beginning.
    for (const feature of READ_FEATURES) {
      const started = performance.now();
      const { records, items } = await generate(feature, actors.reader, { now, from: SMALL, min: READS_AT });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const bytes: Record<string, number> = {};
      const large = {
        records,
        reads: await measureReads(server.call, feature, actors, counter, bytes),
        bytes,
      };
      console.log(
        `${feature.name}: items (and their bytes) read per call, ${SMALL.toLocaleString('en')} → ${records.toLocaleString('en')} ` +
          `${feature.unit} (+${items.toLocaleString('en')} items generated in ${seconds} s):`,
      );
      console.log(describeReads(small[feature.name], large));
    }
  } finally {
    await server.close();
  }
}
