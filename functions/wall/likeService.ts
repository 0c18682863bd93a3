// Likes: one per user per message, idempotent, exact under concurrency, and crash-safe without transactions.
// This file owns the invariant "likes = the like items that say liked, plus nothing"; every write is below.
//
// Each like or unlike of user u on message m, in order (all single-item conditional writes):
//   1. message: take u's intent slot {op, id, prev = the like item's opId now} and set the byQueue marker
//      WALL#LIKE_INTENTS; an unlike also takes its -1 here.                       (refused while u has one in flight)
//   2. like item: liked = (op is like), opId = intent id, only if its opId is still `prev`.
//   3. message: apply the rest of the counter change (+1 for a like that happened, +1 back for an unlike that did
//      not) and release the intent, only if the intent is still there (exactly once); the last intent takes the
//      marker with it.
//   4. only when a concurrent settle raced step 3 (both saw the other's intent, so neither took the marker):
//      message: drop the marker if no intent is left.
// What a crash leaves, and who repairs it:
//   after 1 (failpoint wall.like.afterIntent) or 2 (wall.like.afterLikeItem): the counter at most one *below* the
//     true count, and u's intent naming the operation. `resolveIntent` finishes it exactly once: the sweeper
//     (reconcileService.sweepLikes, every 5 minutes) after the 30 s lease, or u's next like/unlike after the lease.
//     Step 2's condition makes a late second finisher (a retry and a sweep, or two sweeps, at the same time) change
//     nothing once the intent was settled and u acted again; step 3's makes the counter move once.
//   after 3 (wall.like.afterSettled): a marker on a message with no intent; the sweeper drops it.
// The sweeper's recount (likes := consistent count of liked items) is only a safety net: it runs when nothing is in
// flight and the counter's version did not move, and after a correct repair it finds nothing to fix.
import type { Page } from '../../shared/api/common';
import type { LikeReply, Message } from '../../shared/api/wall';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { pause } from '../lib/backoff';
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { logger } from '../lib/logger';
import { countDaily } from '../lib/metrics';
import { likeStore } from './likeStore';
import { messageStore } from './messageStore';
import { LIKE_INTENT_LEASE_MS, type LikeIntent, type MessageRecord } from './model';
import { toMessagePage, type Viewer } from './views';

const MAX_ATTEMPTS = 30;

/** The wait before another try of a like slot another request holds: 10 ms, plus up to 10 ms doubling to 200 ms. */
const LIKE_SLOT_BACKOFF = { baseMs: 10, capMs: 200, floorMs: 10 };

/** An intent older than the lease: its request is dead, so anyone may finish it. */
const isAbandoned = (intent: LikeIntent) => intent.at < Date.now() - LIKE_INTENT_LEASE_MS;

/** The counter change still owed by step 3, given whether step 2 took effect. */
function settleDelta(op: LikeIntent['op'], applied: boolean): -1 | 0 | 1 {
  if (op === 'like') return applied ? 1 : 0;
  return applied ? 0 : 1;
}

/** Step 2 for `intent`: true if the like item carries this intent's change (written now, or by another finisher). */
async function applyLikeItem(messageId: string, userId: string, intent: LikeIntent): Promise<boolean> {
  if (await likeStore.setLiked(messageId, userId, intent)) return true;
  return (await likeStore.get(messageId, userId))?.opId === intent.id;
}

/** Steps 3 and 4: the new count, or null when the intent was already settled (by another finisher). */
async function settle(
  messageId: string,
  userId: string,
  intent: LikeIntent,
  applied: boolean,
): Promise<number | null> {
  const settled = await likeStore.settleIntent(messageId, userId, intent.id, settleDelta(intent.op, applied));
  if (!settled) return null;
  if (settled.markerLeft) {
    failpoint('wall.like.afterSettled');
    await likeStore.clearMarkerIfIdle(messageId);
  }
  return settled.likes;
}

/** The published message, or 404. */
async function publishedMessage(messageId: string): Promise<MessageRecord> {
  const message = await messageStore.get(messageId);
  if (!message || message.status !== 'published') throw new NotFoundError('寄语不存在或已下墙');
  return message;
}

/**
 * Finishes an abandoned intent (steps 2–4): completes its like item write if it was not done, then settles it once.
 * True if this call settled it; false if another finisher did.
 */
export async function resolveIntent(messageId: string, userId: string, intent: LikeIntent): Promise<boolean> {
  const applied = await applyLikeItem(messageId, userId, intent);
  const settled = (await settle(messageId, userId, intent, applied)) !== null;
  if (settled) logger.info('like intent resolved', { messageId, userId, op: intent.op, applied });
  return settled;
}

export const likeService = {
  /** Like (`want` true) or unlike a published message; repeating the current state changes nothing. */
  async set(messageId: string, userId: string, want: boolean): Promise<LikeReply> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await likeStore.get(messageId, userId);
      if ((current?.liked ?? false) === want) {
        const message = await publishedMessage(messageId);
        // The state may be this user's own abandoned operation, not counted yet: finish it first.
        const holder = message.likeIntents[userId];
        if (!holder || !isAbandoned(holder)) return { likes: message.likes, likedByMe: want };
        await resolveIntent(messageId, userId, holder);
        continue;
      }

      const intent: LikeIntent = {
        op: want ? 'like' : 'unlike',
        id: newId(),
        at: Date.now(),
        prev: current?.opId ?? null,
      };
      if (!(await likeStore.takeIntent(messageId, userId, intent, want ? 0 : -1))) {
        const holder = (await publishedMessage(messageId)).likeIntents[userId];
        if (holder && isAbandoned(holder)) await resolveIntent(messageId, userId, holder);
        else await pause(attempt, LIKE_SLOT_BACKOFF);
        continue;
      }
      failpoint('wall.like.afterIntent');
      const applied = await applyLikeItem(messageId, userId, intent);
      failpoint('wall.like.afterLikeItem');
      const likes = await settle(messageId, userId, intent, applied);
      // Not applied: the like item changed since it was read (another operation of this user): look again.
      if (!applied) continue;
      if (want) await countDaily('messages.likes');
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
