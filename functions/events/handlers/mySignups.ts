import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { signupService } from '../signupService';
import { toMySignupView } from '../views';

/** The caller's signups, newest first, each with its event. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) => {
  const page = await signupService.listMine(user.id, query.limit, query.cursor);
  return ok({ items: page.items.map(toMySignupView), nextCursor: page.nextCursor });
});
