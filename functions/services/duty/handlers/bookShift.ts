import { bookSchema, shiftIdParamsSchema } from '../../../../shared/api/services';
import { created, route } from '../../../lib/http';
import { appointmentService } from '../appointmentService';
import { toAppointmentView } from '../views';

// With an Idempotency-Key, a retry of the booking that made the appointment gets it back.
export const handler = route(
  { access: 'user', params: shiftIdParamsSchema, body: bookSchema },
  async ({ params, body, user, headers }) =>
    created({
      appointment: toAppointmentView(
        await appointmentService.book(params.id, user.id, body, headers['idempotency-key']),
      ),
    }),
);
