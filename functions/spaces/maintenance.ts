// Scheduled every 5 minutes (and once at local start-up): automatic check-out at closing time, repair of
// crashed check-ins and check-outs, and the occupancy recount.
import { logger } from '../lib/logger';
import { spacesClock } from './clock';
import { reconcileAllSpaces } from './reconcile';

export const handler = async (): Promise<{ spaces: number }> => {
  const reports = await reconcileAllSpaces(spacesClock.now());
  const total = (key: 'expired' | 'intentsFinished' | 'intentsUndone' | 'closesTakenOver') =>
    reports.reduce((sum, r) => sum + r[key], 0);
  logger.info('spaces maintenance', {
    spaces: reports.length,
    expired: total('expired'),
    intentsFinished: total('intentsFinished'),
    intentsUndone: total('intentsUndone'),
    closesTakenOver: total('closesTakenOver'),
    recounted: reports.filter((r) => r.recounted).length,
  });
  return { spaces: reports.length };
};
