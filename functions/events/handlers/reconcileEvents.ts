// Scheduled every 5 minutes (functions.yml): settle dead intents, recount, promote.
import { reconcileService } from '../reconcileService';

export const handler = () => reconcileService.runScheduled();
