// Freed seats go to the waiting list in order of arrival, each household whole: the first waitlisted signup whose
// seats fit is promoted; one that does not fit keeps its place while a smaller one behind it takes the seats.
import { failpoint } from '../lib/faults';
import { eventStore } from './eventStore';
import type { EventRecord, SignupRecord } from './model';
import { finishPromotion, newAttempt } from './seatSteps';
import { signupStore } from './signupStore';

const PAGE = 50;
const MAX_ROUNDS = 100;

async function firstThatFits(event: EventRecord, free: number): Promise<SignupRecord | null> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await signupStore.waitlistPage(event.id, PAGE, startKey);
    const fit = page.items.find((s) => s.status === 'waitlisted' && s.seats <= free && !event.intents[s.userId]);
    if (fit) return fit;
    startKey = page.next;
  } while (startKey);
  return null;
}

/** Promotes while seats are free and someone waiting fits. Returns the promoted signups. */
export async function promoteWaitlisted(eventId: string, now = Date.now()): Promise<SignupRecord[]> {
  const promoted: SignupRecord[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const event = await eventStore.get(eventId);
    if (!event || event.status === 'cancelled' || now >= Date.parse(event.startsAt)) break;
    const free = event.capacity - event.seatsTaken;
    if (free <= 0) break;
    const candidate = await firstThatFits(event, free);
    if (!candidate) break;
    const intent = { op: 'promote' as const, seats: candidate.seats, attempt: newAttempt(), at: Date.now(), waitSeq: candidate.waitSeq! };
    // Someone else took the seats or is moving this household: read again and choose again.
    if (!(await eventStore.takeSeats(event, candidate.userId, intent, { requireOpen: false }))) continue;
    failpoint('events.promote.afterSeatsTaken');
    const signup = await finishPromotion(event, candidate.userId, intent);
    if (signup) promoted.push(signup);
  }
  return promoted;
}
