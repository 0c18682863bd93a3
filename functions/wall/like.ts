import { messageIdParamsSchema } from '../../shared/api/wall';
import { ok, route } from '../lib/http';
import { setLike } from './likes';

export const handler = route({ access: 'user', params: messageIdParamsSchema }, async ({ user, params }) =>
  ok(await setLike(params.id, user.id, true)),
);
