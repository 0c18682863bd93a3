import { pageQuerySchema } from '../../shared/api/common';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { ok, route } from '../lib/http';
import { checkinStore } from './checkinStore';
import { presentHistory } from './presenters';

/** The signed-in user's visits, newest first. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) => {
  const page = await checkinStore.listByOwner(user.id, query.limit, decodeCursor(query.cursor));
  return ok({ items: page.items.map(presentHistory), nextCursor: encodeCursor(page.lastKey) });
});
