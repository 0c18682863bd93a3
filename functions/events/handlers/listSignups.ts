import { eventIdParamsSchema, listSignupsQuerySchema } from '../../../shared/api/events';
import { ok, route, text } from '../../lib/http';
import { signupsCsv } from '../csvExport';
import { getEvent } from '../eventService';
import { signupStore } from '../signupStore';
import { toAttendeeView } from '../views';

/** Staff: the signups of an event (`?status=` to filter), or all of them as CSV with `?format=csv`. */
export const handler = route(
  { access: 'staff', params: eventIdParamsSchema, query: listSignupsQuerySchema },
  async ({ params, query }) => {
    const event = await getEvent(params.id);
    if (query.format === 'csv') {
      const all = await signupStore.allByEvent(event.id);
      const signups = query.status ? all.filter((s) => s.status === query.status) : all;
      return text(200, signupsCsv(event, signups), 'text/csv; charset=utf-8', {
        'Content-Disposition': `attachment; filename="event-${event.id}-signups.csv"`,
      });
    }
    const page = await signupStore.listByEvent(event.id, {
      limit: query.limit,
      cursor: query.cursor,
      status: query.status,
    });
    return ok({ items: page.items.map(toAttendeeView), nextCursor: page.nextCursor });
  },
);
