import { pageQuerySchema } from '../../../shared/api/common';
import { ok, route } from '../../lib/http';
import { eventStore } from '../eventStore';
import { positionOf } from '../eventService';
import { signupStore } from '../signupStore';
import { toEventView, toOwnSignupView } from '../views';

/** The caller's signups, newest first, each with its event. */
export const handler = route({ access: 'user', query: pageQuerySchema }, async ({ query, user }) => {
  const page = await signupStore.listByOwner(user.id, query.limit, query.cursor);
  const events = await eventStore.getMany(page.items.map((s) => s.eventId));
  const items = await Promise.all(
    page.items.map(async (signup) => {
      const event = events.get(signup.eventId);
      return {
        ...toOwnSignupView(signup, await positionOf(signup)),
        event: event ? toEventView(event) : null,
      };
    }),
  );
  return ok({ items, nextCursor: page.nextCursor });
});
