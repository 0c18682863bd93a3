import { createRequestSchema } from '../../../shared/api/services';
import { created, route } from '../../lib/http';
import { requestService } from '../requestService';
import { toRequestView } from '../views';

// With an Idempotency-Key the request's id comes from (user, key): a retry finds the request it created.
export const handler = route({ access: 'user', body: createRequestSchema }, async ({ body, user, headers }) =>
  created({ request: toRequestView(await requestService.create(user.id, body, headers['idempotency-key'])) }),
);
