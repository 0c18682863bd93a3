// Steps 2 and 3 of every seat change (see NOTES-invariants: the intent travels with the counter). Step 1 has
// already recorded the intent on the event; these finish the work, or undo it when the signup refuses, and clear
// the intent exactly once. The request itself runs them, and so does the reconciler for an intent left by a crash.
import { failpoint } from '../lib/faults';
import { newId } from '../lib/ids';
import { eventStore } from './eventStore';
import { signupStore } from './signupStore';
import type { EventRecord, SeatIntent, SignupRecord } from './model';
import { reminderService } from './reminders/reminderService';

/** A request lives at most the Lambda timeout (10 s); an intent older than this belongs to a dead request. */
export const STALE_INTENT_MS = 2 * 60 * 1000;

export function isStale(intent: SeatIntent, now: number, staleAfterMs = STALE_INTENT_MS): boolean {
  return now - intent.at >= staleAfterMs;
}

/** Join, steps 2–3: write the confirmed signup, queue its reminder, clear the intent. Null if the user already had one. */
export async function finishJoin(
  event: EventRecord,
  userId: string,
  intent: SeatIntent,
): Promise<SignupRecord | null> {
  const signup = intent.signup!;
  if (!(await signupStore.putActive(signup))) {
    await eventStore.settleIntent(event.id, userId, intent.attempt, { seatsTaken: -intent.seats });
    return null;
  }
  failpoint('events.join.afterSignupWritten');
  await reminderService.queue('event_confirmed', event, signup, intent.attempt);
  failpoint('events.join.afterReminderQueued');
  await eventStore.settleIntent(event.id, userId, intent.attempt);
  return signup;
}

/** Promotion, steps 2–3: the waitlisted place becomes confirmed, its reminder is queued, the intent cleared. */
export async function finishPromotion(
  event: EventRecord,
  userId: string,
  intent: SeatIntent,
): Promise<SignupRecord | null> {
  const now = new Date().toISOString();
  let signup = await signupStore.promote(event.id, userId, intent.waitSeq!, intent.attempt, now);
  if (!signup) {
    const current = await signupStore.get(event.id, userId);
    // Done already only if *this* promotion did it (an interrupted attempt being finished); otherwise the household
    // left the waiting list, or another promoter got there first: give the seats back.
    const alreadyDone = current?.status === 'confirmed' && current.promotedBy === intent.attempt;
    if (!alreadyDone) {
      await eventStore.settleIntent(event.id, userId, intent.attempt, { seatsTaken: -intent.seats });
      return null;
    }
    signup = current!;
  }
  failpoint('events.promote.afterSignupPromoted');
  await reminderService.queue('event_promoted', event, signup, intent.attempt);
  failpoint('events.promote.afterReminderQueued');
  await eventStore.settleIntent(event.id, userId, intent.attempt, { waitlistCount: -1 });
  return signup;
}

/** Cancellation, steps 2–3: cancel the signup, then release its seats with the intent. Null if there was nothing to cancel. */
export async function finishCancel(
  eventId: string,
  userId: string,
  intent: SeatIntent,
): Promise<SignupRecord | null> {
  const signup = await signupStore.get(eventId, userId);
  let cancelled: SignupRecord | null = null;
  if (signup && signup.attempt === intent.signupAttempt && signup.status === 'confirmed') {
    cancelled = await signupStore.cancel(signup, 'confirmed', new Date().toISOString(), intent.attempt);
  } else if (signup?.status === 'cancelled' && signup.cancelledBy === intent.attempt) {
    cancelled = signup; // this intent's step 2 happened before an interruption
  }
  if (!cancelled) {
    await eventStore.settleIntent(eventId, userId, intent.attempt);
    return null;
  }
  failpoint('events.cancel.afterSignupCancelled');
  await eventStore.settleIntent(eventId, userId, intent.attempt, { seatsTaken: -intent.seats });
  return cancelled;
}

/** Finishes (or, where the signup refuses, undoes) an intent left behind by a request that died. */
export async function settleIntent(event: EventRecord, userId: string, intent: SeatIntent): Promise<void> {
  if (intent.op === 'join') await finishJoin(event, userId, intent);
  else if (intent.op === 'promote') await finishPromotion(event, userId, intent);
  else await finishCancel(event.id, userId, intent);
}

export const newAttempt = () => newId();
