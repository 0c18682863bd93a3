// Likes: one per user per message, idempotent, exact under concurrency, and crash-safe without transactions.
//
// Each like or unlike of user u on message m is three single-item conditional writes:
//   1. message: take u's intent slot (one operation per user in flight); an unlike also takes its -1 here.
//   2. like item: set liked = true/false, stamped with the intent id, if it is not so already.
//   3. message: apply the rest of the counter change (+1 for a like that happened, +1 back for an unlike that did not)
//      and release the intent, conditioned on the intent, so it happens exactly once.
// A crash therefore only ever leaves the counter *below* the true count, with an intent saying whose operation it
// was; `resolveIntent` (run by the sweeper in reconcileService.ts, and inline when the same user comes back)
// finishes it exactly once.
import type { Page } from '../../shared/api/common';
import type { LikeReply, Message } from '../../shared/api/wall';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { logger } from '../lib/logger';
import { countDaily } from '../lib/metrics';
import { likeStore } from './likeStore';
import { messageStore } from './messageStore';
import { LIKE_INTENT_LEASE_MS, type LikeIntent, type MessageRecord } from './model';
import { toMessagePage, type Viewer } from './views';

const MAX_ATTEMPTS = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The counter change still owed by step 3, given whether step 2 took effect. */
function settleDelta(op: LikeIntent['op'], applied: boolean): -1 | 0 | 1 {
  if (op === 'like') return applied ? 1 : 0;
  return applied ? 0 : 1;
}

/** Step 2 for `intent`, tolerating that someone else (the original flow or a resolver) already did it. */
async function applyLikeItem(messageId: string, userId: string, intent: LikeIntent): Promise<boolean> {
  if (await likeStore.setLiked(messageId, userId, intent.op === 'like', intent.id)) return true;
  return (await likeStore.get(messageId, userId))?.opId === intent.id;
}

/** The published message, or 404. */
async function publishedMessage(messageId: string): Promise<MessageRecord> {
  const message = await messageStore.get(messageId);
  if (!message || message.status !== 'published') throw new NotFoundError('寄语不存在或已下墙');
  return message;
}

/** Finishes an abandoned intent: completes its like item write if it was not done, then settles it once. */
export async function resolveIntent(messageId: string, userId: string, intent: LikeIntent): Promise<void> {
  // The intent still holds the user's slot, so nothing else can change this like item meanwhile.
  const applied = await applyLikeItem(messageId, userId, intent);
  await likeStore.settleIntent(messageId, userId, intent.id, settleDelta(intent.op, applied));
  logger.info('like intent resolved', { messageId, userId, op: intent.op, applied });
}

export const likeService = {
  /** Like (`want` true) or unlike a published message; repeating the current state changes nothing. */
  async set(messageId: string, userId: string, want: boolean): Promise<LikeReply> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await likeStore.get(messageId, userId);
      if ((current?.liked ?? false) === want)
        return { likes: (await publishedMessage(messageId)).likes, likedByMe: want };

      const intent: LikeIntent = { op: want ? 'like' : 'unlike', id: newId(), at: Date.now() };
      if (!(await likeStore.takeIntent(messageId, userId, intent, want ? 0 : -1))) {
        const holder = (await publishedMessage(messageId)).likeIntents[userId];
        if (holder && holder.at < Date.now() - LIKE_INTENT_LEASE_MS)
          await resolveIntent(messageId, userId, holder);
        else await sleep(10 + Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5)));
        continue;
      }
      failpoint('wall.like.afterIntent');
      const applied = await applyLikeItem(messageId, userId, intent);
      failpoint('wall.like.afterLikeItem');
      const likes = await likeStore.settleIntent(
        messageId,
        userId,
        intent.id,
        settleDelta(intent.op, applied),
      );
      if (applied && want) await countDaily('messages.likes');
      return { likes: likes ?? (await publishedMessage(messageId)).likes, likedByMe: want };
    }
    throw new UnavailableError(new Error('like slot stayed busy'));
  },

  /** Whether `userId` likes the message now. */
  async likedBy(messageId: string, userId: string): Promise<boolean> {
    return (await likeStore.get(messageId, userId))?.liked === true;
  },

  /** A page of messages as `viewer` sees them, each with whether the viewer likes it (never, signed out). */
  async pageSeenBy(viewer: Viewer | null, page: Page<MessageRecord>): Promise<Page<Message>> {
    const liked = viewer
      ? await likeStore.likedAmong(
          page.items.map((m) => m.id),
          viewer.id,
        )
      : new Set<string>();
    return toMessagePage(page, viewer, liked);
  },
};
