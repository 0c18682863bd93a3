import { messageIdParamsSchema } from '../../shared/api/wall';
import { noContent, route } from '../lib/http';
import { wallService } from './service';

export const handler = route({ access: 'user', params: messageIdParamsSchema }, async ({ user, params }) => {
  await wallService.remove(user, params.id);
  return noContent();
});
