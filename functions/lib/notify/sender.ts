// The sending loop of one outbox queue (outbox.ts), run by a feature's scheduled function: each due item is claimed
// by one sender (a conditional lease, so two runs at once never send it twice), composed by the feature as it is
// when sent (or skipped when what it was about no longer holds), sent through a WechatMessenger, then finished or
// put back for a retry with backoff.
import { logger, serializeError } from '../logger';
import { readUserRecord, isClosed } from '../principal';
import { MessageRefusedError, type SubscribeMessage, type WechatMessenger } from './messenger';
import { outbox, type OutboxItem } from './outbox';

const MAX_ATTEMPTS = 5;
const LEASE_MS = 60_000;

/** The message to send now, or why it is not sent at all. */
export type Composed = { message: SubscribeMessage } | { skip: string };

/** Builds an item's message from the feature's current data (read with ConsistentRead). */
export type Composer = (item: OutboxItem, now: number) => Promise<Composed>;

export interface SendReport {
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
}

export interface SendOptions {
  now?: number;
  batch?: number;
}

/** Sends what is due on `queue`. */
export async function sendDue(
  queue: string,
  compose: Composer,
  messenger: WechatMessenger,
  options: SendOptions = {},
): Promise<SendReport> {
  const now = options.now ?? Date.now();
  const nowIso = new Date(now).toISOString();
  const report: SendReport = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  for (const item of await outbox.due(queue, nowIso, options.batch ?? 50)) {
    if (!(await outbox.claim(item, now, LEASE_MS))) continue;
    const composed = await compose(item, now);
    if ('skip' in composed) {
      await outbox.finish(item.id, 'skipped', nowIso, composed.skip);
      report.skipped++;
      continue;
    }
    try {
      await messenger.send(composed.message);
      await outbox.finish(item.id, 'sent', nowIso);
      report.sent++;
    } catch (err) {
      const attempts = item.attempts + 1;
      if (err instanceof MessageRefusedError || attempts >= MAX_ATTEMPTS) {
        logger.warn('message not sent', { queue, outboxId: item.id, error: serializeError(err) });
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

/** The scheduled run: sends what is due on `queue` and logs what happened, if anything. */
export async function sendDueLogged(
  name: string,
  queue: string,
  compose: Composer,
  messenger: WechatMessenger,
  options: SendOptions = {},
): Promise<SendReport> {
  const report = await sendDue(queue, compose, messenger, options);
  if (report.sent + report.failed + report.skipped + report.retried > 0) logger.info(name, { ...report });
  return report;
}

/**
 * The openid to send to, read when the message is due: null when the account is gone or was closed (nobody to send
 * to; a closed account's openid belongs to whoever signs in with it next).
 */
export async function recipientOpenid(userId: string): Promise<string | null> {
  const user = await readUserRecord(userId);
  return user && !isClosed(user) && user.openid ? user.openid : null;
}
