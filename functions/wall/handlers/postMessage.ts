import { postMessageSchema } from '../../../shared/api/wall';
import { created, route } from '../../lib/http';
import { messageService } from '../messageService';

export const handler = route({ access: 'user', body: postMessageSchema }, async ({ user, body }) =>
  created({ message: await messageService.post(user, body) }),
);
