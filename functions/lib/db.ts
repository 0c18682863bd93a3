// One DynamoDB document client, built once per process (module scope, lazily so tests can point it at a store first).
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';
import { loadSecrets } from './secrets';

let documentClient: DynamoDBDocumentClient | undefined;

export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
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
    documentClient = DynamoDBDocumentClient.from(client, {
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
  }
  return documentClient;
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
