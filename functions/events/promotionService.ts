// Freed seats go to the waiting list in order of arrival, each household whole: the first waiting household whose
// seats fit is promoted; one that does not fit keeps its place while a smaller one behind it takes the seats. The
// order comes from the waiting-list entries read with ConsistentRead (never from an index that may lag), and one
// round looks at a bounded number of them, so a long list costs no more than a short one.
import { ledgerStore } from './ledgerStore';
import type { SeatLedger, SignupRecord } from './model';
import { isStale, parseIntent } from './seatIntent';
import { promoteEntry } from './seatSteps';
import { waitlistStore } from './waitlistStore';

/** How many waiting households one round considers (the first that fits is taken). */
export const PROMOTION_WALK = 50;
const MAX_ROUNDS = 100;

/** Another live promoter is moving a household: it reads the ledger again when done, so it will use these seats. */
const anotherPromoting = (ledger: SeatLedger, now: number) =>
  Object.entries(ledger.intents).some(([userId, tag]) => {
    const intent = parseIntent(userId, tag);
    return intent.op === 'promote' && !isStale(intent, now);
  });

/**
 * Promotes while seats are free and someone near the head of the list fits. Returns the promoted signups. Many
 * promoters at once (many cancels) would all race for the same head household; instead one steps back when another
 * is mid-promotion, because that one reads the ledger again after clearing its intent and so sees every seat freed
 * before this promoter looked. A crashed promoter's intent only holds the others back until it is stale.
 *
 * Every decision here and every intent it writes uses the clock at that moment, never a time passed in: a caller
 * that has been running a while (the reconciler, up to its 5-minute timeout) would otherwise record an intent that
 * already looks stale — one a finisher (the waiter's own cancel) may undo while this promotion confirms the waiter.
 */
async function promoteWaitlisted(eventId: string): Promise<SignupRecord[]> {
  const promoted: SignupRecord[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ledger = await ledgerStore.get(eventId);
    if (!ledger || ledger.status === 'cancelled' || Date.now() >= Date.parse(ledger.startsAt)) break;
    if (ledger.seatsFree <= 0 || anotherPromoting(ledger, Date.now())) break;
    const entries = await waitlistStore.from(eventId, 0, PROMOTION_WALK);
    // Concurrent promoters (many cancels at once) all serve the head; one whose household is already being moved
    // (an intent in flight) is skipped, so each promoter takes the next one in order.
    const next = entries.find((e) => e.seats <= ledger.seatsFree && !ledger.intents[e.userId]);
    if (!next) break;
    // Stamped now (its age starts here) and "not yet started" checked now, by the ledger's condition.
    const result = await promoteEntry(next, Date.now());
    if (result && result !== 'refused') promoted.push(result);
  }
  return promoted;
}

export const promotionService = { promoteWaitlisted };
