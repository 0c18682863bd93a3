// The events' outbox items (functions/lib/notify/outbox.ts): on the queue OUTBOX, one per signup activation and kind.
// pk OUTBOX#<kind>.<attempt>, sk OUTBOX; they carry the event and the activation they are about. A reminder found
// early because the event was moved later is queued again for the new start: OUTBOX#<kind>.<attempt>@<start, ms>.
import type { OutboxEntry } from '../../lib/notify/outbox';

export { outboxKey } from '../../lib/notify/outbox';

export const OUTBOX_QUEUE = 'OUTBOX';

export type ReminderKind = 'event_confirmed' | 'event_promoted';

export interface EventReminderEntry extends OutboxEntry {
  kind: ReminderKind;
  /** Absent once the account is closed (skipped), and on a reminder queued again (`timedFor`). */
  openid?: string;
  eventId: string;
  /** The signup activation the message is about: skipped if that signup is no longer confirmed when due. */
  signupAttempt: string;
  /**
   * Only on a reminder queued again after the event moved later: the start it is timed for. It carries no openid
   * (account closing clears those of the activation's first items only): the signup's is used when it is sent.
   */
  timedFor?: string;
}

/** Deterministic per signup activation, so finishing an interrupted seat change twice queues the message once. */
export const outboxIdOf = (kind: ReminderKind, activation: string) => `${kind}.${activation}`;

/** The reminder queued again for the start `startsAt`: one per activation and start, however often it is found. */
export const requeuedIdOf = (kind: ReminderKind, activation: string, startsAt: string) =>
  `${outboxIdOf(kind, activation)}@${Date.parse(startsAt)}`;
