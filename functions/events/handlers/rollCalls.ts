import { eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { attendanceService } from '../attendanceService';
import { toRollCallSummary } from '../views';

/** Staff: each roll-call with who is missing (for a party lesson's return trip: departed and not back). */
export const handler = route({ access: 'staff', params: eventIdParamsSchema }, async ({ params }) =>
  ok({ rollCalls: (await attendanceService.rollCallSummary(params.id)).map(toRollCallSummary) }),
);
