import { shiftIdParamsSchema } from '../../../../shared/api/services';
import { ok, route } from '../../../lib/http';
import { shiftService } from '../shiftService';
import { toAppointmentView } from '../views';

/** Staff: who booked the shift, with the questions left in advance. */
export const handler = route({ access: 'staff', params: shiftIdParamsSchema }, async ({ params }) => {
  const rows = await shiftService.appointments(params.id);
  // Every appointment of the shift (≤ its capacity) in one reply: a list as the contract's lists are, no next page.
  return ok({
    items: rows.map(({ appointment, who }) => toAppointmentView(appointment, who)),
    nextCursor: null,
  });
});
