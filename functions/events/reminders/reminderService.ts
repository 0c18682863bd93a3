// Reminders of events: queued in the shared outbox (functions/lib/notify) when a seat is confirmed or promoted (with
// the user's consent), sent when due through a WechatMessenger by a scheduled function every minute.
import { optionalEnv } from '../../lib/config';
import { districtDateTime, thing } from '../../lib/notify/fields';
import type { WechatMessenger } from '../../lib/notify/messenger';
import { outbox, type OutboxItem } from '../../lib/notify/outbox';
import {
  sendDue,
  sendDueLogged,
  type Composed,
  type SendOptions,
  type SendReport,
} from '../../lib/notify/sender';
import { eventStore } from '../eventStore';
import type { SeatLedger, SignupRecord } from '../model';
import { signupStore } from '../signupStore';
import { OUTBOX_QUEUE, outboxIdOf, type EventReminderEntry, type ReminderKind } from './model';

export type { SendReport } from '../../lib/notify/sender';

function reminderTemplateId(): string {
  return optionalEnv('WECHAT_TEMPLATE_EVENT_REMINDER', 'local-event-reminder');
}

/** The message describes the event as it is when sent (staff may have edited it since the sign-up). */
async function compose(outboxItem: OutboxItem): Promise<Composed> {
  const item = outboxItem as OutboxItem & EventReminderEntry;
  const [signup, event] = await Promise.all([
    signupStore.get(item.eventId, item.userId),
    eventStore.get(item.eventId),
  ]);
  // No openid: the account was closed (functions/events/accountDataService.ts); nobody to send to.
  const gone = !item.openid || !event || !signup;
  if (gone || signup.status !== 'confirmed' || signup.attempt !== item.signupAttempt)
    return { skip: 'signup no longer confirmed' };
  const note = item.kind === 'event_promoted' ? '候补成功，已为您保留名额' : '报名成功，请按时参加';
  return {
    message: {
      touser: item.openid,
      templateId: reminderTemplateId(),
      page: `packages/events/pages/detail/index?id=${item.eventId}`,
      data: {
        thing1: { value: thing(event.title) },
        time2: { value: districtDateTime(event.startsAt) },
        thing3: { value: thing(event.location) },
        thing4: { value: note },
      },
    },
  };
}

/**
 * Queues the message about a confirmed or promoted seat, if the user consented. Its id comes from the signup's
 * activation, so finishing an interrupted seat change again queues it once. Needs only the ledger's start time.
 */
async function queue(
  kind: ReminderKind,
  event: Pick<SeatLedger, 'eventId' | 'startsAt'>,
  signup: SignupRecord,
): Promise<void> {
  if (!signup.subscribe) return;
  const now = Date.now();
  // A confirmation becomes a reminder the day before; a promotion is news now.
  const dueMs =
    kind === 'event_confirmed' ? Math.max(now, Date.parse(event.startsAt) - 24 * 3600 * 1000) : now;
  const entry: EventReminderEntry = {
    id: outboxIdOf(kind, signup.attempt),
    kind,
    userId: signup.userId,
    openid: signup.openid,
    eventId: event.eventId,
    signupAttempt: signup.attempt,
    dueAt: new Date(dueMs).toISOString(),
    createdAt: new Date(now).toISOString(),
  };
  await outbox.enqueue(OUTBOX_QUEUE, entry);
}

export function sendDueReminders(messenger: WechatMessenger, options: SendOptions = {}): Promise<SendReport> {
  return sendDue(OUTBOX_QUEUE, compose, messenger, options);
}

/** The scheduled run (every minute, functions.yml): sends what is due and logs what happened, if anything. */
function runScheduled(messenger: WechatMessenger): Promise<SendReport> {
  return sendDueLogged('event reminders', OUTBOX_QUEUE, compose, messenger);
}

export const reminderService = { queue, sendDueReminders, runScheduled };
