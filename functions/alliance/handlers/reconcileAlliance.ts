// Scheduled: settles stale claim intents, repairs figures and interrupted merchant role grants.
import { logger } from '../../lib/logger';
import { allianceReconciler } from '../reconcileService';

export async function handler(): Promise<void> {
  const report = await allianceReconciler.run();
  logger.info('alliance reconcile', { ...report });
}
