import { postMessageSchema } from '../../shared/api/wall';
import { created, route } from '../lib/http';
import { wallService } from './service';

export const handler = route({ access: 'user', body: postMessageSchema }, async ({ user, body }) =>
  created({ message: await wallService.post(user, body) }),
);
