// Repair of like counters (the sweeper of likeService.ts's three-write protocol): abandoned intents are finished
// exactly once, then the counter is recounted from the like items, and the byQueue marker dropped when idle.
import { logger } from '../lib/logger';
import { resolveIntent } from './likeService';
import { likeStore } from './likeStore';
import { messageStore } from './messageStore';
import { LIKE_INTENT_LEASE_MS } from './model';

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
  const { ids } = await likeStore.messagesWithIntents();
  for (const id of ids) {
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
  return report;
}
