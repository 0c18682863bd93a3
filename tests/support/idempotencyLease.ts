// Ends an Idempotency-Key's in-progress lease at once, as if the request that took it had died 30 s ago: a retry
// with the same key may then run again (tests of retries after a crash).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { idempotencyRecordKey } from '../../functions/lib/idempotency';

export async function leaseRunsOut(userId: string, key: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: idempotencyRecordKey(userId, key),
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: { ':past': 0 },
    }),
  );
}
