// Reconciliation, in three steps that tests can also run one by one: (1) settle the intents left by requests that
// died (seatSteps.settle: finish or undo, once); (2) recount the seats and the waiting list from the signup items
// and check the waiting-list entries against them — never raising the seats taken above the capacity (that is an
// error for staff, logged, not written) — and put a signup written before signups carried `queuePk` on its status's
// byQueue list (the staff lists `?status=`); (3) promote into free seats; and, for the dashboard, (4) count an event
// that has started as held, once (settleHeldFigure). Scheduled every 5 minutes with reserved
// concurrency 1 (functions.yml), and `npm run reconcile` locally; two runs at once are still safe.
import { countEventHeldOnce, uncountEventHeld } from '../lib/dashboardCounters';
import { logger } from '../lib/logger';
import { eventFeedStore } from './eventFeedStore';
import { eventStore } from './eventStore';
import { ledgerStore } from './ledgerStore';
import { seatsTakenOf, type EventRecord, type SeatLedger } from './model';
import { promotionService } from './promotionService';
import { isStale, parseIntent, STALE_INTENT_MS } from './seatIntent';
import { settle } from './seatSteps';
import { signupStore } from './signupStore';
import { waitlistStore } from './waitlistStore';

export interface ReconcileReport {
  eventId: string;
  intentsSettled: number;
  seatsTaken: { before: number; after: number };
  waitlistCount: { before: number; after: number };
  /** Seats, the waiting-list count or the waiting list's head rewritten from the signups. */
  recounted: boolean;
  /** Waiting-list entries written for waiting signups that had none, or removed for signups no longer waiting. */
  entriesRepaired: number;
  /** Signups without `queuePk` (written before it existed) put on their status's byQueue list. */
  queueBackfilled: number;
  /** The ledger's copy of the start time brought back to the event's. */
  scheduleSynced: boolean;
  /** Confirmed signups need more seats than the capacity: nothing written, an error logged for staff. */
  oversold: boolean;
  promoted: number;
}

export interface ReconcileOptions {
  /**
   * The run's clock for its decisions — what is stale, what is quiet, which events have started — set once when the
   * run begins (tests set it). Never written: the intents a run records carry the time they are written.
   */
  now?: number;
  /** Intents younger than this may belong to a live request and are left alone; so is a recently joined list. */
  staleAfterMs?: number;
}

/** Step 1: finishes or undoes every stale intent on the ledger. Returns how many there were. */
async function settleStaleIntents(eventId: string, options: ReconcileOptions = {}): Promise<number> {
  const now = options.now ?? Date.now();
  const ledger = await ledgerStore.get(eventId);
  if (!ledger) return 0;
  let settled = 0;
  for (const [userId, tag] of Object.entries(ledger.intents)) {
    const intent = parseIntent(userId, tag);
    if (!isStale(intent, now, options.staleAfterMs ?? STALE_INTENT_MS)) continue;
    await settle(ledger, intent);
    settled++;
  }
  return settled;
}

/**
 * Step 2: the ledger's counters and the waiting-list entries against the signups (only with no intent in flight),
 * and the byQueue backfill of the signups read (each write conditional on the status read: a signup that changed
 * status meanwhile was put on its new list by that change).
 */
async function recount(
  eventId: string,
  options: ReconcileOptions = {},
): Promise<{ recounted: boolean; entriesRepaired: number; queueBackfilled: number; oversold: boolean }> {
  const now = options.now ?? Date.now();
  const quietAfterMs = options.staleAfterMs ?? STALE_INTENT_MS;
  let entriesRepaired = 0;
  let queueBackfilled = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const ledger = await ledgerStore.get(eventId);
    if (!ledger || Object.keys(ledger.intents).length > 0) break; // a seat change is in flight: next run
    // Entries before signups: an entry is written after its signup, so each entry read has its signup in the read.
    const entries = await waitlistStore.all(eventId);
    const { signups, unqueued } = await signupStore.allByEventWithUnqueued(eventId);
    for (const s of unqueued) if (await signupStore.putOnQueue(s)) queueBackfilled++;
    const confirmedSeats = signups.filter((s) => s.status === 'confirmed').reduce((n, s) => n + s.seats, 0);
    const waiting = signups.filter((s) => s.status === 'waitlisted' && s.waitSeq !== null);
    const bySeq = new Map(waiting.map((s) => [s.waitSeq!, s]));
    for (const entry of entries) {
      if (bySeq.get(entry.seq)?.userId === entry.userId) continue;
      await waitlistStore.remove(eventId, entry.seq); // its household is no longer waiting at this place
      entriesRepaired++;
    }
    const listed = new Set(entries.map((e) => e.seq));
    for (const s of waiting) {
      // A join still running writes its own entry; only an old one without it is a crash's leftover.
      if (listed.has(s.waitSeq!) || now - Date.parse(s.createdAt) < quietAfterMs) continue;
      if (await waitlistStore.put({ eventId, seq: s.waitSeq!, userId: s.userId, seats: s.seats }))
        entriesRepaired++;
    }
    const seatsFree = ledger.capacity - confirmedSeats;
    if (seatsFree < 0) {
      logger.error('event oversold: confirmed signups exceed the capacity; left for staff', {
        eventId,
        capacity: ledger.capacity,
        confirmedSeats,
      });
      return { recounted: false, entriesRepaired, queueBackfilled, oversold: true };
    }
    // Places handed out recently may belong to joins still writing their signup: lower the count only when quiet.
    const quiet = now - ledger.lastWaitlistedAt >= quietAfterMs;
    const waitlistCount = quiet ? waiting.length : Math.max(waiting.length, ledger.waitlistCount);
    const counted = waiting.length ? Math.min(...waiting.map((s) => s.waitSeq!)) : ledger.waitSeq + 1;
    // Likewise the head never moves past a recent place until quiet: its household may not show among the signups yet.
    const waitHead = quiet ? counted : Math.min(counted, ledger.waitHead);
    if (
      seatsFree === ledger.seatsFree &&
      waitlistCount === ledger.waitlistCount &&
      waitHead === ledger.waitHead
    )
      return { recounted: false, entriesRepaired, queueBackfilled, oversold: false };
    if (await ledgerStore.writeRecount(ledger, { seatsFree, waitlistCount, waitHead })) {
      // Any counter rewritten is a repair, the head of the waiting list alone too (it sets the places people see).
      logger.warn('event recounted', {
        eventId,
        seatsTaken: [seatsTakenOf(ledger), ledger.capacity - seatsFree],
        waitlistCount: [ledger.waitlistCount, waitlistCount],
        waitHead: [ledger.waitHead, waitHead],
      });
      return { recounted: true, entriesRepaired, queueBackfilled, oversold: false };
    }
  }
  return { recounted: false, entriesRepaired, queueBackfilled, oversold: false };
}

async function reconcileEvent(
  eventId: string,
  options: ReconcileOptions = {},
  known?: EventRecord,
): Promise<ReconcileReport | null> {
  const now = options.now ?? Date.now();
  const first = await ledgerStore.get(eventId);
  const event = known ?? (await eventStore.get(eventId));
  if (!first || !event) return null;
  const intentsSettled = await settleStaleIntents(eventId, { ...options, now });
  const scheduleSynced =
    event.startsAt !== first.startsAt && !!(await ledgerStore.syncStartsAt(eventId, event.startsAt));
  const counted = await recount(eventId, { ...options, now });
  // Not `now`: that is when the run began, which only decides what is stale. The promotion's intents carry the
  // time they are written (promotionService.ts), so a long run never records one that already looks stale.
  const promoted = await promotionService.promoteWaitlisted(eventId);
  const after: SeatLedger = (await ledgerStore.get(eventId)) ?? first;
  return {
    eventId,
    intentsSettled,
    seatsTaken: { before: seatsTakenOf(first), after: seatsTakenOf(after) },
    waitlistCount: { before: first.waitlistCount, after: after.waitlistCount },
    ...counted,
    scheduleSynced,
    promoted: promoted.length,
  };
}

/**
 * The dashboard's "events held": an event that has started, not cancelled, counts once on the district day it starts
 * (cancelled: taken back once). Read from the base table, so a cancel or a new start time is seen as written.
 */
async function settleHeldFigure(eventId: string, now: number): Promise<void> {
  const state = await eventStore.getState(eventId);
  if (!state || Date.parse(state.event.startsAt) > now) return;
  if (state.ledger.status === 'cancelled') await uncountEventHeld(state.event);
  else await countEventHeldOnce(state.event);
}

/** Every event that has not long started (a week back): the reconciler's working set, read with a Query. */
async function reconcileAllEvents(options: ReconcileOptions = {}): Promise<ReconcileReport[]> {
  const now = options.now ?? Date.now();
  const events = await eventFeedStore.listStartingAfter(new Date(now - 7 * 24 * 3600 * 1000).toISOString());
  const reports: ReconcileReport[] = [];
  for (const event of events) {
    const report = await reconcileEvent(event.id, { ...options, now }, event);
    if (report) reports.push(report);
    await settleHeldFigure(event.id, now);
  }
  return reports;
}

/** True when the report shows a repair of any kind. */
export const repairedAnything = (r: ReconcileReport) =>
  r.intentsSettled > 0 ||
  r.recounted ||
  r.entriesRepaired > 0 ||
  r.queueBackfilled > 0 ||
  r.scheduleSynced ||
  r.oversold ||
  r.promoted > 0;

/** The scheduled run (every 5 minutes, functions.yml): reconciles the working set and logs how many needed repair. */
async function runScheduled(): Promise<{ events: number; repaired: number }> {
  const reports = await reconcileAllEvents();
  const repaired = reports.filter(repairedAnything).length;
  logger.info('events reconciled', { events: reports.length, repaired });
  return { events: reports.length, repaired };
}

export const reconcileService = {
  reconcileEvent,
  reconcileAllEvents,
  settleStaleIntents,
  recount,
  settleHeldFigure,
  runScheduled,
};
// By name too, for `npm run reconcile` (infra/local/reconcile.ts) and the crash tests.
export { reconcileAllEvents, reconcileEvent };
