// Scheduled every hour (functions.yml): seals the dashboard's past days (functions/lib/sealedDays.ts).
import { logger } from '../../lib/logger';
import { sealDueDays } from '../../lib/sealedDays';

export const handler = async () => {
  const sealed = await sealDueDays();
  logger.info('dashboard days sealed', sealed);
  return sealed;
};
