import { shiftIdParamsSchema } from '../../../../shared/api/services';
import { ok, route } from '../../../lib/http';
import { shiftService } from '../shiftService';
import { toAppointmentView } from '../views';

/** Staff: who booked the shift, with the questions left in advance. */
export const handler = route({ access: 'staff', params: shiftIdParamsSchema }, async ({ params }) => {
  const rows = await shiftService.appointments(params.id);
  return ok({ items: rows.map(({ appointment, who }) => toAppointmentView(appointment, who)) });
});
