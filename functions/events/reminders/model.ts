// The reminder outbox item: one per message to send, queued on `byQueue` (OUTBOX / <dueAt>#<id>) until it is sent,
// then kept with its outcome. pk OUTBOX#<kind>.<attempt>, sk OUTBOX.
export const OUTBOX_QUEUE = 'OUTBOX';

export type ReminderKind = 'event_confirmed' | 'event_promoted';

export interface OutboxItem {
  id: string;
  kind: ReminderKind;
  userId: string;
  openid: string;
  eventId: string;
  /** The signup activation the message is about: skipped if that signup is no longer confirmed when due. */
  signupAttempt: string;
  dueAt: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  leaseUntil?: number;
  createdAt: string;
}

export const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
export const outboxQueueSk = (dueAt: string, id: string) => `${dueAt}#${id}`;

/** Deterministic per signup activation, so finishing an interrupted seat change twice queues the message once. */
export const outboxIdOf = (kind: ReminderKind, activation: string) => `${kind}.${activation}`;
