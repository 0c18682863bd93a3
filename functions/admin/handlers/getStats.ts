import { statsQuerySchema } from '../../../shared/api/admin';
import { ok, route } from '../../lib/http';
import { statsService } from '../statsService';

export const handler = route({ access: 'staff', query: statsQuerySchema }, async ({ query }) =>
  ok(await statsService.daily(query)),
);
