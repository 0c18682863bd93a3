import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { bookingService } from '../bookingService';

export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) =>
  ok(await bookingService.mine(user.id, query.limit, query.cursor)),
);
