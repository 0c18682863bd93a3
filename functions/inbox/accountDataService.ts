// One user's notices, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing erases the whole partition (claims, notices, the marker), item by item, so a retry after a crash erases
// what is left. From the closing's first step on, functions/lib/inbox.ts writes no new notice to the account.
import type { Notice } from '../../shared/api/inbox';
import { failpoint } from '../lib/faults';
import { inboxStore } from './inboxStore';
import { toNotice } from './views';

async function closeFor(userId: string): Promise<number> {
  let erased = 0;
  for (const key of await inboxStore.allKeys(userId)) {
    await inboxStore.remove(key);
    erased++;
    failpoint('account.inbox.afterItemErased');
  }
  return erased;
}

async function exportFor(userId: string): Promise<Notice[]> {
  const lastReadAt = await inboxStore.lastReadAt(userId);
  return (await inboxStore.all(userId)).map((n) => toNotice(n, lastReadAt));
}

export const inboxAccountDataService = { closeFor, exportFor };
