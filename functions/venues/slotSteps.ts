// The booking invariant's one owner: at any instant a venue's half hour is held by at most one booking, and a
// booking is pending or approved only while it holds every half hour it covers. A slot item per (venue, half hour)
// makes "one holder" a conditional put; the booking item is the intent that says which slots are being taken.
// Every write is conditional on the booking (slot puts and deletes on `holder`, status changes on the status they
// leave), so the request, its retry and the reconciler can all run a step at once and it still happens once.
// Write order of a booking (failpoint after each):
//   1 booking  status claiming (the intent)                 IF attribute_not_exists        venues.book.afterIntent
//   2 slots    SLOT#<half hour> holder = booking, in order  IF free OR already this one's  venues.book.afterSlot
//   3 booking  claiming → pending                           IF claiming                    venues.book.afterConfirmed
// A slot that is taken: booking claiming → failed (phase releasing) FIRST, so the claim can never be confirmed
// any more (venues.book.afterFailed), then the slots it took are given back (below).
// Giving back the slots of a declined, cancelled or failed booking:
//   1 booking  status → declined/cancelled/failed, released false (phase releasing)  venues.close.afterStatus
//   2 slots    delete each IF holder = booking                                        venues.release.afterSlot
//   3 booking  released true (leaves the releasing phase)                            (last write)
// A crash after booking 1 or any slot 2 leaves a claiming intent: no booking is shown as holding the time, and
// at worst some half hours are held by it. The reconciler finishes it once it is stale (takes the rest and
// confirms) or, when a half hour is taken by another booking or the time has begun, rolls it back. A crash after a
// status change to a closed status leaves a booking in the releasing phase: the reconciler gives its slots back.
// A crash can therefore only leave time held by nobody for a while (the safe side), never two holders. A very slow
// request that takes a slot after its booking was rolled back leaves a slot held by a failed booking: it gives it
// back itself when its confirm is refused, and if it dies first the reconciler's sweep frees slots whose holder is
// closed (a closed status never changes back, so that decision rests on a settled fact).
// A status change the store applied although its reply was lost (the client sends it again, and the copy is refused
// by the original) is this request's all the same: `changeStatus` reads the booking again and goes on when it shows
// this very change (its status, `changedAt` = this request's `now`, its decider and reason); see
// tests/integration/venues-lost-replies.test.ts.
import { slotStarts } from '../../shared/api/venues';
import { failpoint } from '../lib/faults';
import { nowIso } from '../lib/time';
import { bookingStore, type Transition } from './bookingStore';
import type { BookingRecord } from './model';
import { slotStore } from './slotStore';

/** A request lives at most the Lambda timeout (10 s); a claiming intent older than this belongs to a dead one. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

export type ClaimOutcome =
  | { kind: 'held'; booking: BookingRecord }
  | { kind: 'taken' }
  /** Rolled back by someone else meanwhile (the reconciler, on a request that was too slow). */
  | { kind: 'lost' };

/** Steps 2–3 of the claim (bookings are claiming here); rolls back when a half hour is taken. */
export async function claimAndConfirm(booking: BookingRecord, now: number): Promise<ClaimOutcome> {
  const at = nowIso();
  for (const slot of slotStarts(booking.startsAt, booking.endsAt)) {
    if (!(await slotStore.take(booking.venueId, slot, booking.id, at))) {
      const after = await rollBack(booking, now);
      return after?.status === 'failed' ? { kind: 'taken' } : outcomeOf(after);
    }
    failpoint('venues.book.afterSlot');
  }
  const confirmed = await bookingStore.transition(booking.id, ['claiming'], { to: 'pending' }, now);
  if (confirmed) {
    failpoint('venues.book.afterConfirmed');
    return { kind: 'held', booking: confirmed };
  }
  // Moved by someone else meanwhile: confirmed by a twin or the reconciler, or rolled back by the reconciler.
  const current = await bookingStore.get(booking.id);
  if (current?.status === 'failed') await releaseAll(current);
  return outcomeOf(current);
}

function outcomeOf(current: BookingRecord | null): ClaimOutcome {
  if (current && current.status !== 'failed' && current.status !== 'claiming')
    return { kind: 'held', booking: current };
  return { kind: 'lost' };
}

/** Marks a claiming booking failed (so it can never be confirmed), then gives back what it took. */
export async function rollBack(booking: BookingRecord, now: number): Promise<BookingRecord | null> {
  const failed = await bookingStore.transition(booking.id, ['claiming'], { to: 'failed' }, now);
  if (failed) failpoint('venues.book.afterFailed');
  const current = failed ?? (await bookingStore.get(booking.id));
  if (current?.status === 'failed') await releaseAll(current);
  return current;
}

/** Gives back every slot this closed booking holds, then marks it released. How many this call freed. */
export async function releaseAll(booking: BookingRecord): Promise<number> {
  let freed = 0;
  for (const slot of slotStarts(booking.startsAt, booking.endsAt)) {
    if (await slotStore.release(booking.venueId, slot, booking.id)) {
      freed++;
      failpoint('venues.release.afterSlot');
    }
  }
  if (!booking.released) await bookingStore.markReleased(booking);
  return freed;
}

/**
 * Moves a booking from one of `from` to `change.to` at `now`: the booking as changed, or null when someone else
 * moved it first. A refusal of this very change (applied, its reply lost) is told from theirs by a consistent read.
 */
export async function changeStatus(
  id: string,
  from: BookingRecord['status'][],
  change: Transition,
  now: number,
): Promise<BookingRecord | null> {
  const changed = await bookingStore.transition(id, from, change, now);
  if (changed) return changed;
  const current = await bookingStore.get(id);
  const ours =
    current?.status === change.to &&
    current.changedAt === now &&
    (change.decidedBy === undefined || current.decidedBy === change.decidedBy) &&
    (change.reason === undefined || current.reason === change.reason);
  return ours ? current : null;
}

/** Closes a booking (declined or cancelled) from one of `from`, then frees its time. Null when it was not in `from`. */
export async function close(
  booking: BookingRecord,
  to: 'declined' | 'cancelled',
  from: BookingRecord['status'][],
  details: { reason?: string; decidedBy?: string },
  now: number,
): Promise<BookingRecord | null> {
  const closed = await changeStatus(booking.id, from, { to, ...details }, now);
  if (!closed) return null;
  failpoint('venues.close.afterStatus');
  await releaseAll(closed);
  return { ...closed, released: true };
}

/**
 * The reconciler's finisher for a claiming booking whose request is surely dead: finish it when every half hour
 * can still be taken and its time has not begun, else roll it back. Nothing for a fresh intent.
 */
export async function settleStale(
  booking: BookingRecord,
  now: number,
  staleAfterMs = STALE_CLAIM_MS,
): Promise<'finished' | 'rolledBack' | 'none'> {
  if (booking.status !== 'claiming' || now - booking.changedAt < staleAfterMs) return 'none';
  if (Date.parse(booking.startsAt) <= now) {
    const after = await rollBack(booking, now);
    return after?.status === 'failed' ? 'rolledBack' : 'none';
  }
  const outcome = await claimAndConfirm(booking, now);
  return outcome.kind === 'held' ? 'finished' : 'rolledBack';
}
