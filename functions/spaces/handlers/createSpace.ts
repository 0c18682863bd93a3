import { createSpaceSchema } from '../../../shared/api/spaces';
import { created, route } from '../../lib/http';
import { spaceService } from '../spaceService';

export const handler = route({ access: 'admin', body: createSpaceSchema }, async ({ body }) =>
  created({ space: await spaceService.create(body) }),
);
