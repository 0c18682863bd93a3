// Sends the reminders that are due, through a WechatMessenger. Run by a scheduled function every minute.
import { logger, serializeError } from '../../lib/logger';
import { signupStore } from '../signupStore';
import {
  MessageRefusedError,
  reminderTemplateId,
  type SubscribeMessage,
  type WechatMessenger,
} from './messenger';
import { outbox, type OutboxItem } from './outbox';

const MAX_ATTEMPTS = 5;
const LEASE_MS = 60_000;

/** WeChat's `thing` fields take at most 20 characters. */
const thing = (text: string) => ([...text].length > 20 ? [...text].slice(0, 19).join('') + '…' : text);

function districtTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function reminderMessage(item: OutboxItem): SubscribeMessage {
  const note = item.kind === 'event_promoted' ? '候补成功，已为您保留名额' : '报名成功，请按时参加';
  return {
    touser: item.openid,
    templateId: reminderTemplateId(),
    page: `packages/events/pages/detail/index?id=${item.eventId}`,
    data: {
      thing1: { value: thing(item.data.title) },
      time2: { value: districtTime(item.data.startsAt) },
      thing3: { value: thing(item.data.location) },
      thing4: { value: note },
    },
  };
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
  for (const item of await outbox.due(nowIso, options.batch ?? 50)) {
    if (!(await outbox.claim(item, now, LEASE_MS))) continue;
    const userId = item.userId;
    const signup = await signupStore.get(item.eventId, userId);
    if (!signup || signup.status !== 'confirmed' || signup.attempt !== item.signupAttempt) {
      await outbox.finish(item.id, 'skipped', nowIso, 'signup no longer confirmed');
      report.skipped++;
      continue;
    }
    try {
      await messenger.send(reminderMessage(item));
      await outbox.finish(item.id, 'sent', nowIso);
      report.sent++;
    } catch (err) {
      const attempts = item.attempts + 1;
      if (err instanceof MessageRefusedError || attempts >= MAX_ATTEMPTS) {
        logger.warn('reminder not sent', { outboxId: item.id, error: serializeError(err) });
        await outbox.finish(item.id, 'failed', nowIso, err instanceof Error ? err.message : String(err));
        report.failed++;
      } else {
        await outbox.retryLater(item, new Date(now + 60_000 * 2 ** attempts).toISOString());
        report.retried++;
      }
    }
  }
  return report;
}
