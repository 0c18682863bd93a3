import { listEventsQuerySchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { eventService } from '../eventService';
import { toEventView } from '../views';

/** Events not yet ended, soonest first; `?kind=` for one kind, `?month=` a district month, `?q=` a search. */
export const handler = route({ access: 'public', query: listEventsQuerySchema }, async ({ query }) => {
  const page = await eventService.list(query.kind, query.limit, query.cursor, {
    month: query.month,
    q: query.q,
  });
  return ok({ items: page.items.map(toEventView), nextCursor: page.nextCursor });
});
