// One user's wall data, for the account's export and its closing (functions/users/accountSteps.ts runs these).
// Closing: each of the user's messages (found on `byOwner`) loses its author — one conditional write per message
// that also takes it off the author's list, so a retry after a crash erases only what is left. Likes stay counted.
import type { Message } from '../../shared/api/wall';
import { failpoint } from '../lib/faults';
import { messageStore } from './messageStore';
import type { MessageRecord } from './model';
import { toMessage } from './views';

async function allByAuthor(userId: string): Promise<MessageRecord[]> {
  const all: MessageRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await messageStore.listByAuthor(userId, { limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Closing: the user's messages stay on the wall with `author: null`. Returns how many were erased. */
async function closeFor(userId: string, now = Date.now()): Promise<number> {
  let erased = 0;
  for (const message of await allByAuthor(userId)) {
    if (await messageStore.eraseAuthor(message.id, userId, new Date(now).toISOString())) erased++;
    failpoint('account.wall.afterMessageErased');
  }
  return erased;
}

/** The export: every message of the user, in every status, as they see it. */
async function exportFor(userId: string): Promise<Message[]> {
  return (await allByAuthor(userId)).map((m) => toMessage(m, { id: userId, staff: false }, false));
}

export const wallAccountDataService = { closeFor, exportFor };
