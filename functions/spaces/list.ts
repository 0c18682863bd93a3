import { pageQuerySchema } from '../../shared/api/common';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { ok, route } from '../lib/http';
import { spaceService } from './spaceService';

export const handler = route({ access: 'public', query: pageQuerySchema }, async ({ query }) => {
  const page = await spaceService.list(query.limit, decodeCursor(query.cursor));
  return ok({ items: page.items, nextCursor: encodeCursor(page.lastKey) });
});
