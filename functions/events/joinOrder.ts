// Which ledger write a sign-up tries first. An event this process last saw place someone on the waiting list (so
// full, or with people waiting) tries the waiting list first: in a rush, where most sign-ups wait, each then costs
// one ledger write instead of a refused seat write and a second one. Only a hint: each write's own condition
// decides (a place on the waiting list only while the seats do not fit or someone waits), and a wrong guess costs
// one refused write, as without it. Kept per process (a warm Lambda's module scope), bounded.
import type { placeFor } from './rules';
import type { JoinOutcome } from './seatSteps';

/** The write to try: the same choice `placeFor` makes from a read of the ledger. */
export type JoinPlan = ReturnType<typeof placeFor>;

const waitingFirst = new Set<string>();
const MAX_EVENTS = 1000;
const WAIT_THEN_CONFIRM: readonly JoinPlan[] = ['waitlist', 'confirm'];
const CONFIRM_THEN_WAIT: readonly JoinPlan[] = ['confirm', 'waitlist'];

export const joinOrder = {
  /** The writes to try, in order, when nothing was read first. */
  plans(eventId: string): readonly JoinPlan[] {
    return waitingFirst.has(eventId) ? WAIT_THEN_CONFIRM : CONFIRM_THEN_WAIT;
  },

  /** What a write answered: a waiting-list place given (or refused as a repeat) means full or people waiting. */
  saw(eventId: string, plan: JoinPlan, outcome: JoinOutcome['outcome']): void {
    if (plan === 'confirm' && outcome === 'refused') return; // nothing learnt: the waiting list is tried next
    if (plan === 'confirm' || outcome === 'refused') {
      waitingFirst.delete(eventId);
      return;
    }
    if (waitingFirst.size >= MAX_EVENTS) waitingFirst.clear();
    waitingFirst.add(eventId);
  },
};
