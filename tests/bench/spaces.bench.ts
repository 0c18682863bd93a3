// Shared-space check-in burst through the local HTTP API: 300 visitors scan one door of 200 places at once
// (50 in flight), then the 200 who got in check out. Prints throughput, p50/p99, the outcome counts, and what the
// maintenance job's repair and recount then find (nothing, when every step held).
import { reconcileService } from '../../functions/spaces/reconcileService';
import { describeLatency, runConcurrently, startBenchServer } from './support';

const VISITORS = 300;
const CAPACITY = 200;
const CONCURRENCY = 50;

export async function run(): Promise<void> {
  const server = await startBenchServer();
  try {
    const admin = await server.login('admin');
    const created = await server.call('POST', '/v1/spaces', admin, {
      name: '压测共享空间',
      address: '环翠楼街道',
      capacity: CAPACITY,
    });
    const spaceId = created.body.space.id as string;
    const door = (await server.call('GET', `/v1/spaces/${spaceId}/qrcode`, admin)).body.token as string;
    const tokens = (
      await runConcurrently(
        Array.from({ length: VISITORS }, (_, i) => () => server.login(`bench_space_${i}`)),
        20,
      )
    ).results;

    const checkins = await runConcurrently(
      tokens.map(
        (token) => () => server.call('POST', `/v1/spaces/${spaceId}/checkins`, token, { token: door }),
      ),
      CONCURRENCY,
    );
    const count = (status: number) => checkins.results.filter((r) => r.status === status).length;
    console.log(
      describeLatency(
        `check-in burst (${VISITORS} visitors, ${CAPACITY} places, ${CONCURRENCY} in flight)`,
        checkins.latencies,
        checkins.wallMs,
      ),
    );
    console.log(
      `  outcomes: ${count(201)} checked in (201), ${count(409)} SPACE_FULL (409), ${VISITORS - count(201) - count(409)} other`,
    );

    const inside = tokens.filter((_, i) => checkins.results[i].status === 201);
    const checkouts = await runConcurrently(
      inside.map((token) => () => server.call('POST', `/v1/spaces/${spaceId}/checkout`, token)),
      CONCURRENCY,
    );
    console.log(
      describeLatency(`check-out burst (${inside.length} visitors)`, checkouts.latencies, checkouts.wallMs),
    );
    const after = await server.call('GET', `/v1/spaces/${spaceId}`);
    console.log(`  occupancy after: ${after.body.space.occupancy} (expected 0)`);
    const repair = await reconcileService.repairSpace(spaceId, Date.now());
    const recounted = await reconcileService.recount(spaceId);
    console.log(
      `  then the job: ${repair.intentsFinished + repair.intentsUndone + repair.closesTakenOver} leftovers repaired, recount changed the counter: ${recounted} (expected 0, false)`,
    );
  } finally {
    await server.close();
  }
}
