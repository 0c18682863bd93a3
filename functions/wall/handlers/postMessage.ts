import { postMessageSchema } from '../../../shared/api/wall';
import { created, route } from '../../lib/http';
import { messageService } from '../messageService';

// With an Idempotency-Key the message's id comes from (user, key): a retry finds the message it created.
export const handler = route({ access: 'user', body: postMessageSchema }, async ({ user, body, headers }) =>
  created({ message: await messageService.post(user, body, headers['idempotency-key']) }),
);
