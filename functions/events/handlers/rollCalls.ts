import { eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { attendanceService } from '../attendanceService';
import { toRollCallSummary } from '../views';

/**
 * Staff: each roll-call with who is missing (for a party lesson's return trip: departed and not back). Guardian phones
 * in full only on the event's own day (district time), masked otherwise.
 */
export const handler = route({ access: 'staff', params: eventIdParamsSchema }, async ({ params }) => {
  const { rollCalls, phonesVisible } = await attendanceService.rollCallSheet(params.id);
  return ok({ rollCalls: rollCalls.map((r) => toRollCallSummary(r, phonesVisible)) });
});
