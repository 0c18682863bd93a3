// Reconciliation: settles intents left by requests that died, recounts seats and the waiting list from the signup
// items (returning leaked seats), and promotes into any seats that are free. Scheduled every 5 minutes
// (handlers/reconcileEvents.ts); also `npm run reconcile` locally.
import { logger } from '../lib/logger';
import { eventFeedStore } from './eventFeedStore';
import { eventStore } from './eventStore';
import { promotionService } from './promotionService';
import { isStale, settleIntent, STALE_INTENT_MS } from './seatSteps';
import { signupStore } from './signupStore';

export interface ReconcileReport {
  eventId: string;
  intentsSettled: number;
  seatsTaken: { before: number; after: number };
  waitlistCount: { before: number; after: number };
  recounted: boolean;
  promoted: number;
}

export interface ReconcileOptions {
  now?: number;
  /** Intents younger than this may belong to a live request and are left alone. */
  staleAfterMs?: number;
}

async function reconcileEvent(
  eventId: string,
  options: ReconcileOptions = {},
): Promise<ReconcileReport | null> {
  const now = options.now ?? Date.now();
  const first = await eventStore.get(eventId);
  if (!first) return null;
  let intentsSettled = 0;
  for (const [userId, intent] of Object.entries(first.intents)) {
    if (!isStale(intent, now, options.staleAfterMs ?? STALE_INTENT_MS)) continue;
    await settleIntent(first, userId, intent);
    intentsSettled++;
  }

  let recounted = false;
  let latest = first;
  for (let attempt = 0; attempt < 3; attempt++) {
    const event = await eventStore.get(eventId);
    if (!event || Object.keys(event.intents).length > 0) break; // a seat change is in flight: next run
    latest = event;
    const signups = await signupStore.allByEvent(eventId);
    const seatsTaken = signups.filter((s) => s.status === 'confirmed').reduce((sum, s) => sum + s.seats, 0);
    const waitlistCount = signups.filter((s) => s.status === 'waitlisted').length;
    if (seatsTaken === event.seatsTaken && waitlistCount === event.waitlistCount) break;
    if (await eventStore.writeRecount(eventId, event.rev, { seatsTaken, waitlistCount })) {
      recounted = true;
      logger.warn('event recounted', {
        eventId,
        seatsTaken: [event.seatsTaken, seatsTaken],
        waitlistCount: [event.waitlistCount, waitlistCount],
      });
      break;
    }
  }
  const promoted = await promotionService.promoteWaitlisted(eventId, now);
  const after = (await eventStore.get(eventId)) ?? latest;
  return {
    eventId,
    intentsSettled,
    seatsTaken: { before: first.seatsTaken, after: after.seatsTaken },
    waitlistCount: { before: first.waitlistCount, after: after.waitlistCount },
    recounted,
    promoted: promoted.length,
  };
}

/** Every event that has not long started (a week back): the reconciler's working set, read with a Query. */
async function reconcileAllEvents(options: ReconcileOptions = {}): Promise<ReconcileReport[]> {
  const now = options.now ?? Date.now();
  const events = await eventFeedStore.listStartingAfter(new Date(now - 7 * 24 * 3600 * 1000).toISOString());
  const reports: ReconcileReport[] = [];
  for (const event of events) {
    const report = await reconcileEvent(event.id, { ...options, now });
    if (report) reports.push(report);
  }
  return reports;
}

/** The scheduled run (every 5 minutes, functions.yml): reconciles the working set and logs how many needed repair. */
async function runScheduled(): Promise<{ events: number; repaired: number }> {
  const reports = await reconcileAllEvents();
  const repaired = reports.filter((r) => r.intentsSettled > 0 || r.recounted || r.promoted > 0).length;
  logger.info('events reconciled', { events: reports.length, repaired });
  return { events: reports.length, repaired };
}

export const reconcileService = { reconcileEvent, reconcileAllEvents, runScheduled };
// By name too, for `npm run reconcile` (infra/local/reconcile.ts) and the crash tests.
export { reconcileAllEvents, reconcileEvent };
