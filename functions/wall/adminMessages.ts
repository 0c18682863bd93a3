import { adminMessagesQuerySchema } from '../../shared/api/wall';
import { ok, route } from '../lib/http';
import { moderationService } from './moderation';

export const handler = route({ access: 'staff', query: adminMessagesQuerySchema }, async ({ user, query }) =>
  ok(await moderationService.list(user, query.status, query)),
);
