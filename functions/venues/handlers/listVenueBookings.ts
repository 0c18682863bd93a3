import { bookingRangeQuerySchema } from '../../../shared/api/venues';
import { ok, route } from '../../lib/http';
import { bookingService } from '../bookingService';
import { venueParams } from '../model';

/** Anyone: times and status; staff and the booker: the bookings in full. */
export const handler = route(
  { access: 'public', params: venueParams, query: bookingRangeQuerySchema },
  async ({ params, query, user }) => ok(await bookingService.ofVenue(params.id, user, query)),
);
