import { venueListQuerySchema } from '../../../shared/api/venues';
import { ok, route } from '../../lib/http';
import { venueService } from '../venueService';

/** The venues of one kind (or all), in the order they were added. */
export const handler = route({ access: 'public', query: venueListQuerySchema }, async ({ query }) =>
  ok(await venueService.list(query.kind, query.limit, query.cursor)),
);
