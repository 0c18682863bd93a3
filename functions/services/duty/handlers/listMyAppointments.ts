import { pageQuerySchema } from '../../../../shared/api/common';
import { ok, route } from '../../../lib/http';
import { appointmentService } from '../appointmentService';
import { toAppointmentView } from '../views';

/** My booked consultations, soonest shift first. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) => {
  const page = await appointmentService.listMine(user.id, query.limit, query.cursor);
  return ok({ items: page.items.map((a) => toAppointmentView(a)), nextCursor: page.nextCursor });
});
