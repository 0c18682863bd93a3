// Scheduled every minute (functions.yml): send the reminders that are due.
import { logger } from '../../lib/logger';
import { messengerFromEnv } from '../reminders/messenger';
import { sendDueReminders } from '../reminders/sender';

export const handler = async (): Promise<{
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
}> => {
  const report = await sendDueReminders(messengerFromEnv());
  if (report.sent + report.failed + report.skipped + report.retried > 0)
    logger.info('event reminders', { ...report });
  return report;
};
