import { createBookingSchema } from '../../../shared/api/venues';
import { created, route } from '../../lib/http';
import { bookingService } from '../bookingService';
import { venueParams } from '../model';

export const handler = route(
  { access: 'user', params: venueParams, body: createBookingSchema },
  async ({ params, body, user, headers }) =>
    created({
      booking: await bookingService.create(params.id, user, body, headers['idempotency-key']),
    }),
);
