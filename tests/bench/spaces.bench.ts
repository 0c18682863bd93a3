// Shared-space check-in burst through the local HTTP API: 300 visitors scan one door of 200 places at once
// (50 in flight), then the 200 who got in check out. Prints throughput, p50/p99, the outcome counts, the store writes
// per admitted check-in (its own steps, and the figure writes the stream function makes for it, apart), the day's
// figures once the stream has delivered, and what the maintenance job's repair and recount then find (nothing, when
// every step held).
import type { ChangeRecord } from '../../infra/local/changeFeed';
import { reconcileService } from '../../functions/spaces/reconcileService';
import { describeLatency, runConcurrently, startBenchServer } from './support';

/** What a write was for, by its key: a figure (a space's day, the dashboard's STATS#) or a check-in's own step. */
function writeKind(record: ChangeRecord): 'figure' | 'step' {
  const keys = record.dynamodb.Keys as { pk?: { S?: string }; sk?: { S?: string } };
  const pk = keys.pk?.S ?? '';
  const sk = keys.sk?.S ?? '';
  return pk.startsWith('STATS#') || sk.startsWith('DAY#') ? 'figure' : 'step';
}

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

    const writes = { figure: 0, step: 0 };
    const stopWatching = server.changes?.subscribe((record) => writes[writeKind(record)]++);
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

    await server.streamsSettled?.();
    stopWatching?.();
    const admitted = count(201);
    if (server.changes)
      console.log(
        `  store writes per admitted check-in: ${(writes.step / admitted).toFixed(2)} on the request path ` +
          `(the rate limit's, the space's counter and intent twice, the open check-in, the history), ` +
          `${(writes.figure / admitted).toFixed(2)} figure writes from the stream (the space's day, the dashboard)`,
      );
    const stats = (await server.call('GET', `/v1/spaces/${spaceId}/stats`, admin)).body;
    console.log(
      `  the day's figures once the stream delivered: ${stats.visits} visits, ${stats.uniqueVisitors} visitors, ` +
        `peak ${stats.peakOccupancy} (expected ${admitted}, ${admitted}, ${admitted})`,
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
