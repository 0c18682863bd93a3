// Scheduled every 5 minutes (functions.yml): settle dead intents, recount, promote.
import { logger } from '../../lib/logger';
import { reconcileAllEvents } from '../reconcile';

export const handler = async (): Promise<{ events: number; repaired: number }> => {
  const reports = await reconcileAllEvents();
  const repaired = reports.filter((r) => r.intentsSettled > 0 || r.recounted || r.promoted > 0).length;
  logger.info('events reconciled', { events: reports.length, repaired });
  return { events: reports.length, repaired };
};
