import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { checkinService } from '../checkinService';

/** The signed-in user's visits, newest first. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) =>
  ok(await checkinService.listMine(user.id, query.limit, query.cursor)),
);
