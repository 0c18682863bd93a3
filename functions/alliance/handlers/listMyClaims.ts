import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { claimService } from '../claimService';

export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ user, query }) =>
  ok(await claimService.listMine(user.id, query.limit, query.cursor)),
);
