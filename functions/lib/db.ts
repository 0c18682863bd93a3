// One DynamoDB document client, built once per process (module scope, lazily so tests can point it at a store first).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

let documentClient: DynamoDBDocumentClient | undefined;

export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const endpoint = config.dynamoEndpoint();
    const client = new DynamoDBClient({
      region: config.region(),
      endpoint,
      // The embedded store accepts any credentials; on Lambda the role's credentials are used.
      ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      maxAttempts: 4,
    });
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
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
