import { createSpaceSchema } from '../../../shared/api/spaces';
import { created, route } from '../../lib/http';
import { spaceService } from '../spaceService';

// With an Idempotency-Key the space's id comes from (user, key): a retry finds the space it created.
export const handler = route({ access: 'admin', body: createSpaceSchema }, async ({ body, user, headers }) =>
  created({ space: await spaceService.create(body, user.id, headers['idempotency-key']) }),
);
