import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { spaceService } from '../spaceService';

/** Every space, oldest first. */
export const handler = route({ access: 'public', query: pageQuerySchema }, async ({ query }) =>
  ok(await spaceService.list(query.limit, query.cursor)),
);
