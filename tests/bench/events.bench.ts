// Sign-up rush: 1,200 people tap "报名" on a 1,000-seat event through the local HTTP API (50 in flight), and, in the
// same run, the raw store's conditional-update throughput (50 concurrent clients doing `ADD seats :n` under a
// condition on a dummy item). The ratio tells how close the API gets to the store it is built on.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describeLatency, percentile, runConcurrently, startBenchServer } from './support';

const SEATS = 1000;
const PEOPLE = 1200;
const CONCURRENCY = 50;
const RAW_UPDATES = 3000;

async function rawStoreThroughput(endpoint: string): Promise<{ rate: number; line: string }> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'ap-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const table = 'bench-raw-counter';
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  let refused = 0;
  const tasks = Array.from({ length: RAW_UPDATES }, (_, i) => async () => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: 'dummy' },
          UpdateExpression: 'ADD seats :n',
          ConditionExpression: 'attribute_not_exists(seats) OR seats <= :max',
          ExpressionAttributeValues: { ':n': 1 + (i % 2), ':max': 10_000_000 },
        }),
      );
    } catch {
      refused++;
    }
  });
  const { latencies, wallMs } = await runConcurrently(tasks, CONCURRENCY);
  client.destroy();
  return {
    rate: (latencies.length / wallMs) * 1000,
    line: describeLatency(`raw store conditional UpdateItem (${refused} refused)`, latencies, wallMs),
  };
}

export async function run(): Promise<void> {
  const server = await startBenchServer();
  try {
    const admin = await server.login('admin');
    const created = await server.call('POST', '/v1/events', admin, {
      kind: 'party_lesson',
      title: '压测：千人党课',
      location: '会场',
      startsAt: new Date(Date.now() + 3 * 86400000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 86400000 + 7200000).toISOString(),
      capacity: SEATS,
    });
    const eventId = created.body.event.id as string;
    const tokens: string[] = [];
    for (let i = 0; i < PEOPLE; i += 100) {
      tokens.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(100, PEOPLE - i) }, (_, j) => server.login(`bench_rush_${i + j}`)),
        )),
      );
    }

    const rush = await runConcurrently(
      tokens.map((token) => () => server.call('POST', `/v1/events/${eventId}/signups`, token, {})),
      CONCURRENCY,
    );
    const statuses = new Map<string, number>();
    for (const r of rush.results) {
      const key = r.status === 201 ? r.body.signup.status : String(r.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const apiRate = (rush.latencies.length / rush.wallMs) * 1000;
    console.log(
      describeLatency(
        `sign-up rush via HTTP API (${SEATS} seats, ${PEOPLE} people)`,
        rush.latencies,
        rush.wallMs,
      ),
    );
    console.log(`  outcomes: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const event = (await server.call('GET', `/v1/events/${eventId}`)).body.event;
    console.log(
      `  event after: seatsTaken ${event.seatsTaken}/${event.capacity}, waitlist ${event.waitlistCount}`,
    );

    const raw = await rawStoreThroughput(server.storeEndpoint);
    console.log(raw.line);
    console.log(
      `ratio sign-ups/s ÷ raw conditional updates/s = ${(apiRate / raw.rate).toFixed(2)} (goal ≥ 0.5); p50 ${percentile(rush.latencies, 50).toFixed(1)} ms`,
    );
  } finally {
    await server.close();
  }
}
