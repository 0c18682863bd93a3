import { wallPageQuerySchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { messageService } from '../messageService';

/** The caller's own messages in every status, newest first, with rejection reasons. */
export const handler = route({ access: 'user', query: wallPageQuerySchema }, async ({ user, query }) =>
  ok(await messageService.mine(user, query)),
);
