import { listEventsQuerySchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { eventService } from '../eventService';
import { toEventView } from '../views';

/** Events not yet ended, soonest first; `?kind=` for one kind. */
export const handler = route({ access: 'public', query: listEventsQuerySchema }, async ({ query }) => {
  const page = await eventService.list(query.kind, query.limit, query.cursor);
  return ok({ items: page.items.map(toEventView), nextCursor: page.nextCursor });
});
