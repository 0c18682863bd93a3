import { decisionSchema } from '../../../shared/api/venues';
import { ok, route } from '../../lib/http';
import { bookingService } from '../bookingService';
import { bookingParams } from '../model';

export const handler = route(
  { access: 'staff', params: bookingParams, body: decisionSchema },
  async ({ params, body, user }) => ok({ booking: await bookingService.decide(user, params.id, body) }),
);
