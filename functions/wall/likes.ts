// Likes: one per user per message, idempotent, exact under concurrency, and crash-safe without transactions.
//
// Each like or unlike of user u on message m is three single-item conditional writes:
//   1. message: take u's intent slot (one operation per user in flight); an unlike also takes its -1 here.
//   2. like item: set liked = true/false, stamped with the intent id, if it is not so already.
//   3. message: apply the rest of the counter change (+1 for a like that happened, +1 back for an unlike that did not)
//      and release the intent, conditioned on the intent, so it happens exactly once.
// A crash therefore only ever leaves the counter *below* the true count, with an intent saying whose operation it
// was; `resolveIntent` (run by the sweeper, and inline when the same user comes back) finishes it exactly once.
import type { LikeReply } from '../../shared/api/wall';
import { NotFoundError, UnavailableError } from '../lib/errors';
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { logger } from '../lib/logger';
import { countDaily } from '../lib/metrics';
import { likeStore } from './likeStore';
import type { LikeIntent } from './model';
import { messageStore } from './store';

/** An intent older than this belongs to a dead invocation (the function timeout is 10 s). */
export const LIKE_INTENT_LEASE_MS = 30_000;
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

/** Finishes an abandoned intent: completes its like item write if it was not done, then settles it once. */
export async function resolveIntent(messageId: string, userId: string, intent: LikeIntent): Promise<void> {
  // The intent still holds the user's slot, so nothing else can change this like item meanwhile.
  const applied = await applyLikeItem(messageId, userId, intent);
  await likeStore.settleIntent(messageId, userId, intent.id, settleDelta(intent.op, applied));
  logger.info('like intent resolved', { messageId, userId, op: intent.op, applied });
}

async function publishedLikes(messageId: string): Promise<number> {
  const message = await messageStore.get(messageId);
  if (!message || message.status !== 'published') throw new NotFoundError('寄语不存在或已下墙');
  return message.likes;
}

export async function setLike(messageId: string, userId: string, want: boolean): Promise<LikeReply> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await likeStore.get(messageId, userId);
    if ((current?.liked ?? false) === want)
      return { likes: await publishedLikes(messageId), likedByMe: want };

    const intent: LikeIntent = { op: want ? 'like' : 'unlike', id: newId(), at: Date.now() };
    if (!(await likeStore.takeIntent(messageId, userId, intent, want ? 0 : -1))) {
      const message = await messageStore.get(messageId);
      if (!message || message.status !== 'published') throw new NotFoundError('寄语不存在或已下墙');
      const holder = message.likeIntents[userId];
      if (holder && holder.at < Date.now() - LIKE_INTENT_LEASE_MS)
        await resolveIntent(messageId, userId, holder);
      else await sleep(10 + Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5)));
      continue;
    }
    failpoint('wall.like.afterIntent');
    const applied = await applyLikeItem(messageId, userId, intent);
    failpoint('wall.like.afterLikeItem');
    const likes = await likeStore.settleIntent(messageId, userId, intent.id, settleDelta(intent.op, applied));
    if (applied && want) await countDaily('messages.likes');
    return { likes: likes ?? (await publishedLikes(messageId)), likedByMe: want };
  }
  throw new UnavailableError(new Error('like slot stayed busy'));
}

export interface SweepReport {
  messages: number;
  intentsResolved: number;
  recounted: number;
}

/** Recount repair: makes the counter equal the like items, unless an operation is in flight (then it waits). */
export async function recountLikes(messageId: string): Promise<'ok' | 'fixed' | 'busy' | 'gone'> {
  const message = await messageStore.get(messageId);
  if (!message) return 'gone';
  if (Object.keys(message.likeIntents).length > 0) return 'busy';
  const counted = await likeStore.countLiked(messageId);
  if (counted === message.likes) return 'ok';
  const fixed = await likeStore.setCount(messageId, counted, message.likesVersion);
  if (fixed) logger.warn('like counter repaired', { messageId, was: message.likes, now: counted });
  return fixed ? 'fixed' : 'busy';
}

/**
 * The scheduled repair: every message with like operations in flight (found through the byQueue marker, so the
 * cost follows recent activity, not the size of the wall) gets its abandoned intents resolved, is recounted, and
 * loses its marker when idle.
 */
export async function sweepLikes(now = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { messages: 0, intentsResolved: 0, recounted: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await likeStore.messagesWithIntents(startKey);
    for (const id of page.ids) {
      report.messages++;
      const message = await messageStore.get(id);
      if (!message) continue;
      for (const [userId, intent] of Object.entries(message.likeIntents)) {
        if (intent.at >= now - LIKE_INTENT_LEASE_MS) continue;
        await resolveIntent(id, userId, intent);
        report.intentsResolved++;
      }
      if ((await recountLikes(id)) === 'fixed') report.recounted++;
      await likeStore.clearMarkerIfIdle(id);
    }
    startKey = page.lastKey;
  } while (startKey);
  return report;
}
