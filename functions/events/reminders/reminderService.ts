// Reminders of events: queued in the outbox when a seat is confirmed or promoted (with the user's consent), sent
// when due through a WechatMessenger by a scheduled function every minute.
import { optionalEnv } from '../../lib/config';
import { logger, serializeError } from '../../lib/logger';
import { eventStore } from '../eventStore';
import type { EventRecord, SeatLedger, SignupRecord } from '../model';
import { signupStore } from '../signupStore';
import { MessageRefusedError, type SubscribeMessage, type WechatMessenger } from './messenger';
import { outboxIdOf, type OutboxItem, type ReminderKind } from './model';
import { outboxStore } from './outboxStore';

const MAX_ATTEMPTS = 5;
const LEASE_MS = 60_000;

/** WeChat's `thing` fields take at most 20 characters. */
const thing = (text: string) => ([...text].length > 20 ? [...text].slice(0, 19).join('') + '…' : text);

function districtTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function reminderTemplateId(): string {
  return optionalEnv('WECHAT_TEMPLATE_EVENT_REMINDER', 'local-event-reminder');
}

/** The message describes the event as it is when sent (staff may have edited it since the sign-up). */
function reminderMessage(item: OutboxItem, event: EventRecord): SubscribeMessage {
  const note = item.kind === 'event_promoted' ? '候补成功，已为您保留名额' : '报名成功，请按时参加';
  return {
    touser: item.openid,
    templateId: reminderTemplateId(),
    page: `packages/events/pages/detail/index?id=${item.eventId}`,
    data: {
      thing1: { value: thing(event.title) },
      time2: { value: districtTime(event.startsAt) },
      thing3: { value: thing(event.location) },
      thing4: { value: note },
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
  await outboxStore.enqueue({
    id: outboxIdOf(kind, signup.attempt),
    kind,
    userId: signup.userId,
    openid: signup.openid,
    eventId: event.eventId,
    signupAttempt: signup.attempt,
    dueAt: new Date(dueMs).toISOString(),
    createdAt: new Date(now).toISOString(),
  });
}

export interface SendReport {
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
}

export async function sendDueReminders(
  messenger: WechatMessenger,
  options: { now?: number; batch?: number } = {},
): Promise<SendReport> {
  const now = options.now ?? Date.now();
  const nowIso = new Date(now).toISOString();
  const report: SendReport = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  for (const item of await outboxStore.due(nowIso, options.batch ?? 50)) {
    if (!(await outboxStore.claim(item, now, LEASE_MS))) continue;
    const [signup, event] = await Promise.all([
      signupStore.get(item.eventId, item.userId),
      eventStore.get(item.eventId),
    ]);
    // No openid: the account was closed (functions/events/accountDataService.ts); nobody to send to.
    const gone = !item.openid || !event || !signup;
    if (gone || signup.status !== 'confirmed' || signup.attempt !== item.signupAttempt) {
      await outboxStore.finish(item.id, 'skipped', nowIso, 'signup no longer confirmed');
      report.skipped++;
      continue;
    }
    try {
      await messenger.send(reminderMessage(item, event));
      await outboxStore.finish(item.id, 'sent', nowIso);
      report.sent++;
    } catch (err) {
      const attempts = item.attempts + 1;
      if (err instanceof MessageRefusedError || attempts >= MAX_ATTEMPTS) {
        logger.warn('reminder not sent', { outboxId: item.id, error: serializeError(err) });
        await outboxStore.finish(item.id, 'failed', nowIso, err instanceof Error ? err.message : String(err));
        report.failed++;
      } else {
        await outboxStore.retryLater(item, new Date(now + 60_000 * 2 ** attempts).toISOString());
        report.retried++;
      }
    }
  }
  return report;
}

/** The scheduled run (every minute, functions.yml): sends what is due and logs what happened, if anything. */
async function runScheduled(messenger: WechatMessenger): Promise<SendReport> {
  const report = await sendDueReminders(messenger);
  if (report.sent + report.failed + report.skipped + report.retried > 0)
    logger.info('event reminders', { ...report });
  return report;
}

export const reminderService = { queue, sendDueReminders, runScheduled };
