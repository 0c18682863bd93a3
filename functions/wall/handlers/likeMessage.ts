import { messageIdParamsSchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { likeService } from '../likeService';

export const handler = route({ access: 'user', params: messageIdParamsSchema }, async ({ user, params }) =>
  ok(await likeService.set(params.id, user.id, true)),
);
