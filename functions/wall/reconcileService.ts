// Repair of like counters (the sweeper of likeService.ts's write steps, where the step order is documented):
// abandoned intents are finished exactly once and a marker without intents is dropped (`repairLikes`); then the
// counter is recounted from the like items (`recountLikes`), which after a correct repair finds nothing to fix.
// The scheduled function runs with reserved concurrency 1 (functions.yml), so two sweeps never overlap in
// production; they would still be safe (every step is conditioned on the intent it finishes).
import { logger } from '../lib/logger';
import { resolveIntent } from './likeService';
import { likeStore } from './likeStore';
import { messageStore } from './messageStore';
import { LIKE_INTENT_LEASE_MS } from './model';

export interface RepairReport {
  intentsResolved: number;
  markersCleared: number;
}

export interface SweepReport extends RepairReport {
  messages: number;
  /** Counters the recount had to change: 0 unless something outside the protocol went wrong. */
  recounted: number;
}

/**
 * The repair of one message: finishes its intents older than the lease (their requests are dead), then drops the
 * byQueue marker if no intent is left. No recount.
 */
export async function repairLikes(messageId: string, now = Date.now()): Promise<RepairReport> {
  const report: RepairReport = { intentsResolved: 0, markersCleared: 0 };
  const message = await messageStore.get(messageId);
  if (!message) return report;
  for (const [userId, intent] of Object.entries(message.likeIntents)) {
    if (intent.at >= now - LIKE_INTENT_LEASE_MS) continue;
    if (await resolveIntent(messageId, userId, intent)) report.intentsResolved++;
  }
  if (await likeStore.clearMarkerIfIdle(messageId)) report.markersCleared++;
  return report;
}

/**
 * Recount repair: makes the counter equal the like items (read with ConsistentRead), unless an operation is in
 * flight or the counter moved meanwhile (then it leaves it for the next sweep).
 */
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
 * cost follows recent activity, not the size of the wall; the index may lag, which only delays a message to the
 * next sweep) is repaired, then recounted.
 */
export async function sweepLikes(now = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { messages: 0, intentsResolved: 0, markersCleared: 0, recounted: 0 };
  const { ids } = await likeStore.messagesWithIntents();
  for (const id of ids) {
    report.messages++;
    const repaired = await repairLikes(id, now);
    report.intentsResolved += repaired.intentsResolved;
    report.markersCleared += repaired.markersCleared;
    if ((await recountLikes(id)) === 'fixed') report.recounted++;
  }
  return report;
}
