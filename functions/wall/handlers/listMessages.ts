import { wallPageQuerySchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { messageService } from '../messageService';

/** The wall: published messages, newest first. Public; a signed-in viewer also gets `likedByMe`. */
export const handler = route({ access: 'public', query: wallPageQuerySchema }, async ({ user, query }) =>
  ok(await messageService.wall(user, query)),
);
