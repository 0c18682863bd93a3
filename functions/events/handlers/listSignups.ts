import { eventIdParamsSchema, listSignupsQuerySchema } from '../../../shared/api/events';
import { ok, route, text } from '../../lib/http';
import { signupsCsv } from '../csvExport';
import { signupService } from '../signupService';
import { toAttendeeView } from '../views';

/** Staff: the signups of an event (`?status=` to filter), or all of them as CSV with `?format=csv`; phones masked. */
export const handler = route(
  { access: 'staff', params: eventIdParamsSchema, query: listSignupsQuerySchema },
  async ({ params, query }) => {
    const list = await signupService.listForStaff(params.id, query);
    if (list.format === 'page')
      return ok({ items: list.items.map((s) => toAttendeeView(s)), nextCursor: list.nextCursor });
    return text(200, signupsCsv(list.event, list.signups), 'text/csv; charset=utf-8', {
      'Content-Disposition': `attachment; filename="event-${list.event.id}-signups.csv"`,
    });
  },
);
