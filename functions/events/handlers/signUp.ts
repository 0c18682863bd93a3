import { eventIdParamsSchema, signUpSchema } from '../../../shared/api/events';
import { created, route } from '../../lib/http';
import { signupService } from '../signupService';
import { toOwnSignupView } from '../views';

export const handler = route(
  { access: 'user', params: eventIdParamsSchema, body: signUpSchema },
  // With an Idempotency-Key, a retry after a 5xx answers the signup its first run wrote (201), never a second one.
  async ({ params, body, user, headers }) => {
    const signup = await signupService.join(params.id, user, body, headers['idempotency-key']);
    return created({ signup: toOwnSignupView(signup) });
  },
);
