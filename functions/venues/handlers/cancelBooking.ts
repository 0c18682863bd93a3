import { ok, route } from '../../lib/http';
import { bookingService } from '../bookingService';
import { bookingParams } from '../model';

export const handler = route({ access: 'user', params: bookingParams }, async ({ params, user }) =>
  ok({ booking: await bookingService.cancel(user, params.id) }),
);
