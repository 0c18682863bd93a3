// The venues reconciler (scheduled, one run at a time): first the repairs — stale claiming intents finished or
// rolled back, closed bookings whose slots were not all given back released — then the sweep, which frees any
// slot still held by a booking that is closed (declined, cancelled, failed) or gone. After a crash the repairs
// alone leave no slot held by nobody; the sweep is the net for a request that took a slot after being rolled
// back. See slotSteps.ts for the write order and what each crash leaves.
import { countBookingFigures } from '../lib/dashboardCounters';
import { batchGet } from '../lib/dynamo';
import { logger } from '../lib/logger';
import { bookingStore } from './bookingStore';
import { CLOSED_STATUSES, bookingFromItem, bookingKey, type BookingRecord } from './model';
import { STALE_CLAIM_MS, releaseAll, settleStale } from './slotSteps';
import { slotStore } from './slotStore';
import { venueStore } from './venueStore';

/** Slots that ended more than a day ago are history; the sweep leaves them alone. */
const SWEEP_LOOKBACK_MS = 86400_000;

export interface RepairReport {
  intentsFinished: number;
  intentsRolledBack: number;
  releasesFinished: number;
}

export const reconcileService = {
  /** Settles what crashed requests left: stale claims, unfinished releases. */
  async repair(now: number, staleAfterMs = STALE_CLAIM_MS): Promise<RepairReport> {
    const report: RepairReport = { intentsFinished: 0, intentsRolledBack: 0, releasesFinished: 0 };
    for (const listed of await bookingStore.inPhase('claiming')) {
      const booking = await bookingStore.get(listed.id);
      if (!booking) continue;
      const outcome = await settleStale(booking, now, staleAfterMs);
      if (outcome === 'finished') report.intentsFinished++;
      // The dashboard's "requested" for a booking its request did not live to count.
      const settled = outcome === 'finished' ? await bookingStore.get(booking.id) : null;
      if (settled) await countBookingFigures(settled);
      if (outcome === 'rolledBack') report.intentsRolledBack++;
    }
    for (const listed of await bookingStore.inPhase('releasing')) {
      const booking = await bookingStore.get(listed.id);
      if (!booking || booking.released || !CLOSED_STATUSES.includes(booking.status)) continue;
      await releaseAll(booking);
      await countBookingFigures(booking); // a close that died before counting
      report.releasesFinished++;
    }
    return report;
  },

  /** Frees the slots of one venue held by a closed or missing booking; how many it freed. */
  async sweepVenue(venueId: string, now: number): Promise<number> {
    const held = await slotStore.heldIn(venueId, new Date(now - SWEEP_LOOKBACK_MS).toISOString());
    if (held.length === 0) return 0;
    const holders = new Map<string, BookingRecord>();
    const found = await batchGet(
      [...new Set(held.map((s) => s.holder))].map(bookingKey),
      { consistent: true },
      bookingFromItem,
    );
    for (const booking of found) holders.set(booking.id, booking);
    let freed = 0;
    for (const slot of held) {
      const holder = holders.get(slot.holder);
      if (holder && !CLOSED_STATUSES.includes(holder.status)) continue;
      if (await slotStore.release(venueId, slot.slotStart, slot.holder)) freed++;
    }
    return freed;
  },

  async sweep(now: number): Promise<number> {
    let freed = 0;
    for (const venue of await venueStore.listAll()) freed += await this.sweepVenue(venue.id, now);
    return freed;
  },

  async runScheduled(now = Date.now()): Promise<RepairReport & { slotsFreed: number }> {
    const report = await this.repair(now);
    const slotsFreed = await this.sweep(now);
    if (slotsFreed > 0 || report.intentsFinished + report.intentsRolledBack + report.releasesFinished > 0)
      logger.info('venues.reconciled', { ...report, slotsFreed });
    return { ...report, slotsFreed };
  },
};
