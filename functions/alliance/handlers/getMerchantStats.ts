import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { statsService } from '../statsService';

export const handler = route({ access: 'merchant', query: pageQuerySchema }, async ({ user, query }) =>
  ok(await statsService.forMerchant(user, query.limit, query.cursor)),
);
