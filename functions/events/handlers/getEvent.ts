import { eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { getEvent, mySignup } from '../eventService';
import { toEventView, toOwnSignupView } from '../views';

export const handler = route({ access: 'public', params: eventIdParamsSchema }, async ({ params, user }) => {
  const event = await getEvent(params.id);
  const mine = user ? await mySignup(params.id, user.id) : null;
  return ok({
    event: toEventView(event),
    mySignup: mine ? toOwnSignupView(mine.signup, mine.waitlistPosition) : null,
  });
});
