// One user's merchant application, for the account's export and its closing (functions/users/accountSteps.ts runs
// these). Closing erases the application's `contact` (a person's phone, as a rule) with one conditional write by key
// (the application's id comes from the user id, so no list is read); the business's name, category, address and
// status stay, and so do its offers and their figures. A repeat finds the contact erased already and writes nothing.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Merchant } from '../../shared/api/alliance';
import { CLOSED_ACCOUNT_NICKNAME } from '../../shared/api/users';
import { tableName } from '../lib/db';
import { conditional } from '../lib/dynamo';
import { merchantService } from './merchantService';
import { merchantKey } from './model';
import { toMerchant } from './views';

/** Closing: the application's contact erased. Returns 1 when this call erased it, else 0. */
async function closeFor(userId: string, now = Date.now()): Promise<number> {
  const erased = await conditional(
    new UpdateCommand({
      TableName: tableName(),
      Key: merchantKey(merchantService.idForUser(userId)),
      UpdateExpression: 'SET contact = :erased, contactErasedAt = :now',
      ConditionExpression: 'userId = :uid AND contact <> :erased',
      ExpressionAttributeValues: {
        ':erased': CLOSED_ACCOUNT_NICKNAME,
        ':now': new Date(now).toISOString(),
        ':uid': userId,
      },
    }),
  );
  return erased ? 1 : 0;
}

/** The export: the user's merchant application, if they made one. */
async function exportFor(userId: string): Promise<Merchant[]> {
  const application = await merchantService.mine(userId);
  return application ? [toMerchant(application)] : [];
}

export const merchantAccountDataService = { closeFor, exportFor };
