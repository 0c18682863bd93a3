// The embedded DynamoDB-compatible store (dynalite), in memory or persisted to a folder, with the app table.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { withChangeFeed, type ChangeFeed } from './changeFeed';
import { tableDefinition } from './serverlessConfig';

// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

/** How long the embedded store keeps an idle client connection open. */
export const STORE_KEEP_ALIVE_MS = 10 * 60_000;

/** How long close() waits for requests under way before it cuts every connection. */
const CLOSE_DRAIN_MS = 15_000;

export interface EmbeddedStore {
  endpoint: string;
  /** Every item change, as DynamoDB Streams would carry it (./changeFeed.ts; ./streams.ts delivers it). */
  changes: ChangeFeed;
  /** Requests the store has been sent so far, from every client (the benches count operations with it). */
  requestsServed(): number;
  close(): Promise<void>;
}

export async function startEmbeddedStore(
  options: { path?: string; port?: number } = {},
): Promise<EmbeddedStore> {
  const { created: server, changes } = withChangeFeed(() =>
    dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }),
  );
  // Node closes an idle keep-alive socket after 5 s; the SDK's agent keeps reusing it, so the first requests after a
  // quiet moment raced the close and failed with ECONNRESET (503 to the user). The store keeps idle connections far
  // longer than any client holds one, so the client always closes first.
  server.keepAliveTimeout = STORE_KEEP_ALIVE_MS;
  server.headersTimeout = STORE_KEEP_ALIVE_MS + 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Requests the store is still working on. dynalite closes its database when the server closes and throws
  // (uncaught, ending the process) from any write still under way, so close() lets those finish first.
  let inFlight = 0;
  let served = 0;
  // Counted until dynalite answers (res.end), not until the socket closes: a request whose client went away is
  // still being written.
  server.prependListener('request', (_req, res) => {
    served++;
    inFlight++;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    let done = false;
    res.end = ((...args: unknown[]) => {
      if (!done) {
        done = true;
        inFlight--;
      }
      return end(...args);
    }) as typeof res.end;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    changes,
    requestsServed: () => served,
    // Stop listening, let requests under way finish (a client that gave up early may have left some), then end
    // every connection at once: idle keep-alive ones would otherwise hold close() open.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        const deadline = Date.now() + CLOSE_DRAIN_MS;
        const drain = (): void => {
          if (inFlight > 0 && Date.now() < deadline) {
            setTimeout(drain, 10);
            return;
          }
          server.closeAllConnections();
        };
        drain();
      }),
  };
}

export function storeClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates the app table from infra/table.yml unless it exists. Returns true when it was created. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = storeClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const def = tableDefinition();
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: def.AttributeDefinitions as never,
      KeySchema: def.KeySchema as never,
      GlobalSecondaryIndexes: def.GlobalSecondaryIndexes as never,
    }),
  );
  for (let i = 0; i < 50; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  client.destroy();
  return true;
}
