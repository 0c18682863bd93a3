import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { offerService } from '../offerService';

export const handler = route({ access: 'merchant', query: pageQuerySchema }, async ({ user, query }) =>
  ok(await offerService.listMine(user, query.limit, query.cursor)),
);
