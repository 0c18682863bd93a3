// Reminders of events: queued in the shared outbox (functions/lib/notify) when a seat is confirmed or promoted (with
// the user's consent), sent when due through a WechatMessenger by a scheduled function every minute. What is sent,
// and whether, follows the event as it is when due, not as it was at sign-up: nothing for a cancelled event or one
// that has started; a confirmation's reminder found early — the event moved later — is queued again for the day
// before the new start (a new item, `requeuedIdOf`, since the sender finishes the one it took).
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
import { ledgerStore } from '../ledgerStore';
import type { SeatLedger, SignupRecord } from '../model';
import { signupStore } from '../signupStore';
import { OUTBOX_QUEUE, outboxIdOf, requeuedIdOf, type EventReminderEntry, type ReminderKind } from './model';

export type { SendReport } from '../../lib/notify/sender';

const DAY_MS = 24 * 3600 * 1000;

/** When a confirmation's reminder is due: the day before the start. */
const dayBefore = (startsAt: string) => Date.parse(startsAt) - DAY_MS;

function reminderTemplateId(): string {
  return optionalEnv('WECHAT_TEMPLATE_EVENT_REMINDER', 'local-event-reminder');
}

/**
 * Queues the reminder again for the event's new start. Its id comes from the activation and that start, so a sender
 * that dies after this and a second sender queue it once; the openid is read from the signup when it is due.
 */
async function requeue(item: EventReminderEntry, startsAt: string): Promise<string> {
  const dueAt = new Date(dayBefore(startsAt)).toISOString();
  const entry: EventReminderEntry = {
    id: requeuedIdOf(item.kind, item.signupAttempt, startsAt),
    kind: item.kind,
    userId: item.userId,
    eventId: item.eventId,
    signupAttempt: item.signupAttempt,
    timedFor: startsAt,
    dueAt,
    createdAt: new Date().toISOString(),
  };
  await outbox.enqueue(OUTBOX_QUEUE, entry);
  return dueAt;
}

/**
 * The message describes the event as it is when sent (staff may have edited it since the sign-up): none when the
 * signup is no longer confirmed, the event was cancelled or has started; a confirmation found early is queued again.
 */
async function compose(outboxItem: OutboxItem, now: number): Promise<Composed> {
  const item = outboxItem as OutboxItem & EventReminderEntry;
  // Single-item reads: this function's role may GetItem on the table, not Query it (functions.yml).
  const [signup, event, ledger] = await Promise.all([
    signupStore.get(item.eventId, item.userId),
    eventStore.get(item.eventId),
    ledgerStore.get(item.eventId), // the event's status
  ]);
  // No openid: the account was closed (functions/events/accountDataService.ts); nobody to send to.
  const openid = item.timedFor ? signup?.openid : item.openid;
  const gone = !openid || !event || !ledger || !signup;
  if (gone || signup.status !== 'confirmed' || signup.attempt !== item.signupAttempt)
    return { skip: 'signup no longer confirmed' };
  if (ledger.status === 'cancelled') return { skip: 'event cancelled' };
  if (now >= Date.parse(event.startsAt)) return { skip: 'event already started' };
  if (item.kind === 'event_confirmed' && now < dayBefore(event.startsAt))
    return { skip: `event moved later: queued again for ${await requeue(item, event.startsAt)}` };
  const note = item.kind === 'event_promoted' ? '候补成功，已为您保留名额' : '报名成功，请按时参加';
  return {
    message: {
      touser: openid,
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
  const dueMs = kind === 'event_confirmed' ? Math.max(now, dayBefore(event.startsAt)) : now;
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
