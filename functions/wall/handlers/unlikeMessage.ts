import { messageIdParamsSchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { likeService } from '../likeService';
import { LIKE_LIMIT } from './likeMessage';

export const handler = route(
  { access: 'user', params: messageIdParamsSchema, limit: LIKE_LIMIT },
  async ({ user, params }) => ok(await likeService.set(params.id, user.id, false)),
);
