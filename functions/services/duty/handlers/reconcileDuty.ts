// Scheduled every 5 minutes (functions.yml): settle dead bookings and cancels, then recount; and the service
// requests' dashboard figures (requestCountRepair.ts).
import { repairRequestCounts } from '../../requestCountRepair';
import { dutyReconcileService } from '../reconcileService';

export const handler = async () => {
  const shifts = await dutyReconcileService.runScheduled();
  await repairRequestCounts();
  return shifts;
};
