import { messageIdParamsSchema } from '../../../shared/api/wall';
import { ok, route } from '../../lib/http';
import { likeService } from '../likeService';

/** Likes and unlikes together: 120 per user per 10 minutes (each one writes the message and the like). */
export const LIKE_LIMIT = {
  bucket: 'wall-like',
  limit: 120,
  windowSeconds: 600,
  message: '点赞过于频繁，请稍后再试',
};

export const handler = route(
  { access: 'user', params: messageIdParamsSchema, limit: LIKE_LIMIT },
  async ({ user, params }) => ok(await likeService.set(params.id, user.id, true)),
);
