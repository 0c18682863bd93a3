import { eventIdParamsSchema } from '../../../shared/api/events';
import { ok, route } from '../../lib/http';
import { signupService } from '../signupService';
import { toEventView, toOwnSignupView } from '../views';

/** The event, and the caller's own signup of it (null when signed out or none). */
export const handler = route({ access: 'public', params: eventIdParamsSchema }, async ({ params, user }) => {
  const { state, mySignup } = await signupService.eventWithMySignup(params.id, user?.id);
  return ok({ event: toEventView(state), mySignup: mySignup ? toOwnSignupView(mySignup) : null });
});
