// Message wall: the wall's page read latency at 500 and at 5,000 messages (it is a Query on the sparse byFeed
// index, so the cost should not grow with the wall), and like throughput on one hot message with the store requests
// each like costs, the sweeper markers the burst leaves and what one sweep then finds.
import { db } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { likeStore } from '../../functions/wall/likeStore';
import type { MessageRecord } from '../../functions/wall/model';
import { messageStore } from '../../functions/wall/messageStore';
import { sweepLikes } from '../../functions/wall/reconcileService';
import { describeLatency, percentile, runConcurrently, startBenchServer, type BenchServer } from './support';

const READS = 300;
const READ_CONCURRENCY = 4;

function message(i: number, status: MessageRecord['status']): MessageRecord {
  const at = Date.UTC(2026, 10, 1) + i * 1000;
  const createdAt = new Date(at).toISOString();
  return {
    id: newId(at),
    text: `欢迎回家 第${i}条寄语`,
    anonymous: i % 5 === 0,
    authorId: `ubench${i % 50}`,
    authorNickname: `用户${i % 50}`,
    status,
    likes: 0,
    likesVersion: 0,
    likeIntents: {},
    check: { provider: 'local', suggest: 'pass', label: null },
    moderation: null,
    reason: null,
    createdAt,
    updatedAt: createdAt,
    publishedAt: status === 'published' ? createdAt : null,
  };
}

/** Adds messages straight through the store (the post route's rate limit would otherwise take hours). */
async function addMessages(from: number, to: number): Promise<void> {
  const tasks = [];
  // One in ten is pending: the queue shares the table but must not slow the wall.
  for (let i = from; i < to; i++)
    tasks.push(() => messageStore.create(message(i, i % 10 === 9 ? 'pending' : 'published')));
  await runConcurrently(tasks, 32);
}

async function measureReads(server: BenchServer, token: string, label: string): Promise<number> {
  const first = await server.call('GET', '/v1/messages?limit=20', token);
  const cursor = encodeURIComponent(first.body.nextCursor as string);
  // Warm-up (JIT, connections), not measured.
  await runConcurrently(
    Array.from({ length: 40 }, () => () => server.call('GET', '/v1/messages?limit=20', token)),
    READ_CONCURRENCY,
  );
  const tasks = Array.from({ length: READS }, (_, i) => async () => {
    // Alternate the first page and a later page reached by cursor.
    const res = await server.call(
      'GET',
      i % 2 === 0 ? '/v1/messages?limit=20' : `/v1/messages?limit=20&cursor=${cursor}`,
      token,
    );
    if (res.status !== 200 || res.body.items.length !== 20) throw new Error(`unexpected reply ${res.status}`);
  });
  const { latencies, wallMs } = await runConcurrently(tasks, READ_CONCURRENCY);
  console.log(describeLatency(label, latencies, wallMs));
  return percentile(latencies, 50);
}

/** Counts the requests the store client sends (every store of the process goes through it) until `stop()`. */
function countStoreRequests(): { stop(): number } {
  const client = db() as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  const original = client.send;
  let sent = 0;
  client.send = (...args: unknown[]) => {
    sent++;
    return original.apply(client, args);
  };
  return {
    stop() {
      client.send = original;
      return sent;
    },
  };
}

export async function run(): Promise<void> {
  const server = await startBenchServer();
  try {
    const viewer = await server.login('bench_wall_viewer');
    await addMessages(0, 500);
    const p50Small = await measureReads(server, viewer, 'GET /v1/messages (page of 20) with   500 messages');
    await addMessages(500, 5000);
    const p50Large = await measureReads(server, viewer, 'GET /v1/messages (page of 20) with 5,000 messages');
    console.log(`p50 ratio 5,000 / 500 messages: ${(p50Large / p50Small).toFixed(2)}`);

    const hot = (await server.call('GET', '/v1/messages?limit=1', viewer)).body.items[0].id as string;
    const likers = await Promise.all(Array.from({ length: 200 }, (_, i) => server.login(`bench_liker_${i}`)));
    const requests = countStoreRequests();
    const { results, latencies, wallMs } = await runConcurrently(
      likers.map((token) => () => server.call('PUT', `/v1/messages/${hot}/like`, token)),
      20,
    );
    const perLike = requests.stop() / likers.length;
    console.log(
      describeLatency(
        'PUT /v1/messages/{id}/like, 200 users on one message, 20 at a time',
        latencies,
        wallMs,
      ),
    );
    const after = (await server.call('GET', '/v1/messages?limit=1', viewer)).body.items[0];
    console.log(
      `likes after: ${after.likes} (expected 200); non-200 replies: ${results.filter((r) => r.status !== 200).length}`,
    );
    console.log(
      `  store requests per like request (sign-in check and rate limit included): ${perLike.toFixed(2)}`,
    );
    const markers = (await likeStore.messagesWithIntents()).ids.length;
    console.log(`  sweeper markers left once the burst settled: ${markers} (expected 0)`);
    const sweep = await sweepLikes();
    console.log(
      `  one sweep: ${sweep.messages} messages visited, ${sweep.intentsResolved} intents finished, ${sweep.recounted} counters recounted (expected 0)`,
    );
  } finally {
    await server.close();
  }
}
