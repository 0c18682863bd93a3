// The events' outbox items (functions/lib/notify/outbox.ts): on the queue OUTBOX, one per signup activation and kind.
// pk OUTBOX#<kind>.<attempt>, sk OUTBOX; they carry the event and the activation they are about.
import type { OutboxEntry } from '../../lib/notify/outbox';

export { outboxKey } from '../../lib/notify/outbox';

export const OUTBOX_QUEUE = 'OUTBOX';

export type ReminderKind = 'event_confirmed' | 'event_promoted';

export interface EventReminderEntry extends OutboxEntry {
  kind: ReminderKind;
  openid: string;
  eventId: string;
  /** The signup activation the message is about: skipped if that signup is no longer confirmed when due. */
  signupAttempt: string;
}

/** Deterministic per signup activation, so finishing an interrupted seat change twice queues the message once. */
export const outboxIdOf = (kind: ReminderKind, activation: string) => `${kind}.${activation}`;
