// One DynamoDB document client, built once per process (module scope, lazily so tests can point it at a store first).
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';
import { loadSecrets } from './secrets';

let documentClient: DynamoDBDocumentClient | undefined;
const ownClient = new AsyncLocalStorage<DynamoDBDocumentClient>();

export function db(): DynamoDBDocumentClient {
  const own = ownClient.getStore();
  if (own) return own;
  documentClient ??= createDocumentClient();
  return documentClient;
}

/** A new document client on the configured store (what db() builds once per process). */
export function createDocumentClient(): DynamoDBDocumentClient {
  const endpoint = config.dynamoEndpoint();
  const client = new DynamoDBClient({
    region: config.region(),
    endpoint,
    // The embedded store accepts any credentials; on Lambda the role's credentials are used.
    ...(endpoint
      ? {
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          // The embedded store speaks plain HTTP. An idle connection is dropped by this side after 30 s, well
          // before the store would close it (infra/local/store.ts), so a request never lands on a closing socket.
          requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 50, timeout: 30_000 }) },
        }
      : {}),
    maxAttempts: 4,
  });
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  // On Lambda, this function's secrets (lib/secrets.ts) are read from SSM before its first store call, so a
  // scheduled job that signs a cursor or calls WeChat after reading the table has them. Locally: a no-op.
  documentClient.middlewareStack.add(
    (next) => async (args) => {
      await loadSecrets();
      return next(args);
    },
    { step: 'initialize', name: 'rcLoadSecrets' },
  );
  return documentClient;
}

/**
 * Runs `fn` with `client` as its db(): the local runtime runs a function that would be a Lambda of its own (a stream
 * consumer) in the API's process, and gives it its own client, so the API's client middleware (the tests' operation
 * counters and store faults) sees only the API's calls, as in production.
 */
export function withClient<T>(client: DynamoDBDocumentClient, fn: () => Promise<T>): Promise<T> {
  return ownClient.run(client, fn);
}

export function tableName(): string {
  return config.tableName();
}

/** For tests and the local runtime when they re-point the store. */
export function resetDbClient(): void {
  documentClient?.destroy();
  documentClient = undefined;
}

export function isConditionFailed(err: unknown): boolean {
  return (
    !!err && typeof err === 'object' && (err as { name?: string }).name === 'ConditionalCheckFailedException'
  );
}
