import { bookSchema, shiftIdParamsSchema } from '../../../../shared/api/services';
import { attemptsPerDay, created, route } from '../../../lib/http';
import { appointmentService } from '../appointmentService';
import { toAppointmentView } from '../views';

/** An appointment holds a place on a duty shift: 20 attempts per user per 24 hours (docs/api/boundary.md). */
export const APPOINTMENT_LIMIT = attemptsPerDay('duty-appointment', 20, '今天的值班预约操作过多，请明天再试');

// With an Idempotency-Key, a retry of the booking that made the appointment gets it back.
export const handler = route(
  { access: 'user', params: shiftIdParamsSchema, body: bookSchema, limit: APPOINTMENT_LIMIT },
  async ({ params, body, user, headers }) =>
    created({
      appointment: toAppointmentView(
        await appointmentService.book(params.id, user.id, body, headers['idempotency-key']),
      ),
    }),
);
