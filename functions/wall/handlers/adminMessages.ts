import { adminMessagesQuerySchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { moderationService } from '../moderationService';

/** Staff lists: the moderation queue (pending, oldest first), published or rejected messages. */
export const handler = route({ access: 'staff', query: adminMessagesQuerySchema }, async ({ user, query }) =>
  ok(await moderationService.list(user, query.status, query)),
);
