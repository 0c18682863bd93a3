import { bookingQueueQuerySchema } from '../../../shared/api/venues';
import { ok, route } from '../../lib/http';
import { bookingService } from '../bookingService';

/** Staff: the bookings with one status (default pending), by start time. */
export const handler = route({ access: 'staff', query: bookingQueueQuerySchema }, async ({ query }) =>
  ok(await bookingService.queue(query.status, query.limit, query.cursor)),
);
