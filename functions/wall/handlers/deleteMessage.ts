import { messageIdParamsSchema } from '../../../shared/api/wall';
import { noContent, route } from '../../lib/http';
import { messageService } from '../messageService';

export const handler = route({ access: 'user', params: messageIdParamsSchema }, async ({ user, params }) => {
  await messageService.remove(user, params.id);
  return noContent();
});
