// Freed seats go to the waiting list in order of arrival, each household whole: the first waitlisted signup whose
// seats fit is promoted; one that does not fit keeps its place while a smaller one behind it takes the seats.
import { failpoint } from '../lib/faults';
import { eventStore } from './eventStore';
import type { EventRecord, SignupRecord } from './model';
import { finishPromotion, newAttempt } from './seatSteps';
import { signupStore } from './signupStore';

const PAGE = 50;
const MAX_ROUNDS = 100;

/**
 * The households a serial promoter would take now, in arrival order: each one that fits the seats still free
 * (a household that does not fit keeps its place; smaller ones behind it go on).
 */
async function promotable(event: EventRecord, free: number): Promise<SignupRecord[]> {
  const chosen: SignupRecord[] = [];
  let left = free;
  let cursor: string | undefined;
  do {
    const page = await signupStore.waitlistPage(event.id, PAGE, cursor);
    for (const s of page.items) {
      if (s.status !== 'waitlisted' || event.intents[s.userId] || s.seats > left) continue;
      chosen.push(s);
      left -= s.seats;
      if (left === 0) return chosen;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return chosen;
}

/** Promotes while seats are free and someone waiting fits. Returns the promoted signups. */
async function promoteWaitlisted(eventId: string, now = Date.now()): Promise<SignupRecord[]> {
  const promoted: SignupRecord[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const event = await eventStore.get(eventId);
    if (!event || event.status === 'cancelled' || now >= Date.parse(event.startsAt)) break;
    const free = event.capacity - event.seatsTaken;
    if (free <= 0) break;
    const chosen = await promotable(event, free);
    if (chosen.length === 0) break;
    // Concurrent promoters (many cancels at once) each take a different member of the same set, instead of all
    // racing for the first one; together they promote exactly what one serial promoter would.
    const candidate = chosen[Math.floor(Math.random() * chosen.length)];
    const intent = {
      op: 'promote' as const,
      seats: candidate.seats,
      attempt: newAttempt(),
      at: Date.now(),
      waitSeq: candidate.waitSeq!,
    };
    // Someone else took the seats or is moving this household: read again and choose again.
    if (!(await eventStore.takeSeats(event, candidate.userId, intent, { requireOpen: false }))) continue;
    failpoint('events.promote.afterSeatsTaken');
    const signup = await finishPromotion(event, candidate.userId, intent);
    if (signup) promoted.push(signup);
  }
  return promoted;
}

export const promotionService = { promoteWaitlisted };
