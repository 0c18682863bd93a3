import { attendanceSchema, eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { attendanceService } from '../attendanceService';
import { toAttendeeView } from '../views';

/** Staff: marks a roll-call (idempotent) from a signup id or a scanned ticket. */
export const handler = route(
  { access: 'staff', params: eventIdParamsSchema, body: attendanceSchema },
  async ({ params, body }) => ok({ signup: toAttendeeView(await attendanceService.mark(params.id, body)) }),
);
