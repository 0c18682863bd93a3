import { listMerchantsQuerySchema } from '../../../shared/api/alliance';
import { ok, route } from '../../lib/http';
import { merchantService } from '../merchantService';

export const handler = route({ access: 'staff', query: listMerchantsQuerySchema }, async ({ query }) =>
  ok(await merchantService.list(query.status, query.limit, query.cursor)),
);
