import { eventIdParamsSchema, signUpSchema } from '../../../shared/api/events';
import { created, route } from '../../lib/http';
import { signupService } from '../signupService';
import { toOwnSignupView } from '../views';

export const handler = route(
  { access: 'user', params: eventIdParamsSchema, body: signUpSchema },
  async ({ params, body, user }) => {
    return created({ signup: toOwnSignupView(await signupService.join(params.id, user, body)) });
  },
);
