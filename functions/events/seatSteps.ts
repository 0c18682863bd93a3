// The seat invariant's one owner. Seats taken (capacity − seatsFree on the ledger) = the seats of confirmed signups
// + those of join and promote intents in flight, ≤ capacity; the waiting list is served in arrival order and before
// anyone new. Kept with single-item conditional writes (no transactions): the write that moves a ledger counter also
// records the change as an intent (seatIntent.ts); later steps are conditional on their own item; the last one
// removes the intent conditional on its exact text, so it happens once. A FINISHER — the user's own retry once the
// intent is stale, or the reconciler (two of them may run at once) — finishes or undoes a left-over intent through
// `settle()`; it acts only while the intent is still on the ledger, and it never writes a signup (it only completes
// what the signup item shows happened, or gives the seats back).
//
// JOIN, CONFIRMED
//   1 ledger  seatsFree −n, intent j   IF open ∧ seats fit ∧ waitlistCount = 0 ∧ no intent of this user
//             └ crash → finisher: no signup names j → undo: seatsFree +n, intent removed
//   2 signup  put confirmed, seatIntent = j   IF none active (refused: undo as above → 409 ALREADY_SIGNED_UP)
//             └ crash → finisher: the signup names j → steps 3–4
//   3 outbox  reminder (its id comes from the activation, so it is queued once)   └ crash → as after 2
//   4 ledger  remove j
// JOIN, WAITLISTED (when the seats do not fit, or someone is already waiting)
//   1 ledger  waitSeq +1, waitlistCount +1   └ crash → the count is one high: safe (newcomers wait, then promote
//             themselves); the recount lowers it once no place has been handed out for STALE_INTENT_MS
//   2 signup  put waitlisted at that place   IF none active (refused: waitlistCount −1, and the place itself
//             while no later one was handed out → 409)
//             └ crash → a waiting signup without its entry → the recount writes the entry
//   3 entry   WAIT#seq                        └ crash → nothing missing (step 4 is a read)
//   4 read the ledger: seats freed while 1–3 ran are promoted now (a promoter then could not see this entry yet)
// PROMOTION (promotionService: the first entries that fit, in order)
//   1 ledger  seatsFree −n, intent p   IF not cancelled ∧ not started ∧ seats fit ∧ no intent of this user
//             └ crash → finisher: the signup is not promoted by p → undo; promotion picks again, in order
//   2 signup  waitlisted → confirmed, promotedBy = p   IF still waiting at that place (else undo, then drop the
//             entry if its household no longer waits there └ crash between → the next promotion meets it again)
//             └ crash → finisher: the signup names p → steps 3–5
//   3 entry removed   4 outbox reminder, 消息 notice   5 ledger: remove p, waitlistCount −1, waitHead   └ crash → as after 2
// CANCEL, CONFIRMED
//   1 ledger  intent c (no counter moves)     └ crash → finisher: cancels the signup, then step 3
//   2 signup  confirmed → cancelled, cancelledBy = c   └ crash → finisher: the signup names c → step 3
//   3 ledger  remove c, seatsFree +n           └ crash → free seats, nobody promoted → the reconciler promotes
//   4 promotion
// LEAVE THE WAITING LIST
//   1 ledger  intent l   2 signup waitlisted → cancelled, cancelledBy = l   3 entry removed
//   4 ledger  remove l, waitlistCount −1, waitHead   └ crash after 1, 2 or 3 → finisher: completes 2–4
//   The count drops last (never below the truth), and a recount, which needs no intent in flight, cannot interleave.
// A recount (reconcileService) never puts the seats taken above the capacity: it refuses, logs an error, and leaves
// it for staff.
import { failpoint } from '../lib/faults';
import type { SeatLedger, SignupRecord, WaitEntry } from './model';
import { eventInboxNotices } from './inboxNotices';
import { ledgerStore } from './ledgerStore';
import { reminderService } from './reminders/reminderService';
import { newIntent, parseIntent, type SeatIntent } from './seatIntent';
import { signupStore } from './signupStore';
import { waitlistStore } from './waitlistStore';

const nowIso = () => new Date().toISOString();

/** The user's seat change in flight on this ledger, if any. */
export function pendingIntent(ledger: SeatLedger, userId: string): SeatIntent | null {
  const tag = ledger.intents[userId];
  return tag ? parseIntent(userId, tag) : null;
}

/** The place of the first household still waiting, for `waitHead` (one past the last place when nobody is). */
const headOf = (eventId: string, tail: number) => waitlistStore.head(eventId, 0, tail);

async function completeJoin(ledger: SeatLedger, signup: SignupRecord, intent: SeatIntent): Promise<void> {
  failpoint('events.join.afterSignupWritten');
  await reminderService.queue('event_confirmed', ledger, signup);
  failpoint('events.join.afterReminderQueued');
  await ledgerStore.settle(ledger.eventId, intent);
}

async function completePromotion(
  ledger: SeatLedger,
  signup: SignupRecord,
  intent: SeatIntent,
): Promise<void> {
  failpoint('events.promote.afterSignupPromoted');
  await waitlistStore.remove(ledger.eventId, signup.waitSeq!);
  failpoint('events.promote.afterQueueEntryRemoved');
  await reminderService.queue('event_promoted', ledger, signup);
  failpoint('events.promote.afterReminderQueued');
  await eventInboxNotices.promoted(ledger.eventId, signup); // 消息: repaired by this intent's finisher
  const waitHead = await headOf(ledger.eventId, ledger.waitSeq);
  await ledgerStore.settle(ledger.eventId, intent, { waitlistCount: -1, waitHead });
}

async function completeCancel(ledger: SeatLedger, intent: SeatIntent): Promise<void> {
  failpoint('events.cancel.afterSignupCancelled');
  await ledgerStore.settle(ledger.eventId, intent, { seatsFree: intent.seats });
}

async function completeLeave(ledger: SeatLedger, signup: SignupRecord, intent: SeatIntent): Promise<void> {
  failpoint('events.leave.afterSignupCancelled');
  if (signup.waitSeq !== null) await waitlistStore.remove(ledger.eventId, signup.waitSeq);
  failpoint('events.leave.afterQueueEntryRemoved');
  const waitHead = await headOf(ledger.eventId, ledger.waitSeq);
  await ledgerStore.settle(ledger.eventId, intent, { waitlistCount: -1, waitHead });
}

/**
 * After a refused signup write: whether the signup there is this very write, applied by the store although its reply
 * was lost (the store client then sent it again, and the copy was refused by the original). Read consistently; the
 * activation's `attempt`, this run's `createdAt` and `mark` (its intent or its place) tell it from any other write.
 */
async function wroteIt(signup: SignupRecord, mark: (current: SignupRecord) => boolean): Promise<boolean> {
  const current = await signupStore.get(signup.eventId, signup.userId);
  // createdAt: each run of one keyed request (same attempt) stamps its own, and tags repeat within a minute.
  return (
    !!current &&
    current.attempt === signup.attempt &&
    current.createdAt === signup.createdAt &&
    current.status === signup.status &&
    mark(current)
  );
}

/** After a refused cancel: the signup when this cancel (its intent, of this activation) is what cancelled it. */
async function cancelledBy(signup: SignupRecord, tag: string): Promise<SignupRecord | null> {
  const current = await signupStore.get(signup.eventId, signup.userId);
  const ours =
    current?.status === 'cancelled' && current.cancelledBy === tag && current.attempt === signup.attempt;
  return ours ? current : null;
}

/** After a refused promotion: the signup when this promotion is what confirmed it (its reply was lost), else null. */
async function promotedBy(entry: WaitEntry, tag: string, at: string): Promise<SignupRecord | null> {
  const current = await signupStore.get(entry.eventId, entry.userId);
  const ours = current?.status === 'confirmed' && current.promotedBy === tag && current.promotedAt === at;
  return ours ? current : null;
}

export type JoinOutcome =
  | { outcome: 'confirmed'; signup: SignupRecord; ledger: SeatLedger }
  | { outcome: 'waitlisted'; signup: SignupRecord; placed: SeatLedger; latest: SeatLedger | null }
  | { outcome: 'refused' }
  | { outcome: 'duplicate'; ledger: SeatLedger | null };

/** Join as confirmed: steps 1–4 above. `refused` when the ledger's condition did not hold (nothing written). */
export async function joinConfirmed(base: SignupRecord, youth: boolean): Promise<JoinOutcome> {
  const intent = newIntent(base.userId, 'join', base.seats);
  const ledger = await ledgerStore.takeSeatsForJoin(base.eventId, intent, youth, nowIso());
  if (!ledger) return { outcome: 'refused' };
  failpoint('events.join.afterSeatsTaken');
  const signup: SignupRecord = { ...base, status: 'confirmed', waitSeq: null, seatIntent: intent.tag };
  if (
    !(await signupStore.putActive(signup)) &&
    !(await wroteIt(signup, (s) => s.seatIntent === intent.tag))
  ) {
    return {
      outcome: 'duplicate',
      ledger: await ledgerStore.settle(base.eventId, intent, { seatsFree: intent.seats }),
    };
  }
  await completeJoin(ledger, signup, intent);
  return { outcome: 'confirmed', signup, ledger };
}

/** Join the waiting list: steps 1–4 above. `refused` when the ledger's condition did not hold (nothing written). */
export async function joinWaitlisted(
  base: SignupRecord,
  youth: boolean,
  now = Date.now(),
): Promise<JoinOutcome> {
  const guard = newIntent(base.userId, 'join', base.seats, now); // not recorded: the write checks it, no intent
  const placed = await ledgerStore.takeWaitlistPlace(
    base.eventId,
    guard,
    youth,
    new Date(now).toISOString(),
    now,
  );
  if (!placed) return { outcome: 'refused' };
  failpoint('events.join.afterWaitlistPlace');
  const signup: SignupRecord = { ...base, status: 'waitlisted', waitSeq: placed.waitSeq, seatIntent: null };
  if (
    !(await signupStore.putActive(signup)) &&
    !(await wroteIt(signup, (s) => s.waitSeq === placed.waitSeq))
  ) {
    return {
      outcome: 'duplicate',
      ledger: await ledgerStore.releaseWaitlistPlace(base.eventId, placed.waitSeq),
    };
  }
  failpoint('events.join.afterWaitlisted');
  await putWaitEntry(signup);
  failpoint('events.join.afterQueueEntry');
  return { outcome: 'waitlisted', signup, placed, latest: await ledgerStore.get(base.eventId) };
}

/**
 * JOIN, WAITLISTED step 3: the waiting signup's entry. Also run again by a retry whose first run failed after step 2:
 * true when the entry was missing.
 */
export async function putWaitEntry(signup: SignupRecord): Promise<boolean> {
  if (signup.status !== 'waitlisted' || signup.waitSeq === null) return false;
  const { eventId, waitSeq: seq, userId, seats } = signup;
  return waitlistStore.put({ eventId, seq, userId, seats });
}

/**
 * Promotes the household of one waiting-list entry: steps 1–5 above. The promoted signup; `refused` when the ledger
 * refused (someone else moved first: choose again); null when the entry's signup was no longer waiting there.
 */
export async function promoteEntry(
  entry: WaitEntry,
  now = Date.now(),
): Promise<SignupRecord | 'refused' | null> {
  const intent = newIntent(entry.userId, 'promote', entry.seats, now);
  const at = new Date(now).toISOString();
  const ledger = await ledgerStore.takeSeatsForPromotion(entry.eventId, intent, at);
  if (!ledger) return 'refused';
  failpoint('events.promote.afterSeatsTaken');
  const signup =
    (await signupStore.promote(entry.eventId, entry.userId, entry.seq, intent.tag, at)) ??
    (await promotedBy(entry, intent.tag, at));
  if (!signup) {
    await ledgerStore.settle(entry.eventId, intent, { seatsFree: intent.seats });
    failpoint('events.promote.afterSeatsReturned'); // a dead entry left behind is met, and dropped, again
    const current = await signupStore.get(entry.eventId, entry.userId);
    if (!(current?.status === 'waitlisted' && current.waitSeq === entry.seq))
      await waitlistStore.remove(entry.eventId, entry.seq);
    return null;
  }
  await completePromotion(ledger, signup, intent);
  return signup;
}

/**
 * Cancels a signup: a confirmed one gives its seats back (CANCEL 1–3 above), a waiting one leaves the list (LEAVE
 * 1–4). Null when the signup changed meanwhile (e.g. promoted): read again.
 */
export async function withdraw(ledger: SeatLedger, signup: SignupRecord): Promise<SignupRecord | null> {
  const confirmed = signup.status === 'confirmed';
  const intent = newIntent(signup.userId, confirmed ? 'cancel' : 'leave', signup.seats);
  const recorded = await ledgerStore.recordIntent(ledger.eventId, intent);
  if (!recorded) return null;
  failpoint(confirmed ? 'events.cancel.afterIntent' : 'events.leave.afterIntent');
  const { eventId, userId, status, attempt } = signup;
  const cancelled =
    (await signupStore.cancel(eventId, userId, status, nowIso(), intent.tag, attempt)) ??
    (await cancelledBy(signup, intent.tag)); // applied, its reply lost: the resent copy was refused
  if (!cancelled) {
    await ledgerStore.settle(eventId, intent);
    return null;
  }
  if (confirmed) await completeCancel(recorded, intent);
  else await completeLeave(recorded, cancelled, intent);
  return cancelled;
}

/**
 * The finisher: completes a left-over intent from what its signup shows, or gives its seats back. Every write it
 * makes is one of the steps above, so two finishers of one intent (or a finisher and a stale copy) change it once.
 */
export async function settle(ledger: SeatLedger, intent: SeatIntent): Promise<void> {
  const { eventId } = ledger;
  const signup = await signupStore.get(eventId, intent.userId);
  if (intent.op === 'join') {
    if (signup?.status === 'confirmed' && signup.seatIntent === intent.tag)
      return completeJoin(ledger, signup, intent);
    await ledgerStore.settle(eventId, intent, { seatsFree: intent.seats });
  } else if (intent.op === 'promote') {
    if (signup?.status === 'confirmed' && signup.promotedBy === intent.tag)
      return completePromotion(ledger, signup, intent);
    await ledgerStore.settle(eventId, intent, { seatsFree: intent.seats });
  } else {
    const from = intent.op === 'cancel' ? 'confirmed' : 'waitlisted';
    const mine = (s: SignupRecord | null) =>
      s?.status === 'cancelled' && s.cancelledBy === intent.tag ? s : null;
    let cancelled = mine(signup);
    if (!cancelled && signup?.status === from) {
      cancelled = await signupStore.cancel(eventId, intent.userId, from, nowIso(), intent.tag);
      // Another finisher of this intent may have cancelled it first: then it is ours all the same.
      cancelled ??= mine(await signupStore.get(eventId, intent.userId));
    }
    if (!cancelled) {
      await ledgerStore.settle(eventId, intent); // nothing of it happened, and now it cannot: drop it
      return;
    }
    if (intent.op === 'cancel') await completeCancel(ledger, intent);
    else await completeLeave(ledger, cancelled, intent);
  }
}
