// Scheduled every 5 minutes (and once at local start-up): automatic check-out at closing time, repair of
// crashed check-ins and check-outs, and the occupancy recount.
import { spacesClock } from '../clock';
import { reconcileService } from '../reconcileService';

export const handler = async (): Promise<{ spaces: number }> => {
  const { spaces } = await reconcileService.reconcileAllSpaces(spacesClock.now());
  return { spaces };
};
