import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { inboxService } from '../inboxService';

/** GET /v1/me/inbox: my notices, newest first, with the unread count. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ user, query }) =>
  ok(await inboxService.page(user.id, query.limit, query.cursor)),
);
