// Scheduled every 5 minutes (functions.yml): settle dead bookings and cancels, then recount.
import { dutyReconcileService } from '../reconcileService';

export const handler = () => dutyReconcileService.runScheduled();
