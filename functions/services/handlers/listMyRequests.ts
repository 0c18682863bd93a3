import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { requestService } from '../requestService';
import { toRequestView } from '../views';

/** My requests, newest first. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) => {
  const page = await requestService.listMine(user.id, query.limit, query.cursor);
  return ok({ items: page.items.map(toRequestView), nextCursor: page.nextCursor });
});
