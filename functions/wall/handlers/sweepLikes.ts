// Scheduled repair of like counters: resolves abandoned like intents and recounts the messages that had them.
import { logger } from '../../lib/logger';
import { sweepLikes } from '../reconcileService';

export const handler = async (): Promise<void> => {
  const report = await sweepLikes();
  logger.info('like sweep', { ...report });
};
