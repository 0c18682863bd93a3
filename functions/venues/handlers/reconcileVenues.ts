// Scheduled every 5 minutes (functions.yml): settle stale booking intents, finish releases, sweep orphan slots.
import { reconcileService } from '../reconcileService';

export const handler = () => reconcileService.runScheduled();
