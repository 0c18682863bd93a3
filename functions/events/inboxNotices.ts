// The events' notices in 消息 (functions/lib/inbox.ts), each written after the change it announces is durable:
//   promoted   by completePromotion (seatSteps.ts), after the signup is confirmed and the entry removed, before the
//              ledger's intent is settled └ crash before it → the finisher of the promote intent (the user's retry,
//              the next promotion, or reconcileEvents) runs completePromotion again: same notice id, written once
//   cancelled  by eventService.cancel, or a PATCH to `cancelled`, after the ledger says cancelled: every active
//              signup's owner gets one └ crash mid-way → staff's retry of the cancel route finds the event cancelled
//              and walks the signups again; those already told are skipped by their notice id
import { notify, notifyAll } from '../lib/inbox';
import { notices } from '../lib/inboxNotices';
import { eventStore } from './eventStore';
import type { EventRecord, SignupRecord } from './model';
import { signupStore } from './signupStore';

async function promoted(eventId: string, signup: SignupRecord): Promise<void> {
  const event = await eventStore.get(eventId);
  if (!event) return;
  const activation = signup.attempt;
  await notify(notices.eventPromoted({ userId: signup.userId, eventId, activation, title: event.title }));
}

/** How many owners of active signups were told now (0 on a repeat). */
async function cancelled(event: EventRecord): Promise<number> {
  const active = (await signupStore.allByEvent(event.id)).filter(
    (s) => s.status === 'confirmed' || s.status === 'waitlisted',
  );
  return notifyAll(
    active.map((s) =>
      notices.eventCancelled({
        userId: s.userId,
        eventId: event.id,
        title: event.title,
        waiting: s.status === 'waitlisted',
      }),
    ),
  );
}

export const eventInboxNotices = { promoted, cancelled };
